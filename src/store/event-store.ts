/**
 * The event store contract. Every adapter (memory, PostgreSQL/PGlite, KurrentDB) implements it and
 * passes the same contract suite (test/store/contract.ts); the rest of the product sees only this.
 */
import type { NewEvent, RecordedEvent } from '../events/types.js';

/** `'any'`: no check; `'no-stream'`: must not exist; `'exists'`: must exist; n: current version must be n. */
export type ExpectedVersion = 'any' | 'no-stream' | 'exists' | number;

/**
 * Opaque, adapter-defined position in the global order. Store it and hand it back as `after`;
 * never compare or parse it outside the adapter. `START` reads from the first event.
 */
export type Checkpoint = string;
export const START: Checkpoint = '';

export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Current version, or 'no-stream' when the stream does not exist. */
    readonly actual: number | 'no-stream',
  ) {
    super(
      `stream ${JSON.stringify(streamId)}: expected version ${String(expected)}, actual ${String(actual)}`,
    );
  }
}

/** The store could not be reached or failed mid-operation; nothing was written. Callers may retry. */
export { StoreUnavailableError } from '../db/errors.js';

/**
 * The store refused an event for what it contains (e.g. text the backend cannot hold); the same
 * append will be refused on every retry. Adapters map their backend's such errors to this.
 */
export class StoreRefusedError extends Error {
  override readonly name = 'StoreRefusedError';
  constructor(
    /** What the backend said, without the event's content, e.g. `SQLSTATE 22021`. */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`the event store refused the event (${detail})`, options);
  }
}

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
}

export interface AppendResult {
  streamId: string;
  /** Stream version after the append (unchanged when everything was a duplicate). */
  version: number;
  /** Events written by this call, in order. */
  appended: { eventId: string; streamVersion: number; position: bigint }[];
  /** Event ids that were already stored (anywhere) and were not written again. */
  duplicates: string[];
}

export interface ReadStreamOptions {
  /** First stream version to return (inclusive, 1-based). Forwards default 1. */
  from?: number;
  /** Last stream version to return (inclusive). */
  to?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
  /**
   * Whether events carry the stored delivery body, as ReadAllOptions.raw: with `false` adapters
   * that can leave it out do (the SQL store), and `raw` is then the empty string. Default true.
   */
  raw?: boolean;
}

export interface EventFilter {
  /** Stream categories: the stream id prefix before the vendor id, e.g. `inquiry`, `user-profile`. */
  categories?: string[];
  /** Exact event types. */
  types?: string[];
}

export interface ReadAllOptions {
  /** Return only events after this checkpoint. Default START. */
  after?: Checkpoint;
  filter?: EventFilter;
  batchSize?: number;
  /**
   * Whether events carry the stored delivery body (`raw`). Default true. With `false` every event's
   * `raw` is the empty string and adapters that can avoid reading it do (the SQL store does not
   * select the column): for readers that fold or project and never look at the original bytes.
   */
  raw?: boolean;
}

/** An event in the global order together with the checkpoint that resumes after it. */
export interface GlobalEvent {
  event: RecordedEvent;
  checkpoint: Checkpoint;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Called on errors the subscription recovered from (it keeps retrying). */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Resolves once everything committed before the call has been handed to the handler. */
  caughtUp(): Promise<void>;
  /** Stops following; resolves when the handler is no longer running. */
  stop(): Promise<void>;
}

/** A batch from a subscription: events in global order and the checkpoint after the last one. */
export interface EventBatch {
  events: RecordedEvent[];
  checkpoint: Checkpoint;
}

export interface AppendBatchItem {
  streamId: string;
  events: NewEvent[];
  expectedVersion?: ExpectedVersion;
}

export interface EventStore {
  /** Appends events to one stream atomically. Events whose id is already stored are reported as duplicates. */
  append(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Appends to many streams in one transaction (imports, rebuild tests, benchmarks). All or nothing. */
  appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Global commit order: a reader never skips an event that commits later with a lower position. */
  readAll(options?: ReadAllOptions): AsyncIterable<GlobalEvent>;
  /** Catch up from `after`, then follow live appends. The handler runs one batch at a time. */
  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription;
  /** Current version of a stream, or 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /** Whether an event id is already stored (intake's fast duplicate check). */
  hasEvent(eventId: string): Promise<boolean>;
  /** Checkpoint of the newest event (START when empty): lets a runner know what "caught up" means. */
  headCheckpoint(): Promise<Checkpoint>;
  /** True when the backend answers. Never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
