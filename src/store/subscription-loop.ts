/**
 * One subscription engine for every adapter: read pages after a checkpoint, hand them to the
 * handler one batch at a time, then sleep until woken (LISTEN/NOTIFY, an in-process signal or a
 * live server subscription) or until the polling interval passes, so a lost wake-up only delays.
 *
 * `caughtUp()` needs no sleeps: the adapter gives a `target` (the newest committed event when
 * called) and a `mark` taken before each pass; when a pass drains the pages, every event covered
 * by the mark has been handled, so waiters whose target the mark covers resolve.
 */
import { backoffMs } from '../db/retry.js';
import type { Checkpoint, EventBatch, EventFilter, GlobalEvent, Subscription } from './event-store.js';

export interface PollSource<Mark> {
  /** Taken before a pass; a pass that drains the pages has then handled everything the mark covers. */
  mark(): Promise<Mark>;
  /** What "everything committed now" means, or null when there is nothing to wait for. */
  target(): Promise<Mark | null>;
  covers(mark: Mark, target: Mark): boolean;
  /** One page after `after`; `raw: false` may leave out the delivery bodies (ReadAllOptions.raw). */
  readPage(
    after: Checkpoint,
    filter: EventFilter | undefined,
    limit: number,
    raw: boolean,
  ): Promise<GlobalEvent[]>;
  /** True when the last mark saw commits not yet readable (an older transaction open): poll again soon. */
  lagging?(): boolean;
  /** Registers a wake-up signal; returns its remover. Optional: polling alone is correct, only slower. */
  onWake?(wake: () => void): Promise<() => Promise<void>>;
}

export interface SubscriptionLoopOptions {
  after: Checkpoint;
  filter?: EventFilter;
  batchSize: number;
  /** ReadAllOptions.raw: whether events carry their delivery body. */
  raw: boolean;
  pollIntervalMs: number;
  onError?: (error: unknown) => void;
}

interface Waiter<Mark> {
  target: Mark;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function startSubscriptionLoop<Mark>(
  source: PollSource<Mark>,
  options: SubscriptionLoopOptions,
  handler: (batch: EventBatch) => Promise<void>,
): Subscription {
  let checkpoint = options.after;
  let stopped = false;
  let wakeRequested = false;
  let wakeSleeper: (() => void) | null = null;
  const waiters: Waiter<Mark>[] = [];

  const wake = (): void => {
    wakeRequested = true;
    wakeSleeper?.();
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (wakeRequested || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        wakeSleeper = null;
        resolve();
      }
      wakeSleeper = done;
    });

  const drain = async (): Promise<void> => {
    for (;;) {
      const page = await source.readPage(checkpoint, options.filter, options.batchSize, options.raw);
      if (page.length > 0 && !stopped) {
        const last = page[page.length - 1]!;
        await handler({ events: page.map((g) => g.event), checkpoint: last.checkpoint });
        checkpoint = last.checkpoint;
      }
      if (page.length < options.batchSize || stopped) return;
    }
  };

  const run = async (): Promise<void> => {
    let unlisten: (() => Promise<void>) | undefined;
    let failures = 0;
    while (!stopped) {
      try {
        if (!unlisten && source.onWake) unlisten = await source.onWake(wake);
        wakeRequested = false;
        const mark = await source.mark();
        await drain();
        failures = 0;
        for (let i = waiters.length - 1; i >= 0; i--) {
          const waiter = waiters[i]!;
          if (source.covers(mark, waiter.target)) {
            waiters.splice(i, 1);
            waiter.resolve();
          }
        }
        // Waiters left behind (an older transaction still open) need another pass soon.
        const soon = waiters.length > 0 || source.lagging?.() === true;
        await sleep(soon ? Math.min(options.pollIntervalMs, 20) : options.pollIntervalMs);
      } catch (error) {
        if (stopped) break;
        failures += 1;
        options.onError?.(error);
        await sleep(backoffMs(failures));
      }
    }
    if (unlisten) await unlisten().catch((error: unknown) => options.onError?.(error));
  };

  const running = run();

  return {
    async caughtUp(): Promise<void> {
      if (stopped) throw new Error('subscription stopped');
      const target = await source.target();
      if (target === null) return;
      await new Promise<void>((resolve, reject) => {
        waiters.push({ target, resolve, reject });
        wake();
      });
    },
    async stop(): Promise<void> {
      stopped = true;
      wakeSleeper?.();
      await running;
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('subscription stopped'));
    },
  };
}
