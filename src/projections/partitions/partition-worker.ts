/**
 * Applies one leased partition: follows the global order from the partition's checkpoint, keeps
 * the events of its streams, and applies each page in one transaction that starts with the
 * fencing compare-and-set (partition-table.ts, advancePartition). A page with none of its events
 * still moves the checkpoint, so "caught up" can be read from the checkpoints alone.
 *
 * The store's subscription reads in (txid, position) order below the oldest running transaction,
 * so the no-skip rule of the global order (docs/store.md) holds for each partition as it does for
 * a single runner. When the compare-and-set fails (lease lost, build retired) the worker stops and
 * tells its member, which decides what to do next.
 */
import type { RecordedEvent } from '../../events/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { Checkpoint, EventStore, Subscription } from '../../store/event-store.js';
import { projectionContext } from '../context.js';
import type { ProjectionLogger } from '../logger.js';
import type { Projection } from '../projection.js';
import { ProjectionSession } from '../session.js';
import { partitionOf } from './partition-of.js';
import { advancePartition, type Lease } from './partition-table.js';
import type { PartitionTelemetry } from './telemetry.js';

export interface PartitionWorkerOptions {
  store: EventStore;
  sql: SqlClient;
  projection: Projection;
  version: number;
  partitions: number;
  lease: Lease;
  owner: string;
  leaseMs: number;
  batchSize: number;
  logger: ProjectionLogger;
  telemetry: PartitionTelemetry;
  /** The compare-and-set failed: the lease is gone or the build was retired. */
  onFenced: (partition: number) => void;
  onError?: (error: unknown) => void;
}

export class PartitionWorker {
  readonly partition: number;
  readonly epoch: string;
  #checkpoint: Checkpoint;
  #subscription: Subscription;
  #fenced = false;
  #stopping = false;

  constructor(readonly options: PartitionWorkerOptions) {
    const { store, projection, lease } = options;
    this.partition = lease.partition;
    this.epoch = lease.epoch;
    this.#checkpoint = lease.checkpoint;
    // Other partitions write the same tables: the session remembers only this partition's rows,
    // and never claims to know the whole table.
    const session = new ProjectionSession(false);
    this.#subscription = store.subscribe(
      {
        after: lease.checkpoint,
        filter: projection.filter,
        batchSize: options.batchSize,
        raw: false,
        onError: (error) => {
          options.onError?.(error);
          options.logger.warn(
            { projection: projection.name, partition: this.partition, err: String(error) },
            'projection partition: batch failed, retrying',
          );
        },
      },
      async (batch) => {
        if (this.#fenced || this.#stopping) return;
        const mine = batch.events.filter(
          (e) => partitionOf(e.streamId, options.partitions) === this.partition,
        );
        const applied = await this.#apply(mine, batch.checkpoint, session);
        if (!applied) {
          this.#fenced = true;
          setImmediate(() => options.onFenced(this.partition));
          return;
        }
        this.#checkpoint = batch.checkpoint;
      },
    );
  }

  get checkpoint(): Checkpoint {
    return this.#checkpoint;
  }

  get fenced(): boolean {
    return this.#fenced;
  }

  async #apply(events: RecordedEvent[], next: Checkpoint, session: ProjectionSession): Promise<boolean> {
    const { sql, store, projection, version, lease, owner, leaseMs, telemetry } = this.options;
    const build = { name: projection.name, version };
    return telemetry.batch({ partition: this.partition, events }, async () => {
      let ok = false;
      try {
        await sql.transaction(async (tx) => {
          ok = await advancePartition(
            tx,
            build,
            lease,
            owner,
            this.#checkpoint,
            next,
            events.length,
            leaseMs,
          );
          if (!ok || events.length === 0) return;
          await projection.apply(events, tx, {
            ...projectionContext(store, version, { batch: events, session, tx, sql }),
            concurrentWriters: true,
          });
        });
      } catch (error) {
        session.failed();
        throw error;
      }
      if (ok) session.committed();
      else session.failed();
      return ok;
    });
  }

  caughtUp(): Promise<void> {
    return this.#subscription.caughtUp();
  }

  /** Stops at a batch boundary: resolves once no batch of this worker is running. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#subscription.stop();
  }
}
