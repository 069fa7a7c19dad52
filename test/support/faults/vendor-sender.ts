/**
 * Delivers a feed the way the vendors do: every delivery is POSTed, and any that is not answered
 * 2xx (no answer, reset, timeout, 503, …) is retried with the same body until it is. Persona
 * signs each attempt with the attempt's time and sends its attempt headers; AiPrise signs the body.
 * The retry schedule is Persona's shape compressed to test time (default 0.1 s doubling to 1 s).
 */
import { createHmac } from 'node:crypto';
import { post } from './http.js';

export interface Delivery {
  source: 'persona' | 'aiprise';
  body: string;
}

export interface SenderSecrets {
  persona: string;
  aiprise: string;
}

export interface SenderOptions {
  baseUrl: string | (() => string);
  secrets: SenderSecrets;
  /** Deliveries in flight at once. Default 16. */
  concurrency?: number;
  /** Delay before attempt n+1 (the last one repeats). Default [100, 200, 400, 800, 1000]. */
  retryDelaysMs?: number[];
  /** Per attempt; vendors wait about 5 s. Default 5000. */
  timeoutMs?: number;
  /** Give up on one delivery after this many attempts (a test failure, never expected). Default 500. */
  maxAttempts?: number;
  /** Called after each delivery got its 2xx, with how many have so far. */
  onDelivered?: (delivered: number) => void;
  /** Stops retrying (the rest are left undelivered and counted in gaveUp). */
  signal?: AbortSignal;
}

export interface DeliveryOutcome {
  status: number;
  /** Parsed JSON answer of the final (2xx) attempt. */
  answer: { outcome?: string; eventId?: string; streamId?: string };
  attempts: number;
}

export interface SenderReport {
  outcomes: DeliveryOutcome[];
  attempts: number;
  /** Attempt results that were not 2xx, by status (0 = no answer: refused, reset or timed out). */
  retriedBecause: Record<string, number>;
  elapsedMs: number;
  gaveUp: number;
}

export function vendorHeaders(
  delivery: Delivery,
  secrets: SenderSecrets,
  attempt: number,
  firstAttemptAt: Date,
): Record<string, string> {
  if (delivery.source === 'persona') {
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', secrets.persona).update(`${t}.`).update(delivery.body).digest('hex');
    return {
      'content-type': 'application/json',
      'persona-signature': `t=${t},v1=${v1}`,
      'persona-webhook-attempts-made': String(attempt - 1),
      'persona-webhook-attempts-left': String(Math.max(0, 8 - attempt)),
      'persona-webhook-first-attempted-at': String(Math.floor(firstAttemptAt.getTime() / 1000)),
    };
  }
  return {
    'content-type': 'application/json',
    'x-hmac-signature': createHmac('sha256', secrets.aiprise).update(delivery.body).digest('hex'),
  };
}

export async function deliverAll(
  deliveries: readonly Delivery[],
  options: SenderOptions,
): Promise<SenderReport> {
  const concurrency = options.concurrency ?? 16;
  const delays = options.retryDelaysMs ?? [100, 200, 400, 800, 1000];
  const maxAttempts = options.maxAttempts ?? 500;
  const base = typeof options.baseUrl === 'function' ? options.baseUrl : () => options.baseUrl as string;
  const outcomes: DeliveryOutcome[] = new Array(deliveries.length);
  const retriedBecause: Record<string, number> = {};
  let attempts = 0;
  let delivered = 0;
  let gaveUp = 0;
  let next = 0;
  const started = Date.now();

  async function deliverOne(index: number): Promise<void> {
    const delivery = deliveries[index]!;
    const first = new Date();
    for (let attempt = 1; ; attempt++) {
      attempts++;
      const url = `${base()}/webhooks/${delivery.source}`;
      const r = await post(
        url,
        delivery.body,
        vendorHeaders(delivery, options.secrets, attempt, first),
        options.timeoutMs ?? 5000,
      );
      if (r.status >= 200 && r.status < 300) {
        let answer: DeliveryOutcome['answer'] = {};
        try {
          answer = JSON.parse(r.body) as DeliveryOutcome['answer'];
        } catch {
          // a 2xx without JSON is still delivered; the test checks the store
        }
        outcomes[index] = { status: r.status, answer, attempts: attempt };
        delivered++;
        options.onDelivered?.(delivered);
        return;
      }
      retriedBecause[String(r.status)] = (retriedBecause[String(r.status)] ?? 0) + 1;
      if (attempt >= maxAttempts || options.signal?.aborted) {
        gaveUp++;
        outcomes[index] = { status: r.status, answer: {}, attempts: attempt };
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[Math.min(attempt - 1, delays.length - 1)]));
    }
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length && !options.signal?.aborted) await deliverOne(next++);
    }),
  );
  return { outcomes, attempts, retriedBecause, elapsedMs: Date.now() - started, gaveUp };
}
