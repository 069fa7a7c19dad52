/**
 * Steps shared by the runner and the rebuild job: apply one batch with its checkpoint
 * compare-and-set in one transaction, read a build up to the head, and switch over.
 */
import type { RecordedEvent } from '../events/types.js';
import { START, type Checkpoint, type EventStore, type GlobalEvent } from '../store/event-store.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { inSpan } from '../telemetry/spans.js';
import { BulkCheckpointMovedError, bulkLoad, canBulkLoad, isBulkCheckpoint } from './bulk-load.js';
import { advanceCheckpoint, getBuild, listBuilds, markActive, deleteBuild, type Build } from './builds.js';
import { projectionContext } from './context.js';
import type { Projection } from './projection.js';
import { ProjectionSession } from './session.js';
import { CheckpointMovedError, type BuildRef } from './build-ref.js';
import { isUnavailable } from '../db/errors.js';
import { ensureParkedTable, type NewParkedEvent } from './parking/parked-table.js';
import { applyBatchParking, PoisonGuard, skipParked } from './parking/poison.js';

export { CheckpointMovedError, type BuildRef };

export interface ApplyOptions {
  /** What the projection keeps between batches of this locked run. */
  session?: ProjectionSession;
  /**
   * Commit without waiting for the WAL flush (building a version nobody reads yet). A crash can
   * lose the last few batches, but each batch's writes and its checkpoint are lost together, so
   * the build resumes from an older checkpoint; the switch-over's normal commit flushes them all.
   */
  asyncCommit?: boolean;
  /**
   * Runs in the batch transaction after the checkpoint compare-and-set, before `apply`, and
   * returns the events to apply (the runner parks the events of streams with a parked event).
   */
  prepare?: (tx: SqlExecutor, events: RecordedEvent[]) => Promise<RecordedEvent[]>;
}

/**
 * Applies `events` and moves the checkpoint from `expected` to `next` in one transaction.
 * Throws CheckpointMovedError (nothing written) when another worker got there first or the build
 * was retired by a switch-over.
 */
export async function applyBatch(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  build: BuildRef,
  expected: Checkpoint,
  next: Checkpoint,
  events: RecordedEvent[],
  options: ApplyOptions = {},
): Promise<void> {
  const { session } = options;
  const attributes = {
    'projection.name': build.name,
    'projection.version': build.version,
    'projection.events': events.length,
  };
  try {
    await inSpan('projection.batch', attributes, () =>
      sql.transaction(async (tx) => {
        if (options.asyncCommit) await tx.query('set local synchronous_commit = off');
        if (!(await advanceCheckpoint(tx, build, expected, next, events.length))) {
          throw new CheckpointMovedError(build.name, build.version);
        }
        const apply = options.prepare ? await options.prepare(tx, events) : events;
        if (apply.length > 0)
          await projection.apply(
            apply,
            tx,
            projectionContext(store, build.version, { batch: apply, session, tx, sql }),
          );
      }),
    );
  } catch (error) {
    session?.failed();
    throw error;
  }
  session?.committed();
}

/**
 * Creates the build's tables. With `bulk`, a build that has applied nothing yet (or is mid bulk
 * load) gets the projection's bare bulk tables instead, when the bulk path can be taken.
 */
export async function initBuild(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  version: number,
  options: { bulk?: boolean } = {},
): Promise<void> {
  let init = projection.init;
  if (canBulkLoad(store, projection)) {
    const build = await getBuild(sql, projection.name, version);
    // An interrupted bulk load keeps its bare tables whatever this run was asked for: it finishes in bulk.
    if (build && (isBulkCheckpoint(build.checkpoint) || (options.bulk && build.checkpoint === START)))
      init = projection.bulk!.init;
  }
  await sql.transaction((tx) => init(tx, projectionContext(store, version)));
}

export interface CatchUpOptions {
  batchSize: number;
  signal?: AbortSignal;
  /** After each committed batch. */
  onBatch?: (applied: number) => void;
  /** Batches commit without waiting for the WAL flush (only for a build that is not active yet). */
  asyncCommit?: boolean;
  /** Full passes over the log before giving up on "no new events" under constant load. */
  maxPasses?: number;
  /**
   * Fill a build that starts empty (or is mid bulk load) with the bulk path (bulk-load.ts) when the
   * store and projection support it; its tables must come from initBuild with `bulk`.
   */
  bulk?: boolean;
  /**
   * Failed attempts at one batch (not outages) before its events are tried one by one and the
   * failing ones parked. Default 3 (DEFAULT_POISON_ATTEMPTS).
   */
  poisonAttempts?: number;
  /** Events this catch-up just parked (after their batch or chunk committed), with the errors thrown. */
  onParked?: (parked: readonly NewParkedEvent[], failures: readonly { error: unknown }[]) => void;
}

export interface CatchUpResult {
  /** Events read and committed past (parked ones included). */
  applied: number;
  /** Events this catch-up parked (those the projection threw on, and the ones behind them). */
  parked: number;
}

/**
 * Reads the build from its checkpoint to the head in batches, one transaction each. Repeats
 * passes until one finds nothing new (or maxPasses), so the build is at the head when it returns.
 * Events the projection keeps throwing on are parked in the build (parking/), not fatal.
 */
