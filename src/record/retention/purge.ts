/**
 * Purge: removes the streams whose newest event is older than the retention period (default five
 * years, the AML record-keeping minimum) and that no legal hold protects, from the events, the read
 * models, the record's own tables and the quarantine (entries received before the cutoff), in one
 * transaction, and records the purge (who, when, the cutoff, the streams, how many events) in
 * `record_purges`, with each removed event id in `record_purged_events` so `verify` passes over their
 * links. A hold on a subject protects its stream and every stream that names it (an account's inquiries).
 * Tables kept under the same retention (the access log) lose their rows older than the cutoff in
 * the same transaction. SQL stores only: the events must live in the same database as the record.
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type { EventStore } from '../../store/event-store.js';
import { SqlEventStore } from '../../store/sql/sql-event-store.js';
import { dropSnapshotsOf } from '../../projections/snapshots/sql-snapshots.js';
import { relationExists } from '../../db/current-schema.js';

export const DEFAULT_RETENTION_YEARS = 5;

/** A table kept under the record's retention: its rows older than the cutoff go with a purge. */
export interface RetainedTable {
  countBefore(db: SqlExecutor, cutoff: Date): Promise<number>;
  /** Deletes them inside the purge's transaction; returns how many. */
  deleteBefore(tx: SqlExecutor, cutoff: Date): Promise<number>;
}

export interface PurgeOptions {
  /** Report what would go, change nothing. */
  dryRun?: boolean;
  /** The time the retention is counted back from; default now (a later one plans ahead). */
  now?: Date;
  actor: string;
  retentionYears?: number;
  /** The access log, when this database has one. */
  accessLog?: RetainedTable;
}

export interface PurgedStream {
  streamId: string;
  lastEventAt: string;
  events: number;
}

export interface PurgeReport {
  purgeId: string | null;
  dryRun: boolean;
  cutoff: string;
  streams: PurgedStream[];
  events: number;
  /** Quarantine entries received before the cutoff. */
  quarantined: number;
  /** Access-log rows of reads before the cutoff. */
  accessLogEntries: number;
  /** Streams past retention kept because a hold protects them. */
  held: string[];
}

export class PurgeUnsupportedError extends Error {
  override readonly name = 'PurgeUnsupportedError';
  constructor() {
    super('purge needs the events in PostgreSQL or PGlite (the memory and KurrentDB stores cannot delete)');
  }
}

export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

async function pastRetention(db: SqlExecutor, cutoff: Date): Promise<PurgedStream[]> {
  const { rows } = await db.query<{ stream_id: string; last: Date | string; events: string }>(
    `select stream_id, max(greatest(occurred_at, recorded_at)) as last, count(*)::text as events
       from events group by stream_id
     having max(greatest(occurred_at, recorded_at)) < $1 order by stream_id`,
    [cutoff.toISOString()],
  );
  return rows.map((r) => ({
    streamId: r.stream_id,
    lastEventAt: new Date(r.last).toISOString(),
    events: Number(r.events),
  }));
}

async function heldStreams(db: SqlExecutor): Promise<Set<string>> {
  const { rows } = await db.query<{ stream_id: string }>(
    `select h.kind || '-' || h.id as stream_id from record_holds h where h.released_at is null
     union
     select r.stream_id from record_relations r
       join record_holds h on h.id = r.id and (h.kind = r.kind or r.kind = '*')
      where h.released_at is null`,
  );
  return new Set(rows.map((r) => r.stream_id));
}

export async function purge(
  deps: { stored: EventStore; sql: SqlClient },
  options: PurgeOptions,
): Promise<PurgeReport> {
  if (!(deps.stored instanceof SqlEventStore)) throw new PurgeUnsupportedError();
  const cutoff = retentionCutoff(
    options.now ?? new Date(),
    options.retentionYears ?? DEFAULT_RETENTION_YEARS,
  );
  const candidates = await pastRetention(deps.sql, cutoff);
  const held = await heldStreams(deps.sql);
  const streams = candidates.filter((s) => !held.has(s.streamId));
  const { rows: q } = await deps.sql.query<{ n: string }>(
    'select count(*)::text as n from intake_quarantine where received_at < $1',
    [cutoff.toISOString()],
  );
  const report: PurgeReport = {
    purgeId: null,
    dryRun: options.dryRun === true,
    cutoff: cutoff.toISOString(),
    streams,
    events: streams.reduce((n, s) => n + s.events, 0),
    quarantined: Number(q[0]?.n ?? 0),
    accessLogEntries: (await options.accessLog?.countBefore(deps.sql, cutoff)) ?? 0,
    held: candidates.filter((s) => held.has(s.streamId)).map((s) => s.streamId),
  };
  const nothing = streams.length === 0 && report.quarantined === 0 && report.accessLogEntries === 0;
  if (report.dryRun || nothing) return report;

  const purgeId = `purge_${randomUUID()}`;
  let accessLogEntries = report.accessLogEntries;
  const ids = streams.map((s) => s.streamId);
  await deps.sql.transaction(async (tx) => {
    await tx.query(
      `insert into record_purged_events (event_id, purge_id)
       select event_id, $2 from events where stream_id = any($1) on conflict do nothing`,
      [ids, purgeId],
    );
    await tx.query('delete from events where stream_id = any($1)', [ids]);
    await tx.query('delete from streams where stream_id = any($1)', [ids]);
    await tx.query('delete from record_keys where stream_id = any($1)', [ids]);
    await tx.query('delete from record_relations where stream_id = any($1)', [ids]);
    await dropSnapshotsOf(tx, ids);
    // The read models' stable views are plain views over the active build: deletes reach it.
    if (await relationExists(tx, 'aggregate_state')) {
      await tx.query('delete from aggregate_state where stream_id = any($1)', [ids]);
      await tx.query('delete from timeline_entries where stream_id = any($1)', [ids]);
      await tx.query(`delete from reference_index where kind || '-' || id = any($1)`, [ids]);
    }
    await tx.query('delete from intake_quarantine where received_at < $1', [cutoff.toISOString()]);
    accessLogEntries = (await options.accessLog?.deleteBefore(tx, cutoff)) ?? 0;
    await tx.query(
      `insert into record_purges (purge_id, actor, cutoff, streams, events, quarantined, access_log_entries)
       values ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [
        purgeId,
        options.actor,
        cutoff.toISOString(),
        JSON.stringify(ids),
        report.events,
        report.quarantined,
        accessLogEntries,
      ],
    );
  });
  return { ...report, accessLogEntries, purgeId };
}
