/**
 * After an erasure, old row versions still hold what was overwritten: the destroyed key's wrapped
 * bytes in `record_keys`, and (once the projections have masked them) the read models' PII. PostgreSQL
 * keeps them in dead tuples until vacuumed and in its WAL, WAL archives and backups (docs/record.md).
 * This rewrites the tables (`VACUUM FULL`: a new file, the old one unlinked at the next checkpoint) and,
 * on PGlite, where the data directory is the product's own, switches WAL segments and checkpoints
 * twice, so the segments that held the old bytes are removed (`wal_recycle` off, see
 * `preparePgliteForErasure`). On a PostgreSQL server only `record_keys` is rewritten: its WAL and
 * backups are the operator's.
 */
import type { SqlClient } from '../../db/sql-client.js';
import { assertIdentifier } from '../../db/identifiers.js';

export interface ScrubReport {
  /** Tables rewritten. */
  vacuumed: string[];
  /** PGlite: WAL segments written before the erasure were removed. */
  walRotated: boolean;
}

export async function scrubAfterErasure(sql: SqlClient): Promise<ScrubReport> {
  if (sql.dialect !== 'pglite') {
    await sql.query('vacuum full record_keys');
    return { vacuumed: ['record_keys'], walRotated: false };
  }
  const { rows } = await sql.query<{ name: string }>(
    'select tablename as name from pg_tables where schemaname = current_schema() order by tablename',
  );
  const vacuumed: string[] = [];
  for (const { name } of rows) {
    await sql.query(`vacuum full ${assertIdentifier(name, 'table')}`);
    vacuumed.push(name);
  }
  const recycle = await sql.query<{ wal_recycle: string }>('show wal_recycle');
  for (let i = 0; i < 2; i++) {
    await sql.query('select pg_switch_wal()');
    await sql.query('checkpoint');
  }
  return { vacuumed, walRotated: recycle.rows[0]?.wal_recycle === 'off' };
}

/**
 * PGlite keeps recycled WAL segments (old bytes and all) for reuse unless `wal_recycle` is off. It
 * can only change at start, so this sets it for the next open of the data directory.
 */
export async function preparePgliteForErasure(sql: SqlClient): Promise<void> {
  if (sql.dialect !== 'pglite') return;
  const { rows } = await sql.query<{ wal_recycle: string }>('show wal_recycle');
  if (rows[0]?.wal_recycle !== 'off') await sql.query('alter system set wal_recycle = off');
}
