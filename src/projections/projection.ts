/**
 * A projection keeps SQL read models current from the global event order. The runner applies
 * batches and writes its checkpoint in the same transaction as `apply`'s writes.
 */
import type { RecordedEvent } from '../events/types.js';
import type { EventFilter } from '../store/event-store.js';
import type { SqlExecutor } from '../db/sql-client.js';
import type { ProjectionSession } from './session.js';

export interface ProjectionContext {
  /** Table name for this projection version, e.g. `table('aggregate_state')` -> `rm_aggregate_state_v3`. */
  table(base: string): string;
  /**
   * Loads every event of a stream in fold order (for refolding a stream after a late event).
   * For a stream in the current batch it stops at the batch's newest event of that stream, so a
   * refold never includes events the checkpoint has not reached; `to` caps it explicitly.
   */
  readStream(streamId: string, options?: { to?: number }): Promise<RecordedEvent[]>;
  /**
   * readStream for many streams in one round trip where the store can (same caps: each stream
   * stops at the batch's newest event of it). Every requested id is in the result, in fold order.
   */
  readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>>;
  /** Table version of the build being written (the `N` of `_vN`). */
  readonly version: number;
  /** Memory kept between batches of one locked run (absent outside a runner or rebuild batch). */
  readonly session?: ProjectionSession;
  /**
   * Other transactions may write these tables at the same time (partitioned projections, each
   * partition its own streams' rows): rows shared between subjects must be serialised explicitly.
   */
  readonly concurrentWriters?: boolean;
}

/**
 * A projection's bulk path, for filling a new, empty build from the first event (see bulk-load.ts).
 * It receives every stream once, whole, in stream-version order; the rows it writes must equal what
 * `apply` writes for the same events.
 */
export interface BulkProjection {
  /** Creates this version's tables without keys or secondary indexes (idempotent). */
  init(tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
  /**
   * Folds whole streams into rows, in memory, no I/O. Called on slices of a chunk with the event
   * loop let go in between, so the previous chunk's statements keep flowing while this one folds.
   * `copy`: the chunk's transaction can COPY (copy.ts), so rows may be encoded for it.
   */
  prepare(streams: readonly (readonly RecordedEvent[])[], options?: { copy?: boolean }): unknown;
  /** Writes what `prepare` returned for each slice of the chunk, inside the chunk's transaction. */
  write(prepared: readonly unknown[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
  /** After the last chunk, in one transaction: keys, indexes, passes that need every row. */
  finish(tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
}

export interface Projection {
  name: string;
  /** Bump when the projection's logic or tables change; rebuild builds the new version beside the old. */
  version: number;
  filter?: EventFilter;
  /** Creates this version's tables (idempotent). */
  init(tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
  /** Applies a batch in global order. Must be deterministic: the same batch twice leaves the same tables. */
  apply(batch: RecordedEvent[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
  /**
   * Points the stable views (`aggregate_state`, …) at this build's tables. Runs inside the
   * switch-over transaction, so readers see the old tables or the new ones, never a mix.
   */
  activate?(tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
  /** Optional bulk path for a build filled from the first event (used when the event store can read streams in order). */
  bulk?: BulkProjection;
  /** Drops this build's tables (a retired build being pruned). */
  drop?(tx: SqlExecutor, ctx: ProjectionContext): Promise<void>;
}
