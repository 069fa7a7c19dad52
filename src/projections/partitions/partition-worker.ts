/**
 * One leased partition's state in its member: the lease (epoch), the checkpoint, the session
 * memory, and `apply`, which writes one page's events of the partition's streams in one
 * transaction that starts with the fencing compare-and-set (partition-table.ts, advancePartition).
 * A page with none of its events still moves the checkpoint, so "caught up" can be read from the
 * checkpoints alone. Pages come from the member's shared reader (shared-reader.ts).
 */
import type { RecordedEvent } from '../../events/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { Checkpoint, EventStore } from '../../store/event-store.js';
import { projectionContext } from '../context.js';
import type { Projection } from '../projection.js';
import { ProjectionSession } from '../session.js';
import { advancePartition, type Lease } from './partition-table.js';
import type { PartitionTelemetry } from './telemetry.js';

export interface PartitionWorkerOptions {
  store: EventStore;
  sql: SqlClient;
  projection: Projection;
  version: number;
  lease: Lease;
  owner: string;
  leaseMs: number;
  telemetry: PartitionTelemetry;
}

export class PartitionWorker {
  readonly partition: number;
  readonly epoch: string;
  #checkpoint: Checkpoint;
  #fenced = false;
  // Other partitions write the same tables: the session remembers only this partition's rows,
  // and never claims to know the whole table.
  readonly #session = new ProjectionSession(false);

  constructor(readonly options: PartitionWorkerOptions) {
    this.partition = options.lease.partition;
    this.epoch = options.lease.epoch;
    this.#checkpoint = options.lease.checkpoint;
  }

  get checkpoint(): Checkpoint {
    return this.#checkpoint;
  }

  /** The compare-and-set failed once: the lease is gone or the build was retired. Nothing more is applied. */
  get fenced(): boolean {
    return this.#fenced;
  }

  /** Applies `events` (this partition's, after its checkpoint) and moves the checkpoint to `next`; false when fenced. */
  async apply(events: RecordedEvent[], next: Checkpoint): Promise<boolean> {
    if (this.#fenced) return false;
    const { sql, store, projection, version, lease, owner, leaseMs, telemetry } = this.options;
    const build = { name: projection.name, version };
    const session = this.#session;
    const ok = await telemetry.batch({ partition: this.partition, events }, async () => {
      let advanced = false;
      try {
        await sql.transaction(async (tx) => {
          advanced = await advancePartition(
            tx,
            build,
            lease,
            owner,
            this.#checkpoint,
            next,
            events.length,
            leaseMs,
          );
          if (!advanced || events.length === 0) return;
          await projection.apply(events, tx, {
            ...projectionContext(store, version, { batch: events, session, tx, sql }),
            concurrentWriters: true,
          });
        });
      } catch (error) {
        session.failed();
        throw error;
      }
      if (advanced) session.committed();
      return advanced;
    });
    if (ok) this.#checkpoint = next;
    else this.#fenced = true;
    return ok;
  }
}
