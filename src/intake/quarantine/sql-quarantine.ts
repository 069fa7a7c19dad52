/**
 * Quarantine table over the SqlClient seam, so it works on node-postgres and PGlite alike.
 * Table names are unqualified: the client's search_path picks the schema, as for the event store.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../../events/parse-result.js';
import type { Source } from '../../events/types.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import { runMigrations, type Migration } from '../../db/migrations.js';
import {
  isQuarantineId,
  type QuarantineEntry,
  type QuarantineInput,
  type QuarantineListOptions,
  type QuarantineStore,
  type QuarantineSummary,
} from './quarantine.js';

const QUARANTINE_COMPONENT = 'intake-quarantine';

const quarantineMigrations: Migration[] = [
  {
    version: 1,
    name: 'quarantine table',
    statements: [
      `create table if not exists intake_quarantine (
        id bigint generated always as identity primary key,
        source text not null,
        body bytea not null,
        body_sha256 text not null,
        headers jsonb not null,
        problems jsonb not null,
        reason text not null,
        line integer,
        received_at timestamptz not null,
        deliveries integer not null default 1,
        replayed_at timestamptz,
        replayed_event_id text,
        unique (source, body_sha256)
      )`,
      `create index if not exists intake_quarantine_pending on intake_quarantine (id) where replayed_at is null`,
    ],
  },
];

/** Idempotent, versioned through the store's migration runner (its own component, own lock). */
export async function migrateQuarantine(client: SqlClient, options: { schema?: string } = {}): Promise<void> {
  await runMigrations(client, {
    component: QUARANTINE_COMPONENT,
    migrations: quarantineMigrations,
    ...options,
  });
}

interface Row {
  id: string | number | bigint;
  source: Source;
  reason: string;
  problems: Problem[] | string;
  line: number | null;
  bytes: number | string;
  received_at: Date | string;
  deliveries: number;
  replayed_at: Date | string | null;
  replayed_event_id: string | null;
  body?: Uint8Array;
  headers?: Record<string, string> | string;
}

const SUMMARY_COLUMNS = `id, source, reason, problems, line, octet_length(body) as bytes, received_at, deliveries,
  replayed_at, replayed_event_id`;

function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function toSummary(row: Row): QuarantineSummary {
  return {
    id: String(row.id),
    source: row.source,
    reason: row.reason,
    problems: json(row.problems),
    line: row.line,
    bytes: Number(row.bytes),
    receivedAt: iso(row.received_at),
    deliveries: row.deliveries,
    replayedAt: row.replayed_at === null ? null : iso(row.replayed_at),
    replayedEventId: row.replayed_event_id,
  };
}

export class SqlQuarantine implements QuarantineStore {
  constructor(private readonly client: SqlExecutor) {}

  async add(input: QuarantineInput): Promise<{ id: string; created: boolean }> {
    const digest = createHash('sha256').update(input.body).digest('hex');
    // xmax = 0 only for a freshly inserted row: one round trip tells "new" from "seen before".
    const { rows } = await this.client.query<{ id: string | number | bigint; created: boolean }>(
      `insert into intake_quarantine (source, body, body_sha256, headers, problems, reason, line, received_at)
         values ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8)
         on conflict (source, body_sha256) do update set deliveries = intake_quarantine.deliveries + 1
         returning id, (xmax = 0) as created`,
      [
        input.source,
        Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength),
        digest,
        JSON.stringify(input.headers),
        JSON.stringify(input.problems),
        input.reason,
        input.line ?? null,
        input.receivedAt.toISOString(),
      ],
    );
    const row = rows[0]!;
    return { id: String(row.id), created: row.created };
  }

  async list(options: QuarantineListOptions = {}): Promise<QuarantineSummary[]> {
    const status = options.status ?? 'pending';
    const limit = Math.max(1, Math.min(options.limit ?? 100, 10_000));
    const after = options.afterId && isQuarantineId(options.afterId) ? options.afterId : '0';
    const { rows } = await this.client.query<Row>(
      `select ${SUMMARY_COLUMNS} from intake_quarantine
         where id > $1::bigint
           and ($2::text is null or source = $2)
           and ($3 = 'all' or ($3 = 'pending') = (replayed_at is null))
         order by id limit $4`,
      [after, options.source ?? null, status, limit],
    );
    return rows.map(toSummary);
  }

  async get(id: string): Promise<QuarantineEntry | null> {
    if (!isQuarantineId(id)) return null;
    const { rows } = await this.client.query<Row>(
      `select ${SUMMARY_COLUMNS}, body, headers from intake_quarantine where id = $1::bigint`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    return { ...toSummary(row), body: Buffer.from(row.body!), headers: json(row.headers!) };
  }

  async markReplayed(id: string, eventId: string, at: Date): Promise<void> {
    if (!isQuarantineId(id)) return;
    await this.client.query(
      `update intake_quarantine set replayed_at = $2, replayed_event_id = $3 where id = $1::bigint and replayed_at is null`,
      [id, at.toISOString(), eventId],
    );
  }

  async recordFailedReplay(id: string, problems: Problem[], reason: string): Promise<void> {
    if (!isQuarantineId(id)) return;
    await this.client.query(
      `update intake_quarantine set problems = $2::jsonb, reason = $3 where id = $1::bigint`,
      [id, JSON.stringify(problems), reason],
    );
  }
}