export async function catchUp(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  build: BuildRef,
  options: CatchUpOptions,
): Promise<CatchUpResult> {
  const current = await getBuild(sql, build.name, build.version);
  if (!current) throw new Error(`projection ${build.name} has no build v${build.version}`);
  await ensureParkedTable(sql);
  let checkpoint = current.checkpoint;
  let total = 0;
  let parked = 0;
  if (
    isBulkCheckpoint(checkpoint) ||
    (options.bulk && checkpoint === START && canBulkLoad(store, projection))
  ) {
    try {
      const loaded = await bulkLoad(sql, store, projection, build, checkpoint, {
        chunkEvents: options.batchSize,
        signal: options.signal,
        asyncCommit: options.asyncCommit,
        onChunk: options.onBatch,
        onParked: options.onParked,
      });
      checkpoint = loaded.checkpoint;
      total += loaded.applied;
      parked += loaded.parked;
    } catch (error) {
      if (error instanceof BulkCheckpointMovedError)
        throw new CheckpointMovedError(build.name, build.version);
      throw error;
    }
  }
  // This run holds the build's lock: the projection may keep what it learns between batches.
  const session = new ProjectionSession(checkpoint === START);
  // As the runner does (parking/poison.ts): a stream with a parked event (the bulk load's, or one
  // parked below) has its later events parked behind it; a batch the projection keeps throwing on
  // is applied event by event and what it throws on is parked. Outages are never parked.
  const poison = new PoisonGuard(options.poisonAttempts);
  const prepare = skipParked(build);
  const applyOrPark = async (from: Checkpoint, batch: ReadBatch): Promise<number> => {
    for (;;) {
      const isolating = poison.isolating(from);
      try {
        if (!isolating) {
          await applyBatch(sql, store, projection, build, from, batch.checkpoint, batch.events, {
            session,
            asyncCommit: options.asyncCommit,
            prepare,
          });
          poison.succeeded();
          return 0;
        }
        const result = await applyBatchParking(
          sql,
          store,
          projection,
          build,
          from,
          batch.checkpoint,
          batch.events,
          poison.attempts,
          // The build serves nobody yet: a projection that fails on everything fails the build.
          { asyncCommit: options.asyncCommit, refuseWholesale: true },
        );
        // The memo saw none of this (a failed savepoint would have made it untrue): start it over.
        session.failed();
        poison.succeeded();
        if (result.parked.length > 0) {
          prepare.parked();
          options.onParked?.(result.parked, result.failures);
        }
        return result.parked.length;
      } catch (error) {
        // Outages and a moved checkpoint fail the catch-up as before; so does a batch that
        // cannot even be applied event by event.
        if (isolating || isUnavailable(error) || error instanceof CheckpointMovedError) throw error;
        poison.failed(from, error);
        options.signal?.throwIfAborted();
      }
    }
  };
  for (let pass = 0; pass < (options.maxPasses ?? 5); pass++) {
    let read = 0;
    const batches = prefetchBatches(
      store.readAll({
        after: checkpoint,
        filter: projection.filter,
        batchSize: options.batchSize,
        raw: false,
      }),
      options.batchSize,
    );
    try {
      for (;;) {
        const batch = await batches.next();
        if (!batch) break;
        read += batch.events.length;
        options.signal?.throwIfAborted();
        parked += await applyOrPark(checkpoint, batch);
        checkpoint = batch.checkpoint;
        total += batch.events.length;
        options.onBatch?.(batch.events.length);
      }
    } finally {
      await batches.close();
    }
    if (read === 0) break;
  }
  return { applied: total, parked };
}

interface ReadBatch {
  events: RecordedEvent[];
  checkpoint: Checkpoint;
}

/**
 * Batches of `size` from a global read, reading the next batch while the caller applies the
 * current one (on PostgreSQL the read runs on another pooled connection, so the database reads
 * while this process folds and writes).
 */
function prefetchBatches(
  source: AsyncIterable<GlobalEvent>,
  size: number,
): { next(): Promise<ReadBatch | undefined>; close(): Promise<void> } {
  const it = source[Symbol.asyncIterator]();
  let done = false;
  const read = async (): Promise<ReadBatch | undefined> => {
    const events: RecordedEvent[] = [];
    let checkpoint: Checkpoint | undefined;
    while (!done && events.length < size) {
      const r = await it.next();
      if (r.done) {
        done = true;
        break;
      }
      events.push(r.value.event);
      checkpoint = r.value.checkpoint;
    }
    return checkpoint === undefined ? undefined : { events, checkpoint };
  };
  let ahead: Promise<ReadBatch | undefined> | undefined = read();
  ahead.catch(() => undefined);
  return {
    async next() {
      if (!ahead) return undefined;
      const batch = await ahead;
      ahead = batch && !done ? read() : undefined;
      ahead?.catch(() => undefined);
      return batch;
    },
    async close() {
      const pending = ahead;
      ahead = undefined;
      await pending?.catch(() => undefined);
      await it.return?.();
    },
  };
}

/**
 * Makes `version` the active build: flips the catalog and re-points the stable views in ONE
 * transaction, so a reader sees either the old build's tables or the new one's.
 */
export async function switchOver(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  version: number,
): Promise<number | undefined> {
  return sql.transaction(async (tx) => {
    const previous = await markActive(tx, projection.name, version);
    await projection.activate?.(tx, projectionContext(store, version));
    return previous;
  });
}

/** Drops retired builds other than the most recent one (kept for a quick look back after a switch). */
export async function pruneRetired(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  keep = 1,
): Promise<number[]> {
  const retired = (await listBuilds(sql, projection.name)).filter((b: Build) => b.state === 'retired');
  const drop = retired.slice(0, Math.max(0, retired.length - keep));
  for (const b of drop) {
    await sql.transaction(async (tx) => {
      await projection.drop?.(tx, projectionContext(store, b.version));
      await deleteBuild(tx, projection.name, b.version);
    });
  }
  return drop.map((b) => b.version);
}
