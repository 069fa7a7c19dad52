/**
 * One member of the processes that share a projection's partitions (PostgreSQL). Every heartbeat
 * it refreshes its membership row, reads the live members and the partition rows, works out which
 * partitions are its share (assignment.ts), stops and releases those that are no longer its share,
 * renews the rest, and claims its share's partitions whose lease is free or expired. A process
 * that dies stops heartbeating: its leases expire and the others claim them; one that stops
 * cleanly releases its partitions and leaves at once.
 *
 * Leases only spread the work; fencing in every batch's transaction is what keeps a partition from
 * being applied by two processes (partition-table.ts, advancePartition).
 */
import { summariseError } from '../error-summary.js';
import type { RunnerStatus } from '../runner.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { SqlClient } from '../../db/sql-client.js';
import { undecorated } from '../../store/capabilities.js';
import { SqlEventStore } from '../../store/sql/sql-event-store.js';
import type { EventStore } from '../../store/event-store.js';
import { activeBuild } from '../builds.js';
import { logParked } from '../parking/log-parked.js';
import { ensureParkedTable, type NewParkedEvent } from '../parking/parked-table.js';
import { silentLogger, type ProjectionLogger } from '../logger.js';
import type { Projection } from '../projection.js';
import { desiredPartitions } from './assignment.js';
import { waitForPartitions } from './caught-up.js';
import { preparePartitionedBuild, switchWhenCaughtUp } from './partitioned-build.js';
import {
  claimPartition,
  heartbeat,
  leave,
  listPartitions,
  liveMembers,
  releasePartition,
  renewLeases,
} from './partition-table.js';
import { PartitionWorker } from './partition-worker.js';
import { SharedReader } from './shared-reader.js';
import { noTelemetry, type PartitionTelemetry } from './telemetry.js';

export interface PartitionedRunnerOptions {
  store: EventStore;
  sql: SqlClient;
  projection: Projection;
  /** PROJECTION_PARTITIONS; every member of one build must use the same count. */
  partitions: number;
  /** Events read per page. Default 2000. */
  batchSize?: number;
  /** Lease and membership time-to-live on the database's clock. Default 5000 ms. */
  leaseMs?: number;
  /** How often the member heartbeats and rebalances. Default 1000 ms. */
  heartbeatMs?: number;
  /** This process's member id; default host:pid:random. */
  member?: string;
  logger?: ProjectionLogger;
  telemetry?: PartitionTelemetry;
  onError?: (error: unknown) => void;
  /** Failed attempts at one page (not outages) before its events are tried one by one and the failing ones parked. Default 3. */
  poisonAttempts?: number;
  /** Events this member just parked (after their page committed). */
  onParked?: (parked: readonly NewParkedEvent[]) => void;
}

export interface PartitionedRunner {
  readonly name: string;
  readonly member: string;
  readonly buildVersion: number;
  /** Partitions this member applies now. */
  held(): number[];
  /** What it is doing now, as a single runner reports it (readiness, `projections status`); never throws. */
  status(): RunnerStatus;
  /** Resolves when every partition (whoever holds it) has applied everything committed before the call. */
  whenCaughtUp(): Promise<void>;
  /** Stops this member's workers at a batch boundary, releases its partitions and leaves. */
  stop(): Promise<void>;
}

class Member implements PartitionedRunner {
  readonly name: string;
  readonly member: string;
  buildVersion = 0;
  /** The build is being filled beside an older active one (switched over once caught up). */
  #building = false;
  readonly #workers = new Map<number, PartitionWorker>();
  readonly #leaseMs: number;
  readonly #heartbeatMs: number;
  readonly #log: ProjectionLogger;
  readonly #telemetry: PartitionTelemetry;
  #timer: NodeJS.Timeout | undefined;
  #tick: Promise<void> = Promise.resolve();
  #desired = '';
  #stopped = false;
  #reader: SharedReader | undefined;
  #since = new Date().toISOString();
  #failures = 0;
  #lastError: { message: string; at: string } | undefined;

