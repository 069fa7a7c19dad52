/**
 * The rebuild job: builds a projection's next table version from the first event while the active
 * version keeps serving, catches up to the head, then switches over in one transaction.
 *
 * - Killed midway, it resumes: the unfinished build (same code version, state `building`) keeps
 *   its checkpoint, and the next rebuild continues from there instead of starting another.
 * - Two rebuilds of one projection never run at once: each holds the `rebuild:<name>` advisory lock
 *   (and the build's own lock, which a runner following that version would hold).
 * - dryRun changes nothing and reports what would be built and how many events it would read.
 * - An event the projection keeps throwing on does not fail it: the build parks it (and its
 *   stream's later events) as the runner does, switches over, and `replay` applies them once the
 *   projection is fixed. An outage still fails it; a rerun resumes.
 */
import type { Checkpoint, EventFilter, EventStore } from '../store/event-store.js';
import { isEventCounter } from '../store/capabilities.js';
import { START } from '../store/event-store.js';
import type { SqlClient } from '../db/sql-client.js';
import { ensureCatalog, insertBuild, listBuilds, nextBuildVersion, resumableBuild } from './builds.js';
import { catchUp, initBuild, pruneRetired, switchOver } from './build-steps.js';
import { isBulkCheckpoint } from './bulk-load.js';
import { acquireLock } from './lock.js';
import { countParked, type NewParkedEvent } from './parking/parked-table.js';
import type { Projection } from './projection.js';
import { defaultProjections, projectionNamed } from './registry.js';

