/**
 * One leased partition's state in its member: the lease (epoch), the checkpoint, the session
 * memory, and `apply`, which writes one page's events of the partition's streams in one
 * transaction that starts with the fencing compare-and-set (partition-table.ts, advancePartition).
 * A page with none of its events still moves the checkpoint, so "caught up" can be read from the
 * checkpoints alone. Pages come from the member's shared reader (shared-reader.ts).
 *
 * Poison events are handled as the single runner handles them (parking/poison.ts): a page that
 * fails `poisonAttempts` times from the same checkpoint (outages do not count) is applied event by
 * event under savepoints, the events it throws on are parked, and their streams' later events wait
 * behind them; the partition's other streams go on.
 */
import type { RecordedEvent } from '../../events/types.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { Checkpoint, EventStore } from '../../store/event-store.js';
import { isUnavailable } from '../../db/errors.js';
import { projectionContext } from '../context.js';
import { applyIsolated, type IsolatedResult } from '../parking/isolate.js';
import { insertParked, parkedStreamsAmong, type NewParkedEvent } from '../parking/parked-table.js';
import { PoisonGuard, skipParked, type SkipParked } from '../parking/poison.js';
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
  /** Failed attempts at one page (not outages) before its events are tried one by one. Default 3. */
  poisonAttempts?: number;
  /** Events this worker just parked (after their page committed), with the errors thrown. */
  onParked?: (parked: readonly NewParkedEvent[], failures: readonly { error: unknown }[]) => void;
}

export class PartitionWorker {
  readonly partition: number;
  readonly epoch: string;
  #checkpoint: Checkpoint;
  #fenced = false;
  // Other partitions write the same tables: the session remembers only this partition's rows,
  // and never claims to know the whole table.
  readonly #session = new ProjectionSession(false);
  readonly #poison: PoisonGuard;
  readonly #skipParked: SkipParked;

  constructor(readonly options: PartitionWorkerOptions) {
    this.partition = options.lease.partition;
    this.epoch = options.lease.epoch;
    this.#checkpoint = options.lease.checkpoint;
    this.#poison = new PoisonGuard(options.poisonAttempts);
    this.#skipParked = skipParked({ name: options.projection.name, version: options.version });
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
    const from = this.#checkpoint;
    const isolating = this.#poison.isolating(from);
    const { ok, isolated } = await telemetry.batch({ partition: this.partition, events }, async () => {
      let advanced = false;
      let result: IsolatedResult | undefined;
      try {
        result = await sql.transaction(async (tx) => {
          advanced = await advancePartition(tx, build, lease, owner, from, next, events.length, leaseMs);
          if (!advanced || events.length === 0) return undefined;
          if (isolating) {
            const blocked = await parkedStreamsAmong(tx, build, [...new Set(events.map((e) => e.streamId))]);
            const found = await applyIsolated(tx, sql, store, projection, version, events, blocked, {
              attempts: this.#poison.attempts,
              isFatal: isUnavailable,
              concurrentWriters: true,
            });
            await insertParked(tx, build, found.parked);
            return found;
          }
          const rest = await this.#skipParked(tx, events);
          if (rest.length > 0)
            await projection.apply(rest, tx, {
              ...projectionContext(store, version, { batch: rest, session, tx, sql }),
              concurrentWriters: true,
            });
          return undefined;
        });
      } catch (error) {
        session.failed();
        this.#poison.failed(from, error);
        throw error;
      }
      // Isolation ran without the session's memory (a failed savepoint would make it untrue).
      if (isolating) session.failed();
      else if (advanced) session.committed();
      return { ok: advanced, isolated: result };
    });
    this.#poison.succeeded();
    if (ok) this.#checkpoint = next;
    else this.#fenced = true;
    if (ok && isolated && isolated.parked.length > 0) {
      this.#skipParked.parked();
      this.options.onParked?.(isolated.parked, isolated.failures);
    }
    return ok;
  }
}
