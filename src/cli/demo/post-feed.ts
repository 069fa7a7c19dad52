/**
 * Posts a feed to a running intake over HTTP, signed per delivery at send time. Deliveries of one
 * subject go through one lane in feed order (AiPrise callbacks carry no event time, so their order
 * is their arrival order); lanes run concurrently, as a vendor's delivery workers would.
 */
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
  const started = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const d of lane) {
        const response = await fetch(`${baseUrl}/webhooks/${d.source}`, {
          method: 'POST',
          headers: signedHeaders(d.source, d.body, secrets),
          body: d.body,
        });
        const body = (await response.json().catch(() => ({}))) as { outcome?: string };
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        const outcome = body.outcome ?? `http_${response.status}`;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        done++;
        if (done % 250 === 0) options.onProgress?.(done);
      }
    }),
  );
  options.onProgress?.(done);
  return { statuses, outcomes, seconds: (performance.now() - started) / 1000 };
}
