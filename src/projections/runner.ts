/**
 * Keeps one projection current: resolves which build to write (runner-plan.ts decides), takes its
 * advisory lock, catches up from the build's checkpoint and follows live appends. Every batch is
 * applied together with a compare-and-set of the checkpoint in one transaction, so a crash never
 * applies a batch twice or skips one.
 *
 * When a switch-over elsewhere (the rebuild command) retires the followed build, the next batch's
 * compare-and-set fails and the runner resolves again, from the new active build's checkpoint; so
 * does a runner whose lock's connection was cut (another runner may take the lock meanwhile).
 *
 * Once started, a runner lives until stop(): whatever a re-resolve or a build in the background
 * fails with (a refused connection of any SQLSTATE, a lock another process took, a bug), it logs
 * it, reports it in status(), and tries again with the retry policy's backoff (db/retry.ts).
 */
import { START, type Checkpoint, type EventStore, type Subscription } from '../store/event-store.js';
import { retryForever } from '../db/retry.js';
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
import { canBulkLoad } from './bulk-load.js';
import { summariseError } from './error-summary.js';
import { acquireLock, ProjectionLockedError, type HeldLock } from './lock.js';
import { ensureParkedTable, type NewParkedEvent } from './parking/parked-table.js';
import { applyBatchParking, PoisonGuard, skipParked } from './parking/poison.js';
import { logParked } from './parking/log-parked.js';
import { isPartitionedCheckpoint } from './partitions/assignment.js';
import { silentLogger, type ProjectionLogger } from './logger.js';
import type { Projection } from './projection.js';
import { decideOnActive, planBuild, type BuildPlan } from './runner-plan.js';
import { ProjectionSession } from './session.js';

/**
 * Each live batch costs its statements (the page read and its mark, begin, the checkpoint, a write
 * per read-model table, commit) whatever its size, on the database and on the event loop: a
 * tenth of a second between batches halves that per event compared with 50 ms, and keeps the
 * read models that close behind intake.
 */
export const DEFAULT_LIVE_SPACING_MS = 100;

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
  /** Failed attempts at one batch (not outages) before its events are tried one by one and the failing ones parked. Default 3. */
  poisonAttempts?: number;
  /** Events this runner just parked (after their batch committed). */
  onParked?: (parked: readonly NewParkedEvent[]) => void;
  /**
   * Under a steady stream of appends, live batches start at most this often (ms; 0: at every
   * wake-up). Each group commit wakes the subscription; unspaced, every wake-up would be its own
   * transaction of a few events, whose statements the intake's requests queue behind on the
   * database and the event loop. Spaced, one batch covers the commits of the interval. A wake-up
   * after a quiet spell, a full batch, and a batch somebody awaits (whenCaughtUp) go at once.
   * Default DEFAULT_LIVE_SPACING_MS.
   */
  liveSpacingMs?: number;
  /**
   * How a first build (no build active yet) is filled when the store already holds events.
   * 'follow' (default): it is active at once and fills as the runner follows, so reads see it grow
   * and start() returns at once. 'bulk': it is filled with the bulk path first (bulk-load.ts: bare
   * tables, keys and indexes at the end, a fraction of the SQL), and becomes active once loaded;
   * start() returns then. For a caller that writes a burst and then waits for the catch-up anyway
   * (deferred projections: the demo, the CLI).
   */
  firstBuild?: 'follow' | 'bulk';
}

/**
 * What a runner is doing. `following`: applying live appends. `building`: filling a new build
 * beside the active one. `resolving`: finding its build again (after a switch-over or a lost
 * lock). `retrying`: the last attempt to resolve failed; it tries again after a backoff.
 * `standby`: another process holds the projection's lock and keeps it current; this one waits.
 */
export type RunnerState = 'following' | 'building' | 'resolving' | 'retrying' | 'standby' | 'stopped';

export interface RunnerStatus {
  name: string;
  state: RunnerState;
  buildVersion: number | undefined;
  /** When it entered this state (ISO 8601). */
  since: string;
  /** Failures in a row of resolving or of the live subscription (0 once one succeeds). */
  failures: number;
  /** The last failure, without event data (error-summary.ts), and when it happened. */
  lastError?: { message: string; at: string };
}

export interface ProjectionRunner {
  readonly name: string;
  /** What it is doing now; never throws. */
  status(): RunnerStatus;
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
  readonly #abort = new AbortController();
  #state: RunnerState = 'resolving';
  #since = new Date().toISOString();
  #failures = 0;
  #lastError: { message: string; at: string } | undefined;
  readonly #batchSize: number;
  readonly #log: ProjectionLogger;
  readonly #pacer: LivePacer;

