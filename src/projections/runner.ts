/**
 * Keeps one projection current: resolves which build to write (runner-plan.ts decides), takes its
 * advisory lock, catches up from the build's checkpoint and follows live appends. Every batch is
 * applied together with a compare-and-set of the checkpoint in one transaction, so a crash never
 * applies a batch twice or skips one.
 *
 * When a switch-over elsewhere (the rebuild command) retires the followed build, the next batch's
 * compare-and-set fails and the runner resolves again, from the new active build's checkpoint; so
 * does a runner whose lock's connection was cut (another runner may take the lock meanwhile).
 */
import { START, type Checkpoint, type EventStore, type Subscription } from '../store/event-store.js';
import { retryWhileUnavailable } from '../db/retry.js';
import type { SqlClient } from '../db/sql-client.js';
import { activeBuild, ensureCatalog, getBuild, insertBuild, listBuilds, type Build } from './builds.js';
import {
  applyBatch,
  catchUp,
  CheckpointMovedError,
  initBuild,
  pruneRetired,
  switchOver,
} from './build-steps.js';
import { acquireLock, ProjectionLockedError, type HeldLock } from './lock.js';
import { isPartitionedCheckpoint } from './partitions/assignment.js';
import { silentLogger, type ProjectionLogger } from './logger.js';
import type { Projection } from './projection.js';
import { decideOnActive, planBuild, type BuildPlan } from './runner-plan.js';
import { ProjectionSession } from './session.js';

export interface RunnerOptions {
  store: EventStore;
  /** Where the read models live (PostgreSQL or PGlite), whatever the event store is. */
  sql: SqlClient;
  projection: Projection;
  /** Events per transaction. Default 2000. */
  batchSize?: number;
  /** When another runner holds this projection: 'fail' (default) throws ProjectionLockedError, 'wait' polls. */
  whenLocked?: 'wait' | 'fail';
  lockPollMs?: number;
  /** How often a held lock checks its PostgreSQL connection (lock.ts). Default 5000 ms. */
  lockHeartbeatMs?: number;
  logger?: ProjectionLogger;
  /** Errors the runner recovered from (it retries with backoff). */
  onError?: (error: unknown) => void;
}

export interface ProjectionRunner {
  readonly name: string;
  /** Table version being followed, once resolved. */
  readonly buildVersion: number | undefined;
  /** Resolves when every event committed before the call is in the read models (after any pending switch-over). */
  whenCaughtUp(): Promise<void>;
  /** Stops following and releases the lock. */
  stop(): Promise<void>;
}

export class NewerProjectionActiveError extends Error {
  override readonly name = 'NewerProjectionActiveError';
  constructor(projection: string, active: number, mine: number) {
    super(
      `projection ${projection}: the active build was made by code version ${active}, this runner has ${mine}; not touching it`,
    );
  }
}

class Runner implements ProjectionRunner {
  readonly name: string;
  buildVersion: number | undefined;
  #lock: HeldLock | undefined;
  #subscription: Subscription | undefined;
  #ready: Promise<void> = Promise.resolve();
  /**
   * What this runner follows (or is about to follow) is void: its build was retired or moved, or
   * its lock was lost. Batches are ignored and the next #follow resolves again instead.
   */
  #stale = false;
  #stopped = false;
  #error: unknown;
  readonly #batchSize: number;
  readonly #log: ProjectionLogger;

  constructor(readonly options: RunnerOptions) {
    this.name = options.projection.name;
    this.#batchSize = options.batchSize ?? 2000;
    this.#log = options.logger ?? silentLogger;
  }

  /** Resolves the build and takes its lock; a build that must be filled first continues in the background. */
  async start(): Promise<void> {
    const { sql, projection } = this.options;
    await ensureCatalog(sql);
    // Each pass decides from the catalog; a pass that finds the catalog changed under it goes again.
    for (;;) {
      const active = await activeBuild(sql, projection.name);
      const decision = decideOnActive(active, projection.version);
      if (decision.action === 'refuse')
        throw new NewerProjectionActiveError(projection.name, decision.activeCodeVersion, projection.version);
      const started =
        decision.action === 'follow' ? await this.#followActive(decision.version) : await this.#build(active);
      if (started) return;
    }
  }

