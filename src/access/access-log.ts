/**
 * The access log: one row per read of a subject's data (console, read API, export), who read it
 * (token name), what (state, timeline, export), when and from where. Append-only: the table
 * refuses UPDATE and DELETE with a trigger, so the log cannot be edited through this product's
 * connection either. The one exception is the record's retention purge, which removes rows older
 * than its cutoff inside its own transaction (`accessLogRetention`). The same SQL serves
 * PostgreSQL and PGlite (the memory store's read models).
 */
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { runMigrations, type Migration } from '../db/migrations.js';
import { relationExists } from '../db/current-schema.js';

export type AccessChannel = 'api' | 'console' | 'export' | 'cli';

export interface AccessRecord {
  tokenName: string;
  subjectKind: string;
  subjectId: string;
  /** What was read: `state`, `state as of`, `timeline`, `by-reference`, `export json`, … */
  what: string;
  channel: AccessChannel;
  /** Remote address (HTTP) or `local` (CLI). */
  remote: string;
}

export interface AccessLogEntry extends AccessRecord {
  id: string;
  at: string;
}

export interface AccessLogFilter {
  subjectKind?: string;
  subjectId?: string;
  tokenName?: string;
  since?: string;
  limit?: number;
}

export interface AccessLog {
  record(entries: AccessRecord | AccessRecord[]): Promise<void>;
  list(filter?: AccessLogFilter): Promise<AccessLogEntry[]>;
}

/** Transaction-local: the retention purge's cutoff; rows older than it may be deleted. */
const PURGE_CUTOFF_SETTING = 'profile_projector.access_log_purge_cutoff';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'access log table, append-only',
    statements: [
      `create table if not exists access_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        token_name text not null,
        subject_kind text not null,
        subject_id text not null,
        what text not null,
        channel text not null,
        remote text not null
      )`,
      'create index if not exists access_log_subject on access_log (subject_kind, subject_id, at)',
      'create index if not exists access_log_token on access_log (token_name, at)',
      `create or replace function access_log_append_only() returns trigger language plpgsql as $$
        begin raise exception 'access_log is append-only'; end $$`,
      'drop trigger if exists access_log_append_only on access_log',
      `create trigger access_log_append_only before update or delete on access_log
        for each row execute function access_log_append_only()`,
    ],
  },
  {
    version: 2,
    name: 'access log rows past the purge cutoff may be deleted by the purge',
    statements: [
      `create or replace function access_log_append_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE'
             and old.at < nullif(current_setting('${PURGE_CUTOFF_SETTING}', true), '')::timestamptz then
            return old;
          end if;
          raise exception 'access_log is append-only';
        end $$`,
    ],
  },
];

export async function migrateAccessLog(client: SqlClient, options: { schema?: string } = {}): Promise<void> {
  await runMigrations(client, { component: 'access-log', migrations, ...options });
}

/** Whether this database (the client's schema) has an access log: a service or CLI made it. */
export function hasAccessLog(db: SqlExecutor): Promise<boolean> {
  return relationExists(db, 'access_log');
}

/**
 * The access log under the record's retention: the purge removes the rows of reads older than its
 * cutoff, in the purge's transaction. The trigger lets only those rows go, and only in a
 * transaction that set the cutoff.
 */
export const accessLogRetention = {
  async countBefore(db: SqlExecutor, cutoff: Date): Promise<number> {
    const { rows } = await db.query<{ n: string }>(
      'select count(*)::text as n from access_log where at < $1',
      [cutoff.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  },
  async deleteBefore(tx: SqlExecutor, cutoff: Date): Promise<number> {
    await tx.query('select set_config($1, $2, true)', [PURGE_CUTOFF_SETTING, cutoff.toISOString()]);
    const { rows } = await tx.query<{ n: string }>(
      `with gone as (delete from access_log where at < $1 returning 1)
       select count(*)::text as n from gone`,
      [cutoff.toISOString()],
    );
    return Number(rows[0]?.n ?? 0);
  },
};

interface Row {
  id: string | number;
  at: Date | string;
  token_name: string;
  subject_kind: string;
  subject_id: string;
  what: string;
  channel: AccessChannel;
  remote: string;
}

const MAX_LIST = 10_000;

export class SqlAccessLog implements AccessLog {
  constructor(private readonly sql: SqlExecutor) {}

  async record(entries: AccessRecord | AccessRecord[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    await this.sql.query(
      `insert into access_log (token_name, subject_kind, subject_id, what, channel, remote)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        list.map((e) => e.tokenName),
        list.map((e) => e.subjectKind),
        list.map((e) => e.subjectId),
        list.map((e) => e.what),
        list.map((e) => e.channel),
        list.map((e) => e.remote.slice(0, 200)),
      ],
    );
  }

  async list(filter: AccessLogFilter = {}): Promise<AccessLogEntry[]> {
    const limit = Math.min(Math.max(filter.limit ?? 1000, 1), MAX_LIST);
    const { rows } = await this.sql.query<Row>(
      `select id, at, token_name, subject_kind, subject_id, what, channel, remote
         from access_log
        where ($1::text is null or subject_kind = $1)
          and ($2::text is null or subject_id = $2)
          and ($3::text is null or token_name = $3)
          and ($4::timestamptz is null or at >= $4)
        order by at desc, id desc
        limit $5`,
      [
        filter.subjectKind ?? null,
        filter.subjectId ?? null,
        filter.tokenName ?? null,
        filter.since ?? null,
        limit,
      ],
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      tokenName: r.token_name,
      subjectKind: r.subject_kind,
      subjectId: r.subject_id,
      what: r.what,
      channel: r.channel,
      remote: r.remote,
    }));
  }
}