  constructor(readonly options: RunnerOptions) {
    this.name = options.projection.name;
    this.#batchSize = options.batchSize ?? 2000;
    this.#log = options.logger ?? silentLogger;
    this.#pacer = new LivePacer(options.liveSpacingMs ?? DEFAULT_LIVE_SPACING_MS);
  }

  /** Resolves the build and takes its lock; a build that must be filled first continues in the background. */
  async start(): Promise<void> {
    const { sql, projection } = this.options;
    await ensureCatalog(sql);
    await ensureParkedTable(sql);
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
      plan = planBuild(active, await listBuilds(sql, projection.name), projection.version, {
        firstInBulk: active === undefined && (await this.#storeHoldsEventsToBulkLoad()),
      });
      if (plan.create) await insertBuild(sql, projection.name, plan.version, projection.version);
      this.#lock = await this.#acquire(`projection:${projection.name}:v${plan.version}`);
      await initBuild(sql, store, projection, plan.version, { bulk: plan.bulkInit });
      if (plan.finishBulkFirst)
        await catchUp(
          sql,
          store,
          projection,
          { name: projection.name, version: plan.version },
          { batchSize: this.#batchSize, bulk: true, maxPasses: 1, ...this.#parkingOptions() },
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
        plan.finishBulkFirst
          ? 'projection: first build, loaded in bulk, active'
          : 'projection: first build, active while it fills',
      );
      this.#follow(plan.version, (await getBuild(sql, projection.name, plan.version))!.checkpoint);
      return true;
    }
    this.#enter('building');
    this.#ready = this.#buildThenFollow(plan.version, plan.replacing, rebuildLock).catch(
      async (error: unknown) => {
        if (this.#stopped) return;
        this.#failed(error);
        this.#log.error(
          { projection: projection.name, version: plan.version, err: summariseError(error) },
          'projection: build failed; resolving again',
        );
        await this.#reresolve().catch(() => undefined);
      },
    );
    return true;
  }

  /** Whether a first build should be filled in bulk (RunnerOptions.firstBuild). */
  async #storeHoldsEventsToBulkLoad(): Promise<boolean> {
    const { store, projection } = this.options;
    if (this.options.firstBuild !== 'bulk' || !canBulkLoad(store, projection)) return false;
    return (await store.headCheckpoint()) !== START;
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
        { batchSize: this.#batchSize, asyncCommit: true, bulk: true, ...this.#parkingOptions() },
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
    this.#enter('following');
    // The lock is held for as long as this subscription runs: the projection may remember between batches.
    const session = new ProjectionSession(from === START);
    const build = { name: projection.name, version };
    const poison = new PoisonGuard(this.options.poisonAttempts);
    const prepare = skipParked(build);
    const pacer = this.#pacer;
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
          if (poison.isolating(checkpoint)) {
            const result = await applyBatchParking(
              sql,
              store,
              projection,
              build,
              checkpoint,
              batch.checkpoint,
              batch.events,
              poison.attempts,
            );
            // The memo saw none of this (a failed savepoint would have made it untrue): start it over.
            session.failed();
            if (result.parked.length > 0) prepare.parked();
            this.#parked(result.parked, result.failures);
          } else {
            await applyBatch(sql, store, projection, build, checkpoint, batch.checkpoint, batch.events, {
              session,
              prepare,
            });
          }
          checkpoint = batch.checkpoint;
          poison.succeeded();
          this.#failures = 0;
          await pacer.after(batch.events.length < this.#batchSize);
        } catch (error) {
          poison.failed(checkpoint, error);
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
    this.#enter('resolving');
    // Only a stop ends a re-resolve without success: nothing to report then.
    this.#ready = this.#reresolve().catch(() => undefined);
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
    // A lost lock usually means the database went away; whatever it was, keep trying until it
    // is back, as the subscription itself does: a runner that ends leaves the read models behind
    // for good while intake goes on answering 200.
    await retryForever(() => this.start(), {
      stopped: () => this.#stopped,
      signal: this.#abort.signal,
      onFailure: async (error) => {
        await this.#releaseLock();
        if (this.#stopped) return;
        this.#failed(error);
        this.#enter(error instanceof ProjectionLockedError ? 'standby' : 'retrying');
        this.options.onError?.(error);
        this.#log.warn(
          { projection: this.name, failures: this.#failures, err: summariseError(error) },
          error instanceof ProjectionLockedError
            ? 'projection: another process holds it; waiting'
            : 'projection: resolving failed; retrying',
        );
      },
    });
  }

  #recovered(error: unknown): void {
    this.#failed(error);
    this.options.onError?.(error);
    this.#log.warn(
      { projection: this.name, failures: this.#failures, err: summariseError(error) },
      'projection: batch failed, retrying',
    );
  }

  /** A build this runner fills parks poison events as its live path does, and says so the same way. */
  #parkingOptions() {
    return {
      ...(this.options.poisonAttempts !== undefined ? { poisonAttempts: this.options.poisonAttempts } : {}),
      onParked: (parked: readonly NewParkedEvent[], failures: readonly { error: unknown }[]) =>
        this.#parked(parked, failures),
    };
  }