  /** Locks the active build and follows it; false when it stopped being active meanwhile. */
  async #followActive(version: number): Promise<boolean> {
    const { sql, projection } = this.options;
    this.#lock = await this.#acquire(`projection:${projection.name}:v${version}`);
    const still = await getBuild(sql, projection.name, version);
    if (still?.state !== 'active') {
      await this.#releaseLock();
      return false;
    }
    if (isPartitionedCheckpoint(still.checkpoint)) {
      // Partitioned projector processes follow this build (partitions/): leave it to them.
      await this.#releaseLock();
      throw new ProjectionLockedError(
        `projection:${projection.name}:v${version} (partitioned)`,
        'partitions',
      );
    }
    this.buildVersion = version;
    this.#follow(version, still.checkpoint);
    return true;
  }

  /** Builds (or resumes) this code version's tables under the rebuild lock; false when the active build changed meanwhile. */
  async #build(active: Build | undefined): Promise<boolean> {
    const { sql, store, projection } = this.options;
    const rebuildLock = await this.#acquire(`rebuild:${projection.name}`);
    let plan: BuildPlan;
    try {
      const again = await activeBuild(sql, projection.name);
      if ((again?.version ?? -1) !== (active?.version ?? -1)) {
        await rebuildLock.release();
        return false;
      }
      plan = planBuild(active, await listBuilds(sql, projection.name), projection.version);
      if (plan.create) await insertBuild(sql, projection.name, plan.version, projection.version);
      this.#lock = await this.#acquire(`projection:${projection.name}:v${plan.version}`);
      await initBuild(sql, store, projection, plan.version, { bulk: plan.bulkInit });
      if (plan.finishBulkFirst)
        await catchUp(
          sql,
          store,
          projection,
          { name: projection.name, version: plan.version },
          { batchSize: this.#batchSize, bulk: true, maxPasses: 1 },
        );
      this.buildVersion = plan.version;
    } catch (error) {
      await rebuildLock.release();
      throw error;
    }
    if (plan.replacing === null) {
      // First build ever: there is nothing else to serve, so the views point at it while it fills.
      await switchOver(sql, store, projection, plan.version).finally(() => rebuildLock.release());
      this.#log.info(
        { projection: projection.name, version: plan.version },
        'projection: first build, active while it fills',
      );
      this.#follow(plan.version, (await getBuild(sql, projection.name, plan.version))!.checkpoint);
      return true;
    }
    this.#ready = this.#buildThenFollow(plan.version, plan.replacing, rebuildLock);
    this.#ready.catch((error: unknown) => {
      this.#error = error;
      this.options.onError?.(error);
      this.#log.error(
        { projection: projection.name, version: plan.version, err: String(error) },
        'projection: build failed',
      );
    });
    return true;
  }

  async #buildThenFollow(version: number, replacing: number, rebuildLock: HeldLock): Promise<void> {
    const { sql, store, projection } = this.options;
    this.#log.info(
      { projection: projection.name, version, replacing },
      'projection: building new version beside the active one',
    );
    try {
      await catchUp(
        sql,
        store,
        projection,
        { name: projection.name, version },
        { batchSize: this.#batchSize, asyncCommit: true, bulk: true },
      );
      if (this.#stopped) return;
      await switchOver(sql, store, projection, version);
      await pruneRetired(sql, store, projection);
    } finally {
      await rebuildLock.release();
    }
    this.#log.info({ projection: projection.name, version }, 'projection: switched over');
    this.#follow(version, (await getBuild(sql, projection.name, version))!.checkpoint);
  }

  #follow(version: number, from: Checkpoint): void {
    const { sql, store, projection } = this.options;
    if (this.#stopped) return;
    if (this.#stale) {
      this.#resolveAgain();
      return;
    }
    let checkpoint = from;
    // The lock is held for as long as this subscription runs: the projection may remember between batches.
    const session = new ProjectionSession(from === START);
    this.#subscription = store.subscribe(
      {
        after: from,
        filter: projection.filter,
        batchSize: this.#batchSize,
        raw: false, // projections never read the delivery body: the store need not send it
        onError: (e) => this.#recovered(e),
      },
      async (batch) => {
        if (this.#stale || this.#stopped) return;
        try {
          await applyBatch(
            sql,
            store,
            projection,
            { name: projection.name, version },
            checkpoint,
            batch.checkpoint,
            batch.events,
            { session },
          );
          checkpoint = batch.checkpoint;
        } catch (error) {
          if (!(error instanceof CheckpointMovedError)) throw error;
          // Retired by a switch-over (or written by someone else): re-resolve outside the handler.
          this.#resolveAgain();
        }
      },
    );
  }

  /** Stops following and resolves the build again, taking its lock anew (in the background). */
  #resolveAgain(): void {
    this.#stale = true;
    this.#ready = this.#reresolve();
    this.#ready.catch((e: unknown) => {
      this.#error = e;
      this.options.onError?.(e);
    });
  }

  /** A held lock's connection was cut: another runner may take it, so this one competes for it again. */
  #lost(scope: string, error: unknown): void {
    if (this.#stopped) return;
    this.#log.warn(
      { projection: this.name, scope, err: String(error) },
      'projection: lock lost; re-resolving',
    );
    // Following: resolve again now; resolving or building: before following (see #follow).
    if (this.#stale) return;
    if (this.#subscription) this.#resolveAgain();
    else this.#stale = true;
  }

  async #reresolve(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const sub = this.#subscription;
    this.#subscription = undefined;
    await sub?.stop();
    await this.#releaseLock();
    this.#stale = false;
    if (this.#stopped) return;
    this.#log.info(
      { projection: this.name, version: this.buildVersion },
      'projection: build retired or moved, or lock lost; re-resolving',
    );
    // A lost lock usually means the database went away: keep trying until it is back, as the
    // subscription itself does, instead of ending the runner on the first refused connection.
    await retryWhileUnavailable(() => this.start(), {
      onFailure: () => this.#releaseLock(),
      stopped: () => this.#stopped,
      onRetry: (error) => {
        this.options.onError?.(error);
        this.#log.warn(
          { projection: this.name, err: String(error) },
          'projection: database unavailable; retrying',
        );
      },
    });
  }

  #recovered(error: unknown): void {
    this.options.onError?.(error);
    this.#log.warn({ projection: this.name, err: String(error) }, 'projection: batch failed, retrying');
  }

  async #acquire(scope: string): Promise<HeldLock> {
    return acquireLock(this.options.sql, scope, {
      whenLocked: this.options.whenLocked,
      pollMs: this.options.lockPollMs,
      heartbeatMs: this.options.lockHeartbeatMs,
      onLost: (e) => this.#lost(scope, e),
    });
  }

  async #releaseLock(): Promise<void> {
    const lock = this.#lock;
    this.#lock = undefined;
    await lock?.release();
  }

  async whenCaughtUp(): Promise<void> {
    for (;;) {
      if (this.#stopped) throw new Error(`projection ${this.name}: runner stopped`);
      const ready = this.#ready;
      await ready;
      if (this.#error) throw this.#error;
      const sub = this.#subscription;
      if (!sub) {
        if (ready === this.#ready) throw new Error(`projection ${this.name}: not following any build`);
        continue;
      }
      try {
        await sub.caughtUp();
      } catch (error) {
        if (sub === this.#subscription) throw error;
        continue;
      }
      if (sub === this.#subscription && !this.#stale && ready === this.#ready) return;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#ready.catch(() => undefined);
    const sub = this.#subscription;
    this.#subscription = undefined;
    await sub?.stop();
    await this.#releaseLock();
  }
}

/** Starts a runner; throws ProjectionLockedError at once when another runner holds it and whenLocked is 'fail'. */
export async function startRunner(options: RunnerOptions): Promise<ProjectionRunner> {
  const runner = new Runner(options);
  await runner.start();
  return runner;
}

export interface ProjectionRunners {
  readonly runners: readonly ProjectionRunner[];
  whenCaughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts one runner per projection (sequentially, so a lock failure stops the ones already started). */
export async function startRunners(
  options: Omit<RunnerOptions, 'projection'> & { projections: readonly Projection[] },
): Promise<ProjectionRunners> {
  const runners: ProjectionRunner[] = [];
  try {
    for (const projection of options.projections) runners.push(await startRunner({ ...options, projection }));
  } catch (error) {
    await Promise.all(runners.map((r) => r.stop()));
    throw error;
  }
  return {
    runners,
    async whenCaughtUp() {
      await Promise.all(runners.map((r) => r.whenCaughtUp()));
    },
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}
