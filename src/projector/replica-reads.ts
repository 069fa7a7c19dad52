/**
 * Reads from a PostgreSQL streaming replica (READ_DATABASE_URL) with read-your-writes: while
 * nothing was written through this projector since the replica was last seen current, a read goes
 * straight to the replica. After a write (and once the projections have applied it on the primary)
 * a read takes the primary's WAL position (`pg_current_wal_lsn()`) and waits, up to `waitMs`, for
 * the replica to have replayed past it (`pg_last_wal_replay_lsn()`); if it does not in time, that
 * read goes to the primary instead, so a read never shows less than the caller wrote and never
 * waits longer than the timeout for a lagging replica.
 */
import type { SqlClient } from '../db/sql-client.js';

export interface ReplicaReadStats {
  /** Reads served by the replica. */
  replica: number;
  /** Reads served by the primary because the replica had not replayed the write in time (or failed). */
  primary: number;
}

export class ReplicaReads {
  #written = 0;
  #seen = 0;
  readonly stats: ReplicaReadStats = { replica: 0, primary: 0 };

  constructor(
    private readonly primary: SqlClient,
    readonly replica: SqlClient,
    private readonly waitMs = 2_000,
  ) {}

  /** Call after every append that wrote something (beside ReadYourWrites.wrote). */
  wrote(): void {
    this.#written++;
  }

  /**
   * The client for a read about to run. Call after the projections caught up, so the primary's
   * WAL position covers the read-model rows of every write made through this projector.
   */
  async clientForRead(): Promise<SqlClient> {
    if (this.#seen === this.#written) {
      this.stats.replica++;
      return this.replica;
    }
    const target = this.#written;
    try {
      if (await this.#replayedPast(await this.#primaryLsn())) {
        if (target > this.#seen) this.#seen = target;
        this.stats.replica++;
        return this.replica;
      }
    } catch {
      // The replica is unreachable or not a replica: the primary answers this read.
    }
    this.stats.primary++;
    return this.primary;
  }

  async #primaryLsn(): Promise<string> {
    const { rows } = await this.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return rows[0]!.lsn;
  }

  async #replayedPast(lsn: string): Promise<boolean> {
    const deadline = Date.now() + this.waitMs;
    let pause = 2;
    for (;;) {
      const { rows } = await this.replica.query<{ ok: boolean | null }>(
        'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok',
        [lsn],
      );
      // NULL: the server is in no recovery, i.e. a primary (READ_DATABASE_URL names the primary itself).
      if (rows[0]?.ok !== false) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
      pause = Math.min(pause * 2, 50);
    }
  }

  close(): Promise<void> {
    return this.replica.close();
  }
}
