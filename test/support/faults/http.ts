/**
 * Small HTTP helpers for reliability tests: a POST that never throws (a refused or reset connection
 * is an outcome too), and a tally of outcomes per category for the figures in docs/reliability.md.
 */
import http from 'node:http';

export interface PostResult {
  /** HTTP status, or 0 when there was no answer (refused, reset, timed out). */
  status: number;
  body: string;
  error?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * POST with node:http (not fetch) so any bytes and any header value Node allows can be sent,
 * including no content-type at all. Resolves on every outcome.
 */
export function post(
  url: string,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
  timeoutMs = 10_000,
): Promise<PostResult> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: PostResult): void => {
      if (done) return;
      done = true;
      resolve(r);
    };
    let request: http.ClientRequest;
    try {
      request = http.request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent,
        timeout: timeoutMs,
      });
    } catch (error) {
      // An invalid header value is refused by Node before anything is sent.
      finish({ status: -1, body: '', error: (error as Error).message });
      return;
    }
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        finish({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', (e) => finish({ status: response.statusCode ?? 0, body: '', error: e.message }));
    });
    request.on('timeout', () => {
      request.destroy(new Error('timeout'));
    });
    request.on('error', (e) => finish({ status: 0, body: '', error: e.message }));
    request.end(body);
  });
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<PostResult> {
  try {
    const response = await fetch(url, { headers });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: '', error: (error as Error).message };
  }
}

/** Counts outcomes per category: `{ "arbitrary bytes, signed": { "202": 150 } }`. */
export class Tally {
  readonly counts: Record<string, Record<string, number>> = {};

  add(category: string, status: number | string): void {
    const c = (this.counts[category] ??= {});
    c[String(status)] = (c[String(status)] ?? 0) + 1;
  }

  total(): number {
    return Object.values(this.counts).reduce(
      (sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0),
      0,
    );
  }

  statuses(): Set<string> {
    return new Set(Object.values(this.counts).flatMap((c) => Object.keys(c)));
  }
}

export function closeAgents(): void {
  agent.destroy();
}
