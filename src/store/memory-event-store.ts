/**
 * In-process EventStore for unit tests and quick library use. Same contract as the SQL and
 * KurrentDB adapters (test/store/contract.ts); nothing survives the process.
 * Stored events are deep-frozen copies, so callers can neither change the log nor be changed by it.
 */
import type { NewEvent, RecordedEvent } from '../events/types.js';
import { categoryPrefixes, canonicalTime, checkAppendItems, splitRepeats } from './append-input.js';
import {
  START,
  StoreUnavailableError,
  type AppendBatchItem,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventBatch,
  type EventFilter,
  type EventStore,
  type GlobalEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from './event-store.js';
import { assertExpected } from './expected-version.js';
import type { PollSource } from './subscription-loop.js';
import { SubscriptionRegistry } from './subscription-registry.js';

export interface MemoryEventStoreOptions {
  /** Fallback polling interval for subscriptions; appends also wake them directly. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Clock for recordedAt (tests pin it). */
  now?: () => Date;
}

const DEFAULT_BATCH = 500;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** ReadAllOptions.raw false: the same frozen event with an empty delivery body. */
function withoutRaw(event: RecordedEvent): RecordedEvent {
  return Object.freeze({ ...event, raw: '' });
}

/** Memory checkpoints are the 1-based global position as a decimal string. */
function positionOf(checkpoint: Checkpoint): number {
  if (checkpoint === START) return 0;
  if (!/^\d+$/.test(checkpoint))
    throw new TypeError(`not a memory-store checkpoint: ${JSON.stringify(checkpoint)}`);
  return Number(checkpoint);
}

function matches(
  event: RecordedEvent,
  prefixes: string[] | undefined,
  types: Set<string> | undefined,
): boolean {
  if (prefixes && !prefixes.some((p) => event.streamId.startsWith(p))) return false;
  if (types && !types.has(event.type)) return false;
  return true;
}

export class MemoryEventStore implements EventStore {
  readonly #log: RecordedEvent[] = [];
  readonly #streams = new Map<string, RecordedEvent[]>();
  readonly #ids = new Set<string>();
  readonly #wakers = new Set<() => void>();
  readonly #subscriptions = new SubscriptionRegistry();
  readonly #pollIntervalMs: number;
  readonly #now: () => Date;
  #closed = false;

  constructor(options: MemoryEventStoreOptions = {}) {
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#now = options.now ?? (() => new Date());
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendBatch([{ streamId, events, expectedVersion: options.expectedVersion }]);
    return result!;
  }

  async appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    this.#open();
    checkAppendItems(items);
    // Plan everything first so a conflict in any item leaves the log untouched (all or nothing).
    const seen = new Set<string>();
    const versions = new Map<string, number>();
    const plans = items.map((item) => {
      const { fresh, repeated } = splitRepeats(item.events, seen);
      const newOnes = fresh.filter((e) => !this.#ids.has(e.eventId));
      const duplicates = [
        ...repeated,
        ...fresh.filter((e) => this.#ids.has(e.eventId)).map((e) => e.eventId),
      ];
      const current = versions.get(item.streamId) ?? this.#streams.get(item.streamId)?.length ?? 0;
      // Duplicates are checked first: a redelivery with a stale expected version is still a duplicate.
      if (newOnes.length > 0) assertExpected(item.streamId, item.expectedVersion ?? 'any', current);
      versions.set(item.streamId, current + newOnes.length);
      return { item, newOnes, duplicates, base: current };
    });
    const recordedAt = this.#now().toISOString();
    const results = plans.map(({ item, newOnes, duplicates, base }) => {
      const stream = this.#streams.get(item.streamId) ?? [];
      this.#streams.set(item.streamId, stream);
      const appended = newOnes.map(({ category: _category, ...event }, i) => {
        const recorded: RecordedEvent = deepFreeze({
          ...structuredClone(event),
          occurredAt: canonicalTime(event.occurredAt),
          streamVersion: base + i + 1,
          position: BigInt(this.#log.length + 1),
          recordedAt,
        });
        this.#log.push(recorded);
        stream.push(recorded);
        this.#ids.add(recorded.eventId);
        return {
          eventId: recorded.eventId,
          streamVersion: recorded.streamVersion,
          position: recorded.position,
        };
      });
      return { streamId: item.streamId, version: stream.length, appended, duplicates };
    });
    if (results.some((r) => r.appended.length > 0)) for (const wake of this.#wakers) wake();
    return results;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.#open();
    const stream = this.#streams.get(streamId) ?? [];
    const limit = options.limit ?? Infinity;
    let count = 0;
    if (options.direction === 'backwards') {
      const from = Math.min(options.from ?? stream.length, stream.length);
      const to = Math.max(options.to ?? 1, 1);
      for (let v = from; v >= to && count < limit; v--, count++) yield stream[v - 1]!;
    } else {
      const from = Math.max(options.from ?? 1, 1);
      const to = Math.min(options.to ?? stream.length, stream.length);
      for (let v = from; v <= to && count < limit; v++, count++) yield stream[v - 1]!;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<GlobalEvent> {
    this.#open();
    let after = options.after ?? START;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const raw = options.raw ?? true;
    for (;;) {
      const page = this.#page(after, options.filter, batchSize, raw);
      yield* page;
      if (page.length < batchSize) return;
      after = page[page.length - 1]!.checkpoint;
    }
  }

  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription {
    this.#open();
    const source: PollSource<number> = {
      mark: async () => this.#log.length,
      target: async () => (this.#log.length === 0 ? null : this.#log.length),
      covers: (mark, target) => mark >= target,
      readPage: async (after, filter, limit, raw) => this.#page(after, filter, limit, raw),
      onWake: async (wake) => {
        this.#wakers.add(wake);
        return async () => void this.#wakers.delete(wake);
      },
    };
    return this.#subscriptions.start(
      source,
      options,
      { batchSize: DEFAULT_BATCH, pollIntervalMs: this.#pollIntervalMs },
      handler,
    );
  }

  async streamVersion(streamId: string): Promise<number> {
    this.#open();
    return this.#streams.get(streamId)?.length ?? 0;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    this.#open();
    return this.#ids.has(eventId);
  }

  async headCheckpoint(): Promise<Checkpoint> {
    this.#open();
    return this.#log.length === 0 ? START : String(this.#log.length);
  }

  async ping(): Promise<boolean> {
    return !this.#closed;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#subscriptions.stopAll();
    this.#closed = true;
    this.#wakers.clear();
  }

  #page(after: Checkpoint, filter: EventFilter | undefined, limit: number, raw: boolean): GlobalEvent[] {
    const prefixes = categoryPrefixes(filter?.categories);
    const types = filter?.types ? new Set(filter.types) : undefined;
    const page: GlobalEvent[] = [];
    for (let i = positionOf(after); i < this.#log.length && page.length < limit; i++) {
      const event = this.#log[i]!;
      if (matches(event, prefixes, types))
        page.push({ event: raw ? event : withoutRaw(event), checkpoint: String(i + 1) });
    }
    return page;
  }

  #open(): void {
    if (this.#closed) throw new StoreUnavailableError('memory event store is closed');
  }
}
