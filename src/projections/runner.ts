/**
 * Keeps one projection current: resolves which build to write, takes its advisory lock, catches
 * up from the build's checkpoint and follows live appends. Every batch is applied together with
 * a compare-and-set of the checkpoint in one transaction, so a crash never applies a batch twice
 * or skips one.
 *
 * - The active build was made by this code version: follow it.
 * - No build is active yet (first start): create one, point the views at it, follow it.
 * - The active build was made by older code: build a new one from the first event while the old
 *   one keeps serving, switch over atomically, then follow the new one (what `rebuild` does).
 * - The active build was made by newer code: refuse, so old and new deployments never flip-flop.
 *
 * When a switch-over elsewhere (the rebuild command) retires the followed build, the next batch's
 * compare-and-set fails and the runner moves to the new active build from its checkpoint.
 */
import { START, type Checkpoint, type EventStore, type Subscription } from '../store/event-store.js';
import { retryWhileUnavailable } from '../db/retry.js';
import type { SqlClient } from '../db/sql-client.js';
import { activeBuild, ensureCatalog, getBuild, insertBuild, listBuilds, nextBuildVersion } from './builds.js';
import {
  applyBatch,
  catchUp,
  CheckpointMovedError,
  initBuild,
  pruneRetired,
  switchOver,
} from './build-steps.js';
import { isBulkCheckpoint } from './bulk-load.js';
import { acquireLock, type HeldLock } from './lock.js';
import { silentLogger, type ProjectionLogger } from './logger.js';
import type { Projection } from './projection.js';
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
  #moved = false;
  /** A lock this runner held was lost while it was not following yet: resolve again before following. */
  #lockLost = false;
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
    const { sql, store, projection } = this.options;
    await ensureCatalog(sql);
    for (;;) {
      const active = await activeBuild(sql, projection.name);
      if (active && active.codeVersion > projection.version) {
        throw new NewerProjectionActiveError(projection.name, active.codeVersion, projection.version);
      }
      if (active && active.codeVersion === projection.version) {
        this.#lock = await this.#acquire(`projection:${projection.name}:v${active.version}`);
        const still = await getBuild(sql, projection.name, active.version);
        if (still?.state !== 'active') {
          await this.#releaseLock();
          continue;
        }
        this.buildVersion = active.version;
        this.#follow(active.version, still.checkpoint);
        return;
      }
      // Nothing usable is active: build (or resume building) this code version's tables.
      const rebuildLock = await this.#acquire(`rebuild:${projection.name}`);
      try {
        const again = await activeBuild(sql, projection.name);
        if ((again?.version ?? -1) !== (active?.version ?? -1)) {
          await rebuildLock.release();
          continue;
        }
        const builds = await listBuilds(sql, projection.name);
        const resumable = builds
          .filter((b) => b.state === 'building' && b.codeVersion === projection.version)
          .at(-1);
        const version = resumable?.version ?? nextBuildVersion(builds, projection.version);
        if (!resumable) await insertBuild(sql, projection.name, version, projection.version);
        this.#lock = await this.#acquire(`projection:${projection.name}:v${version}`);
        // A build beside an active one is filled in bulk when the store can; the first build is
        // active while it fills, so it needs its keys from the start (unless a bulk load of it
        // was interrupted: that one is finished before the switch-over below).
        const resumingBulk = resumable !== undefined && isBulkCheckpoint(resumable.checkpoint);
        await initBuild(sql, store, projection, version, {
          bulk: active !== undefined || resumingBulk,
        });
        if (!active && resumingBulk)
          await catchUp(
            sql,
            store,
            projection,
            { name: projection.name, version },
            { batchSize: this.#batchSize, bulk: true, maxPasses: 1 },
          );
        this.buildVersion = version;
      } catch (error) {
        await rebuildLock.release();
        throw error;
      }
      const version = this.buildVersion;
      if (!active) {
        // First build ever: there is nothing else to serve, so the views point at it while it fills.
        await switchOver(sql, store, projection, version).finally(() => rebuildLock.release());
        this.#log.info(
          { projection: projection.name, version },
          'projection: first build, active while it fills',
        );
        this.#follow(version, (await getBuild(sql, projection.name, version))!.checkpoint);
        return;
      }
      this.#ready = this.#buildThenFollow(version, active.version, rebuildLock);
      this.#ready.catch((error: unknown) => {
        this.#error = error;
        this.options.onError?.(error);
        this.#log.error(
          { projection: projection.name, version, err: String(error) },
          'projection: build failed',
        );
      });
      return;
    }
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
    this.#moved = false;
    if (this.#lockLost) {
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
        if (this.#moved || this.#stopped) return;
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
    this.#moved = true;
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
    if (this.#subscription && !this.#moved) this.#resolveAgain();
    else this.#lockLost = true;
  }

  async #reresolve(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    const sub = this.#subscription;
    this.#subscription = undefined;
    await sub?.stop();
    await this.#releaseLock();
    this.#lockLost = false;
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
      if (sub === this.#subscription && !this.#moved && ready === this.#ready) return;
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
