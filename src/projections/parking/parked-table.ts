/**
 * `projection_parked`: events a projection could not apply (dead letters), per build. An event is
 * parked after the projection threw on it a bounded number of times (poison.ts); the events of its
 * stream that come after it wait behind it (`blocked_by`), since folding a stream past a missing
 * event would write a wrong state. A stream with parked rows is stale: its read-model rows stop at
 * the event before the first parked one. The error column never holds event data
 * (error-summary.ts).
 */
import { runMigrations, type Migration } from '../../db/migrations.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';

export interface ParkedEvent {
  projection: string;
  /** Table version of the build the event was parked in. */
  buildVersion: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  /** Global position (RecordedEvent.position) as a decimal string. */
  position: string;
  /** Why: the projection's error (no event data), or the parked event of the stream it waits behind. */
  error: string;
  /** The event id this one waits behind; absent when the projection failed on this event itself. */
  blockedBy?: string;
  /** Times the projection failed on it (attempts before parking plus failed replays). */
  attempts: number;
  firstSeen: string;
  lastSeen: string;
}

export interface NewParkedEvent {
  event: RecordedEvent;
  error: string;
  blockedBy?: string;
  attempts: number;
  /** Kept from an earlier parking of it (a replay that failed again); default now. */
  firstSeen?: string;
}

const migrations: Migration[] = [
  {
    version: 1,
    name: 'parked events',
    statements: [
      `create table if not exists projection_parked (
        projection text not null,
        build_version integer not null,
        event_id text not null,
        stream_id text not null,
        stream_version integer not null,
        position bigint not null,
        error text not null,
        blocked_by text,
        attempts integer not null,
        first_seen timestamptz not null default now(),
        last_seen timestamptz not null default now(),
        primary key (projection, build_version, event_id))`,
      `create index if not exists projection_parked_stream on projection_parked (projection, build_version, stream_id)`,
    ],
  },
];

export async function ensureParkedTable(sql: SqlClient): Promise<void> {
  await runMigrations(sql, { component: 'projection-parked', migrations });
}

interface ParkedRow {
  projection: string;
  build_version: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  position: string;
  error: string;
  blocked_by: string | null;
  attempts: number;
  first_seen: string;
  last_seen: string;
}

const COLUMNS = `p.projection, p.build_version, p.event_id, p.stream_id, p.stream_version, p.position::text as position,
  p.error, p.blocked_by, p.attempts, to_char(p.first_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as first_seen,
  to_char(p.last_seen at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as last_seen`;

/** Only rows of each projection's active build count: a rebuild that replaced it started over. */
const ACTIVE = `join projection_checkpoints c on c.name = p.projection and c.version = p.build_version and c.state = 'active'`;

