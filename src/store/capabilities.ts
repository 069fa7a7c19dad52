/**
 * Optional capabilities of an EventStore, beside the contract every adapter implements
 * (event-store.ts). Callers test for one with its guard and fall back to the contract's calls
 * when a store lacks it. The SQL store has all three; memory and KurrentDB have none.
 */
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import type { RecordedEvent } from '../events/types.js';
import type { Checkpoint, EventFilter, EventStore } from './event-store.js';

export interface OrderedStreamsRequest {
  /** A checkpoint from headCheckpoint: only events at or below it are returned. */
  below: Checkpoint;
  /** Keyset to continue after (exclusive); `streamVersion` omitted = after that whole stream. */
  after?: { streamId: string; streamVersion?: number };
  limit: number;
  /** Whether events carry the delivery body (`raw`); default false (empty strings). */
  raw?: boolean;
}

export interface OrderedStreamsPage {
  events: RecordedEvent[];
  /** The keyset to continue after. */
  after?: { streamId: string; streamVersion: number };
  /** The store has nothing after this page. */
  done: boolean;
}

/**
 * Reads events at or below a checkpoint in (stream id, stream version) order, a page at a time:
 * for a bulk rebuild, which folds every stream once and in full. Below a checkpoint that
 * headCheckpoint returned the set never changes.
 */
export interface OrderedStreamsReader {
  readStreamsOrdered(request: OrderedStreamsRequest): Promise<OrderedStreamsPage>;
}

/** Counts what readAll({ after, filter }) would return now, without reading it. */
export interface EventCounter {
  countEvents(options: { after?: Checkpoint; filter?: EventFilter }): Promise<number>;
}

/** Reads several streams, each up to its `to` (inclusive; no cap when omitted), in one round trip. */
export interface MultiStreamReader {
  /**
   * Stream id -> events in stream-version order (streams without events are left out), without
   * the delivery bodies (`raw` is ''): this is the projections' refold read, and no fold reads them.
   * `executor`: a transaction of the store's `client`, to read inside it (PGlite has one
   * connection: a read through the client while its transaction is open would wait for ever).
   */
  readStreams(
    streams: readonly { streamId: string; to?: number }[],
    executor?: SqlExecutor,
  ): Promise<Map<string, RecordedEvent[]>>;
  /** The SQL client the store reads through, when it has one. */
  readonly client?: SqlClient;
}

export function isOrderedStreamsReader(store: EventStore): store is EventStore & OrderedStreamsReader {
  return typeof (store as Partial<OrderedStreamsReader>).readStreamsOrdered === 'function';
}

export function isEventCounter(store: EventStore): store is EventStore & EventCounter {
  return typeof (store as Partial<EventCounter>).countEvents === 'function';
}

export function isMultiStreamReader(store: EventStore): store is EventStore & MultiStreamReader {
  return typeof (store as Partial<MultiStreamReader>).readStreams === 'function';
}

/**
 * A store that wraps another (the record's sealing decorator): `inner` is what it writes to, and
 * `openAll` turns events read from `inner` into what readers of this store see. Code that must
 * read the SQL store's pages itself (partitioned projections) reads `inner` and opens the events.
 */
export interface DecoratingStore {
  readonly inner: EventStore;
  openAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]>;
}

export function isDecoratingStore(store: EventStore): store is EventStore & DecoratingStore {
  const s = store as Partial<DecoratingStore>;
  return s.inner !== undefined && typeof s.openAll === 'function';
}

/** The innermost store under any decorators, and how to open its events as `store` shows them. */
export function undecorated(store: EventStore): {
  inner: EventStore;
  open: (events: readonly RecordedEvent[]) => Promise<RecordedEvent[]>;
} {
  const layers: DecoratingStore[] = [];
  let inner = store;
  while (isDecoratingStore(inner)) {
    layers.push(inner);
    inner = inner.inner;
  }
  const innermostFirst = layers.reverse();
  return {
    inner,
    async open(events) {
      let out = [...events];
      for (const layer of innermostFirst) out = await layer.openAll(out);
      return out;
    },
  };
}
