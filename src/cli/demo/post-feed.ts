/**
 * Posts a feed to a running intake over HTTP, signed per delivery at send time. Deliveries of one
 * subject go through one lane in feed order (AiPrise callbacks carry no event time, so their order
 * is their arrival order); lanes run concurrently, as a vendor's delivery workers would, each on
 * its own kept-alive connection. node:http rather than fetch: the poster shares the process (and
 * its CPU) with the service it posts to, and fetch's streams cost several times the CPU per request.
 */
import { Agent, request } from 'node:http';
import type { FeedDelivery } from './feed-event.js';
import { signedHeaders, type DemoSecrets } from './sign.js';

export interface PostSummary {
  /** HTTP status -> count. */
  statuses: Record<string, number>;
  /** Intake outcome (from the response body) -> count. */
  outcomes: Record<string, number>;
  seconds: number;
}

function laneOf(key: string, lanes: number): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(h) % lanes;
}

export async function postFeed(
  baseUrl: string,
  deliveries: readonly FeedDelivery[],
  secrets: DemoSecrets,
  options: { concurrency: number; onProgress?: (done: number) => void },
): Promise<PostSummary> {
  const lanes: FeedDelivery[][] = Array.from({ length: Math.max(1, options.concurrency) }, () => []);
  for (const d of deliveries) lanes[laneOf(`${d.subject.kind}/${d.subject.id}`, lanes.length)]!.push(d);
  const statuses: Record<string, number> = {};
  const outcomes: Record<string, number> = {};
  let done = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: lanes.length });
  const started = performance.now();
  try {
    await Promise.all(
      lanes.map(async (lane) => {
        for (const d of lane) {
          const response = await post(
            new URL(`/webhooks/${d.source}`, baseUrl),
            signedHeaders(d.source, d.body, secrets),
            d.body,
            agent,
          );
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const outcome = outcomeOf(response.body) ?? `http_${response.status}`;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          done++;
          if (done % 250 === 0) options.onProgress?.(done);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  options.onProgress?.(done);
  return { statuses, outcomes, seconds: (performance.now() - started) / 1000 };
}

function outcomeOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { outcome?: unknown };
    return typeof parsed.outcome === 'string' ? parsed.outcome : undefined;
  } catch {
    return undefined;
  }
}

function post(
  url: URL,
  headers: Record<string, string>,
  body: string,
  agent: Agent,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
