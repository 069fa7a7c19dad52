/**
 * Steps shared by the runner and the rebuild job: apply one batch with its checkpoint
 * compare-and-set in one transaction, read a build up to the head, and switch over.
 */
import type { RecordedEvent } from '../events/types.js';
import type { Checkpoint, EventStore } from '../store/event-store.js';
import type { SqlClient } from '../store/sql-client.js';
import { advanceCheckpoint, getBuild, listBuilds, markActive, deleteBuild, type Build } from './catalog.js';
import { projectionContext } from './context.js';
import type { Projection } from './projection.js';

export class CheckpointMovedError extends Error {
  override readonly name = 'CheckpointMovedError';
  constructor(
    readonly projection: string,
    readonly version: number,
  ) {
    super(`projection ${projection} v${version}: checkpoint moved or build retired; batch not applied`);
  }
}

export interface BuildRef {
  name: string;
  version: number;
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
): Promise<void> {
  await sql.transaction(async (tx) => {
    if (!(await advanceCheckpoint(tx, build, expected, next, events.length))) {
      throw new CheckpointMovedError(build.name, build.version);
    }
    if (events.length > 0) await projection.apply(events, tx, projectionContext(store, build.version, events));
  });
}

export async function initBuild(sql: SqlClient, store: EventStore, projection: Projection, version: number): Promise<void> {
  await sql.transaction((tx) => projection.init(tx, projectionContext(store, version)));
}

export interface CatchUpOptions {
  batchSize: number;
  signal?: AbortSignal;
  /** After each committed batch. */
  onBatch?: (applied: number) => void;
  /** Full passes over the log before giving up on "no new events" under constant load. */
  maxPasses?: number;
}

/**
 * Reads the build from its checkpoint to the head in batches, one transaction each. Repeats
 * passes until one finds nothing new (or maxPasses), so the build is at the head when it returns.
 */
export async function catchUp(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  build: BuildRef,
  options: CatchUpOptions,
): Promise<number> {
  const current = await getBuild(sql, build.name, build.version);
  if (!current) throw new Error(`projection ${build.name} has no build v${build.version}`);
  let checkpoint = current.checkpoint;
  let total = 0;
  for (let pass = 0; pass < (options.maxPasses ?? 5); pass++) {
    let read = 0;
    let events: RecordedEvent[] = [];
    let last = checkpoint;
    const flush = async (): Promise<void> => {
      options.signal?.throwIfAborted();
      await applyBatch(sql, store, projection, build, checkpoint, last, events);
      checkpoint = last;
      total += events.length;
      options.onBatch?.(events.length);
      events = [];
    };
    for await (const g of store.readAll({ after: checkpoint, filter: projection.filter, batchSize: options.batchSize })) {
      events.push(g.event);
      last = g.checkpoint;
      read += 1;
      if (events.length >= options.batchSize) await flush();
    }
    if (events.length > 0) await flush();
    if (read === 0) break;
  }
  return total;
}

/**
 * Makes `version` the active build: flips the catalog and re-points the stable views in ONE
 * transaction, so a reader sees either the old build's tables or the new one's.
 */
export async function switchOver(sql: SqlClient, store: EventStore, projection: Projection, version: number): Promise<number | undefined> {
  return sql.transaction(async (tx) => {
    const previous = await markActive(tx, projection.name, version);
    await projection.activate?.(tx, projectionContext(store, version));
    return previous;
  });
}

/** Drops retired builds other than the most recent one (kept for a quick look back after a switch). */
export async function pruneRetired(sql: SqlClient, store: EventStore, projection: Projection, keep = 1): Promise<number[]> {
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
