/**
 * Statistics for a new event store's tables. The appends are prepared statements, and PostgreSQL
 * keeps the generic plan it makes after a few executions until the tables are next analysed. Made
 * while `events` and `streams` were empty, that plan finds stored event ids and stream rows by
 * scanning the whole table; autovacuum analyses a busy table only after up to a minute, and an
 * import into a new database would run that minute with every append scanning every event stored
 * so far. So while the tables are young the store analyses them itself, once at each size in
 * ANALYZE_AT; past the last, autovacuum's proportional thresholds keep the plans right.
 *
 * PGlite plans every statement afresh (it prepares nothing), so only PostgreSQL needs this.
 */
import { CoalescedRun } from '../../db/coalesced-run.js';
import type { SqlClient } from '../../db/sql-client.js';

/** Table sizes (events) at which a young store analyses its tables. */
export const ANALYZE_AT: readonly number[] = [1_000, 10_000, 100_000];

export class YoungTables {
  readonly #client: SqlClient;
  /** Events in the table as far as this store knows: the count at open plus what it appended since. */
  #events = 0;
  /** Index into ANALYZE_AT of the next size to analyse at; ANALYZE_AT.length when done. */
  #next = ANALYZE_AT.length;
  // A failed ANALYZE (a role that does not own the tables, an outage) leaves autovacuum to it.
  readonly #analyse = new CoalescedRun(() =>
    this.#client.query('analyze events, streams').then(
      () => undefined,
      () => undefined,
    ),
  );

  private constructor(client: SqlClient) {
    this.#client = client;
  }

  /**
   * Takes the table's size from its highest position (one index lookup, and right even where the
   * table was never analysed); a store opened on a grown table never analyses.
   */
  static async open(client: SqlClient): Promise<YoungTables> {
    const tables = new YoungTables(client);
    if (client.dialect !== 'pg') return tables;
    const { rows } = await client.query<{ n: string }>(
      'select coalesce(max(position), 0)::text as n from events',
    );
    tables.#events = Number(rows[0]?.n ?? 0);
    tables.#next = ANALYZE_AT.findIndex((size) => size > tables.#events);
    if (tables.#next < 0) tables.#next = ANALYZE_AT.length;
    return tables;
  }

  /** Call after a commit that appended `events` events. Never throws and never waits. */
  appended(events: number): void {
    if (this.#next >= ANALYZE_AT.length) return;
    this.#events += events;
    if (this.#events < ANALYZE_AT[this.#next]!) return;
    while (this.#next < ANALYZE_AT.length && this.#events >= ANALYZE_AT[this.#next]!) this.#next++;
    this.#analyse.request();
  }

  /** Resolves when no ANALYZE is running (before the client closes). */
  settled(): Promise<void> {
    return this.#analyse.settled();
  }
}