function toParked(r: ParkedRow): ParkedEvent {
  return {
    projection: r.projection,
    buildVersion: Number(r.build_version),
    eventId: r.event_id,
    streamId: r.stream_id,
    streamVersion: Number(r.stream_version),
    position: r.position,
    error: r.error,
    ...(r.blocked_by ? { blockedBy: r.blocked_by } : {}),
    attempts: Number(r.attempts),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}

/** Parks events (inside the batch's transaction); parking one again counts its attempts up. */
export async function insertParked(
  tx: SqlExecutor,
  build: { name: string; version: number },
  parked: readonly NewParkedEvent[],
): Promise<void> {
  if (parked.length === 0) return;
  await tx.query(
    `insert into projection_parked
       (projection, build_version, event_id, stream_id, stream_version, position, error, blocked_by, attempts, first_seen)
     select $1, $2, x.event_id, x.stream_id, x.stream_version, x.position::bigint, x.error, x.blocked_by, x.attempts,
            coalesce(x.first_seen::timestamptz, now())
       from unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[])
         as x(event_id, stream_id, stream_version, position, error, blocked_by, attempts, first_seen)
     on conflict (projection, build_version, event_id) do update
       set attempts = projection_parked.attempts + excluded.attempts, error = excluded.error,
           blocked_by = excluded.blocked_by, last_seen = now()`,
    [
      build.name,
      build.version,
      parked.map((p) => p.event.eventId),
      parked.map((p) => p.event.streamId),
      parked.map((p) => p.event.streamVersion),
      parked.map((p) => p.event.position.toString()),
      parked.map((p) => p.error),
      parked.map((p) => p.blockedBy ?? null),
      parked.map((p) => p.attempts),
      parked.map((p) => p.firstSeen ?? null),
    ],
  );
}

/** Whether the build has any parked event. */
export async function anyParked(tx: SqlExecutor, build: { name: string; version: number }): Promise<boolean> {
  const { rows } = await tx.query<{ any: boolean }>(
    `select exists (select 1 from projection_parked where projection = $1 and build_version = $2) as any`,
    [build.name, build.version],
  );
  return rows[0]?.any === true;
}

/** Which of `streamIds` have parked events in this build (their new events wait behind them). */
export async function parkedStreamsAmong(
  tx: SqlExecutor,
  build: { name: string; version: number },
  streamIds: readonly string[],
): Promise<Map<string, string>> {
  const { rows } = await tx.query<{ stream_id: string; event_id: string }>(
    `select distinct on (stream_id) stream_id, event_id from projection_parked
      where projection = $1 and build_version = $2 and stream_id = any($3::text[])
      order by stream_id, stream_version`,
    [build.name, build.version, streamIds],
  );
  return new Map(rows.map((r) => [r.stream_id, r.event_id]));
}

export interface ParkedFilter {
  projection?: string;
  streamId?: string;
  eventId?: string;
}

/** Parked events of the active builds, in stream then stream-version order. */
export async function listParked(db: SqlExecutor, filter: ParkedFilter = {}): Promise<ParkedEvent[]> {
  const { rows } = await db.query<ParkedRow>(
    `select ${COLUMNS} from projection_parked p ${ACTIVE}
      where ($1::text is null or p.projection = $1) and ($2::text is null or p.stream_id = $2)
        and ($3::text is null or p.event_id = $3)
      order by p.projection, p.stream_id, p.stream_version`,
    [filter.projection ?? null, filter.streamId ?? null, filter.eventId ?? null],
  );
  return rows.map(toParked);
}

/** Parked events per projection (active builds only), for readiness and metrics. */
export async function countParked(db: SqlExecutor): Promise<Map<string, number>> {
  const { rows } = await db.query<{ projection: string; n: number }>(
    `select p.projection, count(*)::int as n from projection_parked p ${ACTIVE} group by p.projection`,
  );
  return new Map(rows.map((r) => [r.projection, Number(r.n)]));
}

/** Parked events per stream of one projection's active build (partitioned metrics). */
export async function countParkedByStream(db: SqlExecutor, projection: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ stream_id: string; n: number }>(
    `select p.stream_id, count(*)::int as n from projection_parked p ${ACTIVE}
      where p.projection = $1 group by p.stream_id`,
    [projection],
  );
  return new Map(rows.map((r) => [r.stream_id, Number(r.n)]));
}

/**
 * `exists(…)` over the active build's parked events of stream `$<param>` of projection
 * `$<param - 1>`, for a read that reports its row stale in the same statement.
 */
export function parkedExists(projectionParam: number, streamParam: number): string {
  return `exists (select 1 from projection_parked p ${ACTIVE}
    where p.projection = $${projectionParam} and p.stream_id = $${streamParam})`;
}

/** Whether a stream has parked events in the projection's active build (its rows are stale). */
export async function isStreamParked(
  db: SqlExecutor,
  projection: string,
  streamId: string,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from projection_parked p ${ACTIVE} where p.projection = $1 and p.stream_id = $2 limit 1`,
    [projection, streamId],
  );
  return rows.length > 0;
}

/** Removes the given parked rows (a replay that applied them); returns the ids it removed. */
export async function deleteParked(
  tx: SqlExecutor,
  build: { name: string; version: number },
  eventIds: readonly string[],
): Promise<Set<string>> {
  const { rows } = await tx.query<{ event_id: string }>(
    `delete from projection_parked where projection = $1 and build_version = $2 and event_id = any($3::text[])
      returning event_id`,
    [build.name, build.version, eventIds],
  );
  return new Set(rows.map((r) => r.event_id));
}