  constructor(readonly options: PartitionedRunnerOptions) {
    this.name = options.projection.name;
    this.member = options.member ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.#leaseMs = options.leaseMs ?? 5_000;
    this.#heartbeatMs = options.heartbeatMs ?? 1_000;
    this.#log = options.logger ?? silentLogger;
    this.#telemetry = options.telemetry ?? noTelemetry;
  }

  async start(): Promise<void> {
    const { sql, projection, partitions } = this.options;
    const { inner: store, open } = undecorated(this.options.store);
    if (!(store instanceof SqlEventStore) || sql.dialect !== 'pg')
      throw new Error(
        'partitioned projections need the PostgreSQL event store and read models in PostgreSQL',
      );
    await ensureParkedTable(sql);
    ({ version: this.buildVersion, building: this.#building } = await preparePartitionedBuild(
      sql,
      store,
      projection,
      partitions,
    ));
    this.#reader = new SharedReader({
      store,
      open,
      partitions,
      ...(projection.filter ? { filter: projection.filter } : {}),
      batchSize: this.options.batchSize ?? 2000,
      held: () => [...this.#workers.values()],
      onError: (error, partition) => {
        this.#failed(error);
        this.options.onError?.(error);
        this.#log.warn(
          { projection: this.name, partition, err: String(error) },
          'projection partition: batch failed, retrying',
        );
      },
    });
    await this.#reader.start();
    try {
      await this.#rebalance();
    } catch (error) {
      await this.#reader.stop();
      throw error;
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#tick = this.#rebalance()
        .then(() => this.#recovered())
        .catch((error: unknown) => {
          this.#failed(error);
          this.options.onError?.(error);
          this.#log.warn(
            { projection: this.name, err: String(error) },
            'projection partitions: heartbeat failed',
          );
        })
        .finally(() => this.#schedule());
    }, this.#heartbeatMs);
  }

  #group(): string {
    return `${this.name}@v${this.buildVersion}`;
  }

  held(): number[] {
    return [...this.#workers.keys()].sort((a, b) => a - b);
  }

  status(): RunnerStatus {
    const state = this.#stopped
      ? 'stopped'
      : this.#failures > 0
        ? 'retrying'
        : this.#building
          ? 'building'
          : 'following';
    return {
      name: this.name,
      state,
      buildVersion: this.buildVersion,
      since: this.#since,
      failures: this.#failures,
      ...(this.#lastError ? { lastError: { ...this.#lastError } } : {}),
    };
  }

  #failed(error: unknown): void {
    if (this.#failures === 0) this.#since = new Date().toISOString();
    this.#failures += 1;
    this.#lastError = { message: summariseError(error), at: new Date().toISOString() };
  }

  /** A heartbeat that went through: batch failures since are counted afresh. */
  #recovered(): void {
    if (this.#failures === 0) return;
    this.#failures = 0;
    this.#since = new Date().toISOString();
  }

  async #rebalance(): Promise<void> {
    if (this.#stopped) return;
    const { sql, store, projection, partitions } = this.options;
    let active = await activeBuild(sql, this.name);
    if (this.#building && active?.version !== this.buildVersion) {
      // Filling beside the active build: switch over once every partition is at the head.
      if (await switchWhenCaughtUp(sql, store, projection, this.buildVersion)) {
        this.#log.info(
          { projection: this.name, version: this.buildVersion },
          'projection partitions: switched over',
        );
        active = await activeBuild(sql, this.name);
      }
    }
    if (active?.version === this.buildVersion) this.#building = false;
    if (active && active.version !== this.buildVersion && !this.#building) {
      // A switch-over elsewhere (the rebuild job): follow the new build.
      this.#log.info(
        { projection: this.name, from: this.buildVersion, to: active.version },
        'projection partitions: active build changed; following the new one',
      );
      await this.#stopAll(false);
      await leave(sql, this.#group(), this.member);
      ({ version: this.buildVersion, building: this.#building } = await preparePartitionedBuild(
        sql,
        store,
        projection,
        partitions,
      ));
    }
    // Members are grouped by build: processes filling a newer build beside the active one (a
    // rolling deploy of new code) share its partitions among themselves only.
    await heartbeat(sql, this.#group(), this.member);
    const members = await liveMembers(sql, this.#group(), this.#leaseMs);
    if (!members.includes(this.member)) members.push(this.member);
    const desired = new Set(desiredPartitions(members, this.member, partitions));
    const key = [...desired].join(',');
    if (key !== this.#desired) {
      if (this.#desired !== '' || this.#workers.size > 0) this.#telemetry.rebalanced(members.length);
      this.#log.info(
        { projection: this.name, member: this.member, members: members.length, partitions: [...desired] },
        'projection partitions: share of the partitions',
      );
      this.#desired = key;
    }
    const rows = await listPartitions(sql, this.name, this.buildVersion);
    const byPartition = new Map(rows.map((r) => [r.partition, r]));
    for (const [p, worker] of [...this.#workers]) {
      const row = byPartition.get(p);
      const mine = row?.owner === this.member && row.epoch === worker.epoch && !worker.fenced;
      if (!mine) {
        // Someone claimed it (this process was paused past its lease) or the build was retired.
        this.#workers.delete(p);
        this.#log.warn({ projection: this.name, partition: p }, 'projection partitions: lease lost');
      } else if (!desired.has(p)) {
        this.#workers.delete(p);
        // The reader's pass in flight may still apply it: release only once that pass is done.
        await this.#reader?.settled();
        await releasePartition(sql, this.name, this.buildVersion, worker, this.member);
      }
    }
    await renewLeases(
      sql,
      this.name,
      this.buildVersion,
      this.member,
      [...this.#workers.values()].map((w) => ({ partition: w.partition, epoch: w.epoch })),
      this.#leaseMs,
    );
    for (const p of desired) {
      if (this.#stopped) return;
      if (this.#workers.has(p) || !byPartition.get(p)?.free) continue;
      const lease = await claimPartition(sql, this.name, this.buildVersion, p, this.member, this.#leaseMs);
      if (!lease) continue;
      this.#workers.set(p, this.#worker(lease));
      this.#reader?.poke();
    }
    this.#telemetry.held(this.held());
  }

  #worker(lease: { partition: number; epoch: string; checkpoint: string }): PartitionWorker {
    const { sql, store, projection } = this.options;
    return new PartitionWorker({
      store,
      sql,
      projection,
      version: this.buildVersion,
      lease,
      owner: this.member,
      leaseMs: this.#leaseMs,
      telemetry: this.#telemetry,
      ...(this.options.poisonAttempts !== undefined ? { poisonAttempts: this.options.poisonAttempts } : {}),
      onParked: (parked, failures) => {
        logParked(this.#log, { projection: this.name, partition: lease.partition }, parked);
        // Parked, not failing: the page committed. Status keeps the error for whoever looks.
        if (failures[0])
          this.#lastError = { message: summariseError(failures[0].error), at: new Date().toISOString() };
        this.options.onParked?.(parked);
      },
    });
  }

  async #stopAll(release: boolean): Promise<void> {
    const workers = [...this.#workers.values()];
    this.#workers.clear();
    await this.#reader?.settled();
    if (release)
      for (const w of workers)
        await releasePartition(this.options.sql, this.name, this.buildVersion, w, this.member).catch(
          () => undefined,
        );
  }

  async whenCaughtUp(): Promise<void> {
    const { sql, store } = this.options;
    for (;;) {
      if (this.#stopped) throw new Error(`projection ${this.name}: runner stopped`);
      const version = this.buildVersion;
      await waitForPartitions(sql, store, this.name, version, { stopped: () => this.#stopped });
      if (version === this.buildVersion) return;
    }
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#tick;
    await this.#stopAll(true);
    await this.#reader?.stop();
    await leave(this.options.sql, this.#group(), this.member).catch(() => undefined);
    this.#telemetry.held([]);
  }
}

export async function startPartitionedRunner(options: PartitionedRunnerOptions): Promise<PartitionedRunner> {
  const member = new Member(options);
  await member.start();
  return member;
}
