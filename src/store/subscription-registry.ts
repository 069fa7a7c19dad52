/**
 * The live subscriptions of one store, so `close()` can stop them all. Every adapter starts its
 * subscriptions through here with its own PollSource; only the source differs between adapters.
 */
import { START, type EventBatch, type SubscribeOptions, type Subscription } from './event-store.js';
import { startSubscriptionLoop, type PollSource } from './subscription-loop.js';

export class SubscriptionRegistry {
  readonly #live = new Set<Subscription>();

  start<Mark>(
    source: PollSource<Mark>,
    options: SubscribeOptions,
    defaults: { batchSize: number; pollIntervalMs: number },
    handler: (batch: EventBatch) => Promise<void>,
  ): Subscription {
    const loop = startSubscriptionLoop(
      source,
      {
        after: options.after ?? START,
        filter: options.filter,
        batchSize: options.batchSize ?? defaults.batchSize,
        raw: options.raw ?? true,
        pollIntervalMs: defaults.pollIntervalMs,
        onError: options.onError,
      },
      handler,
    );
    this.#live.add(loop);
    return {
      caughtUp: () => loop.caughtUp(),
      stop: async () => {
        this.#live.delete(loop);
        await loop.stop();
      },
    };
  }

  async stopAll(): Promise<void> {
    const live = [...this.#live];
    this.#live.clear();
    await Promise.all(live.map((s) => s.stop().catch(() => undefined)));
  }
}