  #parked(parked: readonly NewParkedEvent[], failures: readonly { error: unknown }[]): void {
    if (parked.length === 0) return;
    logParked(this.#log, { projection: this.name }, parked);
    if (failures[0]) this.#failed(failures[0].error);
    this.options.onParked?.(parked);
  }

  #failed(error: unknown): void {
    this.#failures += 1;
    this.#lastError = { message: summariseError(error), at: new Date().toISOString() };
  }

  #enter(state: RunnerState): void {
    if (state === 'following') this.#failures = 0;
    if (this.#state === state) return;
    this.#state = state;
    this.#since = new Date().toISOString();
  }

  status(): RunnerStatus {
    return {
      name: this.name,
      state: this.#state,
      buildVersion: this.buildVersion,
      since: this.#since,
      failures: this.#failures,
      ...(this.#lastError ? { lastError: { ...this.#lastError } } : {}),
    };
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

  whenCaughtUp(): Promise<void> {
    return this.#pacer.hurry(() => this.#untilCaughtUp());
  }

  async #untilCaughtUp(): Promise<void> {
    for (;;) {
      if (this.#stopped) throw new Error(`projection ${this.name}: runner stopped`);
      const ready = this.#ready;
      await ready;
      if (this.#stopped) throw new Error(`projection ${this.name}: runner stopped`);
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
    this.#enter('stopped');
    this.#abort.abort();
    this.#pacer.release();
    await this.#ready.catch(() => undefined);
    const sub = this.#subscription;
    this.#subscription = undefined;
    await sub?.stop();
    await this.#releaseLock();
  }
}

/**
 * Spaces live batches (RunnerOptions.liveSpacingMs): after a batch that did not fill, when the one before it
 * ended less than the spacing ago, waits out the rest of the spacing, so the next read finds the
 * commits of the whole interval. A batch after a quiet spell or a full one (catching up) never
 * waits, and neither does one somebody is waiting for (whenCaughtUp): hurry() ends the wait.
 */
class LivePacer {
  #lastEnd = -Infinity;
  #urgent = 0;
  #wakeUp: (() => void) | undefined;

  constructor(readonly spacingMs: number) {}

  async after(partial: boolean): Promise<void> {
    const now = performance.now();
    const sincePrevious = now - this.#lastEnd;
    this.#lastEnd = now;
    if (!partial || this.#urgent > 0 || this.spacingMs <= 0 || sincePrevious >= this.spacingMs) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.spacingMs - sincePrevious);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = done;
    });
    this.#wakeUp = undefined;
    this.#lastEnd = performance.now();
  }

  /** While `work` runs, batches are applied without spacing (and a wait in progress ends). */
  async hurry<T>(work: () => Promise<T>): Promise<T> {
    this.#urgent += 1;
    this.#wakeUp?.();
    try {
      return await work();
    } finally {
      this.#urgent -= 1;
    }
  }

  /** Ends a wait in progress (stop). */
  release(): void {
    this.#wakeUp?.();
  }
}

/**
 * Starts a runner; throws ProjectionLockedError at once when another runner holds it and whenLocked
 * is 'fail'. A start that fails part of the way (the database gone during a first build's bulk
 * load) releases whatever it had taken, so the next start can take it.
 */
export async function startRunner(options: RunnerOptions): Promise<ProjectionRunner> {
  const runner = new Runner(options);
  try {
    await runner.start();
  } catch (error) {
    await runner.stop().catch(() => undefined);
    throw error;
  }
  return runner;
}

export interface ProjectionRunners {
  readonly runners: readonly ProjectionRunner[];
  statuses(): RunnerStatus[];
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
    statuses: () => runners.map((r) => r.status()),
    async whenCaughtUp() {
      await Promise.all(runners.map((r) => r.whenCaughtUp()));
    },
    async stop() {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}