export interface RebuildProgress {
  projection: string;
  processed: number;
  /** Events the build will read in all (counted before starting; null when the store cannot count). */
  total: number | null;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

export interface RebuildOptions {
  store: EventStore;
  sql: SqlClient;
  /** Projections (or their names) to rebuild; default every one in the registry. */
  projections?: readonly (Projection | string)[];
  dryRun?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
  /** Stops between batches; the build keeps its checkpoint and a later rebuild resumes it. */
  signal?: AbortSignal;
  /** Events per transaction. Default 5000. */
  batchSize?: number;
  /**
   * Fill the new build with the bulk path when the store supports it (default true; false takes the
   * live runner's path): streams in order below the head recorded at the start, into tables indexed
   * after the load. See bulk-load.ts.
   */
  bulk?: boolean;
  /** Skip counting events for progress (saves one pass over the log on stores that cannot count). */
  countEvents?: boolean;
  /**
   * Failed attempts at one batch of the ordinary path (not outages) before its events are tried
   * one by one and the ones the projection throws on parked. Default 3. The bulk path parks a
   * stream's event the fold throws on at once: folding is deterministic.
   */
  poisonAttempts?: number;
  /** Events this rebuild just parked (after their batch committed), with the errors thrown. */
  onParked?: (
    projection: string,
    parked: readonly NewParkedEvent[],
    failures: readonly { error: unknown }[],
  ) => void;
}

export interface RebuildPlan {
  projection: string;
  codeVersion: number;
  /** Table version serving now, if any. */
  activeVersion: number | null;
  /** Table version being built. */
  buildVersion: number;
  /** True when an interrupted build of this code version is resumed. */
  resumes: boolean;
  /** Events this build still has to read. */
  eventsToRead: number;
}

export interface RebuildResult extends RebuildPlan {
  eventsApplied: number;
  seconds: number;
  eventsPerSecond: number;
  /** Retired table versions dropped after the switch-over. */
  dropped: number[];
  /**
   * Events parked in the new build, now active (`projections parked` lists them, `replay` applies
   * them once the projection is fixed): those the projection threw on and the later events of
   * their streams, which wait behind them.
   */
  parked: number;
}

export interface RebuildReport {
  dryRun: boolean;
  projections: (RebuildPlan | RebuildResult)[];
}

async function countEvents(
  store: EventStore,
  after: Checkpoint,
  filter: EventFilter | undefined,
): Promise<number> {
  if (isEventCounter(store)) return store.countEvents({ after, filter });
  let n = 0;
  for await (const _ of store.readAll({ after, filter, batchSize: 5000, raw: false })) n += 1;
  return n;
}

async function plan(
  store: EventStore,
  sql: SqlClient,
  projection: Projection,
  count: boolean,
): Promise<RebuildPlan> {
  const builds = await listBuilds(sql, projection.name);
  const active = builds.find((b) => b.state === 'active');
  const resumable = resumableBuild(builds, projection.version);
  const from = resumable?.checkpoint ?? START;
  // Mid bulk load the checkpoint is not a store checkpoint: count from the start, less what is loaded.
  const bulk = isBulkCheckpoint(from);
  return {
    projection: projection.name,
    codeVersion: projection.version,
    activeVersion: active?.version ?? null,
    buildVersion: resumable?.version ?? nextBuildVersion(builds, projection.version),
    resumes: resumable !== undefined,
    eventsToRead: count
      ? (await countEvents(store, bulk ? START : from, projection.filter)) -
        (bulk ? resumable!.eventsApplied : 0)
      : -1,
  };
}

async function rebuildOne(options: RebuildOptions, projection: Projection): Promise<RebuildResult> {
  const { store, sql } = options;
  const bulk = options.bulk ?? true;
  const rebuildLock = await acquireLock(sql, `rebuild:${projection.name}`, { signal: options.signal });
  try {
    const p = await plan(store, sql, projection, options.countEvents ?? options.onProgress !== undefined);
    if (!p.resumes) await insertBuild(sql, projection.name, p.buildVersion, projection.version);
    const buildLock = await acquireLock(sql, `projection:${projection.name}:v${p.buildVersion}`, {
      signal: options.signal,
    });
    try {
      await initBuild(sql, store, projection, p.buildVersion, { bulk });
      const started = performance.now();
      let processed = 0;
      const total = p.eventsToRead >= 0 ? p.eventsToRead : null;
      const { applied } = await catchUp(
        sql,
        store,
        projection,
        { name: projection.name, version: p.buildVersion },
        {
          batchSize: options.batchSize ?? 5000,
          signal: options.signal,
          // The build is not read until the switch-over, whose ordinary commit makes it all durable.
          asyncCommit: true,
          bulk,
          poisonAttempts: options.poisonAttempts,
          onParked: (parked, failures) => options.onParked?.(projection.name, parked, failures),
          onBatch: (n) => {
            processed += n;
            const seconds = (performance.now() - started) / 1000;
            const eventsPerSecond = seconds > 0 ? processed / seconds : 0;
            const left = total === null ? null : Math.max(0, total - processed);
            options.onProgress?.({
              projection: projection.name,
              processed,
              total,
              eventsPerSecond,
              etaSeconds: left === null || eventsPerSecond === 0 ? null : left / eventsPerSecond,
            });
          },
        },
      );
      options.signal?.throwIfAborted();
      await switchOver(sql, store, projection, p.buildVersion);
      const seconds = (performance.now() - started) / 1000;
      const dropped = await pruneRetired(sql, store, projection);
      // All of the build's, a resumed run's earlier ones too.
      const parked = (await countParked(sql)).get(projection.name) ?? 0;
      return {
        ...p,
        eventsApplied: applied,
        seconds,
        eventsPerSecond: seconds > 0 ? applied / seconds : 0,
        dropped,
        parked,
      };
    } finally {
      await buildLock.release();
    }
  } finally {
    await rebuildLock.release();
  }
}

export async function rebuild(options: RebuildOptions): Promise<RebuildReport> {
  const projections = (options.projections ?? defaultProjections).map((p) =>
    typeof p === 'string' ? projectionNamed(p) : p,
  );
  await ensureCatalog(options.sql);
  if (options.dryRun) {
    const plans: RebuildPlan[] = [];
    for (const projection of projections)
      plans.push(await plan(options.store, options.sql, projection, true));
    return { dryRun: true, projections: plans };
  }
  const results: RebuildResult[] = [];
  for (const projection of projections) results.push(await rebuildOne(options, projection));
  return { dryRun: false, projections: results };
}
