/**
 * Floor services for bench:intake: plain fastify + node-postgres, no product code, doing only the
 * work any webhook-to-event-store service with live read models must do per delivery, as cheaply
 * as hand-written code can:
 *
 *   level 1  receive + verify + parse: the raw body, HMAC-SHA256 of `<t>.<body>` checked against
 *            the Persona-Signature header with timingSafeEqual, JSON.parse, answer 200.
 *   level 2  1 + store: one events row per delivery (the product's events columns, unique event
 *            id), in group commits: the deliveries of one tick go into one multi-row INSERT
 *            (one commit in flight at a time, as the product's default), each answered after it.
 *   level 3  2 + read models in the same statement (so the same commit): one timeline row per
 *            stored event and one upsert of its subject's state row (jsonb), in bare copies of
 *            the product's aggregate_state and timeline_entries tables.
 *
 * What the floor leaves out, on purpose: camelCasing and schema validation of the body, stream
 * rows and expected versions (stream versions come from a counter in this process, the only
 * writer; a repeat of an already stored event leaves a gap in its stream's versions), a diff of
 * the state (the timeline row's `changes` is empty), quarantine, metrics, logging.
 * Every statement is a named prepared statement over unnest'ed array parameters, so it is
 * parsed and planned once per connection; only identifiers (schema and table names, hex and
 * fixed text) are spliced into the SQL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

export type FloorLevel = 1 | 2 | 3;

export const FLOOR_NAMES: Record<FloorLevel, string> = {
  1: 'floor 1 (receive + verify + parse)',
  2: 'floor 2 (+ store)',
  3: 'floor 3 (+ store + read models)',
};

export interface FloorOptions {
  level: FloorLevel;
  connectionString: string;
  /** An existing schema the floor's tables are created in (name of hex and fixed text only). */
  schema: string;
  /** The pg connection's application_name, so the bench can read its backend's CPU. */
  applicationName: string;
  secret: string;
  /** Deliveries per commit at most. */
  maxBatch: number;
  /**
   * How a batch's values are bound: `scalars` (default), one parameter per value in a statement
   * prepared per batch size; `arrays`, one array parameter per column, unnest'ed.
   */
  bind?: 'scalars' | 'arrays';
  /** Create the product's secondary indexes on the floor's tables too (default true). */
  indexes?: boolean;
}

export interface FloorService {
  level: FloorLevel;
  port: number;
  /** The events table, schema-qualified (level 2 and 3), for the bench's loss check. */
  eventsTable?: string;
  /** Level 3: its timeline and state tables, schema-qualified, for the bench's row counts. */
  readModelTables?: { timeline: string; state: string };
  /** Commits and events written so far (level 2 and 3). */
  commits: { transactions: number; events: number };
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 300;

/** The Persona-Signature header (`t=<s>,v1=<hex>`, possibly several pairs) checked against the raw body. */
function verified(body: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || header.length > 1024) return false;
  const now = Date.now() / 1000;
  for (const pair of header.trim().split(' ')) {
    let t = '';
    let v1 = '';
    for (const item of pair.split(',')) {
      if (item.startsWith('t=')) t = item.slice(2);
      else if (item.startsWith('v1=')) v1 = item.slice(3);
    }
    if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) continue;
    if (Math.abs(now - Number(t)) > TOLERANCE_SECONDS) continue;
    const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest();
    if (timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return true;
  }
  return false;
}

/** One parsed delivery, as the floor stores it. */
interface Row {
  eventId: string;
  type: string;
  subjectKind: string;
  subjectId: string;
  streamId: string;
  occurredAt: string;
  data: string;
  raw: string;
  related: string;
  status: string | null;
  tagList: string[];
  state: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/** A Postgres array literal of text, for one text[] cell passed inside a text[] parameter. */
function textArrayLiteral(values: unknown): string {
  if (!Array.isArray(values)) return '{}';
  return `{${values.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** The row of a Persona event delivery, or undefined when the body is not one. */
function toRow(raw: string, body: unknown): Row | undefined {
  const event = obj(obj(body)?.data);
  const attributes = obj(event?.attributes);
  const payload = obj(attributes?.payload);
  const resource = obj(payload?.data);
  const resourceAttributes = obj(resource?.attributes) ?? {};
  if (
    typeof event?.id !== 'string' ||
    typeof attributes?.name !== 'string' ||
    typeof attributes['created-at'] !== 'string' ||
    typeof resource?.type !== 'string' ||
    typeof resource.id !== 'string'
  )
    return undefined;
  const related: { kind: string; id: string }[] = [];
  for (const rel of Object.values(obj(resource.relationships) ?? {})) {
    const ref = obj(obj(rel)?.data);
    if (typeof ref?.type === 'string' && typeof ref.id === 'string')
      related.push({ kind: ref.type, id: ref.id });
  }
  return {
    eventId: event.id,
    type: attributes.name,
    subjectKind: resource.type,
    subjectId: resource.id,
    streamId: `persona-${resource.type}-${resource.id}`,
    occurredAt: attributes['created-at'],
    data: JSON.stringify({ resource, included: payload?.included ?? [] }),
    raw,
    related: JSON.stringify(related),
    status: typeof resourceAttributes.status === 'string' ? resourceAttributes.status : null,
    tagList: Array.isArray(resourceAttributes.tags) ? resourceAttributes.tags.map(String) : [],
    state: JSON.stringify(resourceAttributes),
  };
}

function ddl(schema: string, level: FloorLevel, indexes: boolean): string[] {
  const s = `"${schema}"`;
  const t = `floor${level}`;
  const out = [
    // The product's events table, column for column.
    `create table ${s}.${t}_events (
      position bigint generated always as identity primary key,
      txid xid8 not null default pg_current_xact_id(),
      stream_id text not null,
      stream_version bigint not null check (stream_version >= 1),
      event_id text not null unique,
      type text not null,
      source text not null,
      subject_kind text not null,
      subject_id text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      actor text,
      schema_version integer not null,
      data jsonb not null,
      raw text not null,
      related jsonb not null default '[]',
      unknown boolean not null default false,
      metadata jsonb not null default '{}',
      unique (stream_id, stream_version)
    )`,
  ];
  if (indexes) out.push(`create index on ${s}.${t}_events (txid, position)`);
  if (level === 3) {
    // Bare copies of the product's aggregate_state and timeline_entries (columns.ts).
    out.push(
      `create table ${s}.${t}_state (
        kind text not null, id text not null, stream_id text not null, version integer not null,
        stream_version integer not null, status text, tags text[] not null default '{}', state jsonb not null,
        redacted boolean not null default false, created_at timestamptz, updated_at timestamptz,
        last_occurred_at timestamptz, primary key (kind, id)
      )`,
      `create table ${s}.${t}_timeline (
        subject_kind text not null, subject_id text not null, event_id text not null,
        occurred_at timestamptz not null, recorded_at timestamptz not null, position bigint not null,
        stream_id text not null, type text not null, source text not null, actor text, summary text not null,
        about_kind text not null, about_id text not null, changes jsonb not null, own boolean not null,
        primary key (subject_kind, subject_id, event_id)
      )`,
    );
    if (indexes)
      out.push(
        `create index on ${s}.${t}_state using gin (tags)`,
        `create index on ${s}.${t}_state (kind, status)`,
        `create index on ${s}.${t}_timeline (subject_kind, subject_id, occurred_at, position)`,
        `create index on ${s}.${t}_timeline (stream_id, occurred_at, position)`,
      );
  }
  return out;
}

const EVENT_INSERT = (table: string) => `insert into ${table}
  (stream_id, stream_version, event_id, type, source, subject_kind, subject_id, occurred_at, actor,
   schema_version, data, raw, related)
  select r.stream_id, r.stream_version, r.event_id, r.type, $12, r.subject_kind, r.subject_id, r.occurred_at,
    r.actor, $13, r.data, r.raw, r.related
  from unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
    $8::text[], $9::jsonb[], $10::text[], $11::jsonb[])
    as r(stream_id, stream_version, event_id, type, subject_kind, subject_id, occurred_at, actor, data, raw,
      related)
  on conflict (event_id) do nothing`;

/**
 * Level 3's timeline rows for the events the statement stored (CTE `e`, `source` the parameter
 * naming the vendor), then the head of the state upsert; the caller adds its rows and STATE_UPSERT.
 */
const timelineThenState = (s: string, source: string) => `tl as (
    insert into ${s}.floor3_timeline (subject_kind, subject_id, event_id, occurred_at, recorded_at, position,
      stream_id, type, source, actor, summary, about_kind, about_id, changes, own)
    select e.subject_kind, e.subject_id, e.event_id, e.occurred_at, e.recorded_at, e.position, e.stream_id,
      e.type, ${source}, e.actor, e.type, e.subject_kind, e.subject_id, '[]'::jsonb, true
    from e
    on conflict do nothing
  )
  insert into ${s}.floor3_state as a (kind, id, stream_id, version, stream_version, status, tags, state,
    created_at, updated_at, last_occurred_at)`;

/** The state upsert's conflict rule: never moving a state back to an older event. */
const STATE_UPSERT = `on conflict (kind, id) do update set version = a.version + 1, stream_version = excluded.stream_version,
    status = excluded.status, tags = excluded.tags, state = excluded.state, updated_at = excluded.updated_at,
    last_occurred_at = excluded.last_occurred_at
  where a.last_occurred_at <= excluded.last_occurred_at`;

/**
 * Level 3's one statement: the events, then a timeline row for each event actually stored (with
 * its position) and the state upsert of each subject whose latest event in the batch was stored,
 * never moving a state back to an older event.
 */
const READ_MODEL_INSERT = (schema: string) => {
  const s = `"${schema}"`;
  return `with e as (
    ${EVENT_INSERT(`${s}.floor3_events`)}
    returning position, event_id, stream_id, stream_version, type, subject_kind, subject_id, occurred_at,
      recorded_at, actor
  ), ${timelineThenState(s, '$12')}
  select e.subject_kind, e.subject_id, e.stream_id, 1, e.stream_version, u.status, u.tags::text[], u.state,
    e.occurred_at, e.occurred_at, e.occurred_at
  from unnest($14::text[], $15::text[], $16::text[], $17::jsonb[]) as u(event_id, status, tags, state)
  join e using (event_id)
  ${STATE_UPSERT}`;
};

/** Columns of one delivery's row in the scalar statements below, in order, with their types. */
const SCALAR_COLUMNS = [
  ['stream_id', 'text'],
  ['stream_version', 'int8'],
  ['event_id', 'text'],
  ['type', 'text'],
  ['subject_kind', 'text'],
  ['subject_id', 'text'],
  ['occurred_at', 'timestamptz'],
  ['actor', 'text'],
  ['data', 'jsonb'],
  ['raw', 'text'],
  ['related', 'jsonb'],
  // Level 3 only: the state row's values, and whether this is its subject's latest event in the batch.
  ['status', 'text'],
  ['tags', 'text[]'],
  ['state', 'jsonb'],
  ['latest', 'bool'],
] as const;

/**
 * The same writes as EVENT_INSERT and READ_MODEL_INSERT with every value bound as a scalar
 * parameter (`$3, $4, …` per row: nothing for the driver to escape into array literals), one
 * statement text, prepared once, per size class of 1, 2, 4 … rows (spare rows null, skipped).
 */
function scalarStatement(schema: string, level: 2 | 3, n: number): string {
  const width = level === 2 ? 11 : SCALAR_COLUMNS.length;
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `(${SCALAR_COLUMNS.slice(0, width)
        .map(([, type], c) => `$${3 + i * width + c}::${type}`)
        .join(', ')})`,
  ).join(',\n    ');
  const names = SCALAR_COLUMNS.slice(0, width)
    .map(([name]) => name)
    .join(', ');
  const s = `"${schema}"`;
  const events = (from: string) => `insert into ${s}.floor${level}_events
    (stream_id, stream_version, event_id, type, source, subject_kind, subject_id, occurred_at, actor,
     schema_version, data, raw, related)
    select stream_id, stream_version, event_id, type, $1::text, subject_kind, subject_id, occurred_at, actor,
      $2::int4, data, raw, related
    from ${from}
    where event_id is not null
    on conflict (event_id) do nothing`;
  if (level === 2) return `with v (${names}) as (values ${rows})\n${events('v')}`;
  return `with v (${names}) as (values ${rows}),
  e as (
    ${events('v')}
    returning position, event_id, stream_id, stream_version, type, subject_kind, subject_id, occurred_at,
      recorded_at, actor
  ), ${timelineThenState(s, '$1::text')}
  select e.subject_kind, e.subject_id, e.stream_id, 1, e.stream_version, v.status, v.tags, v.state,
    e.occurred_at, e.occurred_at, e.occurred_at
  from v join e using (event_id)
  where v.latest
  ${STATE_UPSERT}`;
}

interface Pending {
  row: Row;
  waiters: { resolve(): void; reject(e: unknown): void }[];
}

export async function startFloorService(options: FloorOptions): Promise<FloorService> {
  const { level, secret, schema } = options;
  const app: FastifyInstance = fastify({ logger: false });
  // The raw bytes, for the HMAC: no body parser of fastify's own.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const commits = { transactions: 0, events: 0 };

  let db: pg.Client | undefined;
  let write: ((batch: Pending[]) => Promise<void>) | undefined;
  if (level >= 2) {
    db = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName,
      // Every statement is prepared once; its generic plan is as good as any for these few rows,
      // and spares planning the statement again on its first executions.
      options: '-c plan_cache_mode=force_generic_plan',
    });
    await db.connect();
    for (const statement of ddl(schema, level, options.indexes ?? true)) await db.query(statement);
    const client = db;
    const versions = new Map<string, number>();
    const name = `floor${level}_write`;
    const text = level === 2 ? EVENT_INSERT(`"${schema}".floor2_events`) : READ_MODEL_INSERT(schema);
    const writeArrays = async (batch: Pending[]): Promise<void> => {
      const n = batch.length;
      const cols = Array.from({ length: 11 }, () => new Array<unknown>(n));
      const latest = new Map<string, Row>();
      for (let i = 0; i < n; i++) {
        const r = batch[i]!.row;
        const v = (versions.get(r.streamId) ?? 0) + 1;
        versions.set(r.streamId, v);
        const values = [
          r.streamId,
          v,
          r.eventId,
          r.type,
          r.subjectKind,
          r.subjectId,
          r.occurredAt,
          null,
          r.data,
          r.raw,
          r.related,
        ];
        for (let c = 0; c < 11; c++) cols[c]![i] = values[c];
        const key = `${r.subjectKind}/${r.subjectId}`;
        const seen = latest.get(key);
        if (!seen || seen.occurredAt <= r.occurredAt) latest.set(key, r);
      }
      const params: unknown[] = [...cols, 'persona', 1];
      if (level === 3) {
        const states = [...latest.values()];
        params.push(
          states.map((r) => r.eventId),
          states.map((r) => r.status),
          states.map((r) => textArrayLiteral(r.tagList)),
          states.map((r) => r.state),
        );
      }
      await client.query({ name, text, values: params });
    };
    const writeScalars = async (batch: Pending[]): Promise<void> => {
      const n = batch.length;
      const lvl = level as 2 | 3;
      const width = lvl === 2 ? 11 : SCALAR_COLUMNS.length;
      let size = 1;
      while (size < n) size *= 2;
      const params = new Array<unknown>(2 + size * width).fill(null);
      params[0] = 'persona';
      params[1] = 1;
      const latest = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const r = batch[i]!.row;
        const v = (versions.get(r.streamId) ?? 0) + 1;
        versions.set(r.streamId, v);
        let k = 2 + i * width;
        params[k++] = r.streamId;
        params[k++] = v;
        params[k++] = r.eventId;
        params[k++] = r.type;
        params[k++] = r.subjectKind;
        params[k++] = r.subjectId;
        params[k++] = r.occurredAt;
        params[k++] = null;
        params[k++] = r.data;
        params[k++] = r.raw;
        params[k++] = r.related;
        if (lvl === 3) {
          params[k++] = r.status;
          params[k++] = r.tagList;
          params[k++] = r.state;
          params[k++] = false;
          const key = `${r.subjectKind}/${r.subjectId}`;
          const seen = latest.get(key);
          if (seen === undefined || batch[seen]!.row.occurredAt <= r.occurredAt) latest.set(key, i);
        }
      }
      for (const i of latest.values()) params[2 + i * width + width - 1] = true;
      let prepared = scalarTexts.get(size);
      if (!prepared) scalarTexts.set(size, (prepared = scalarStatement(schema, lvl, size)));
      await client.query({ name: `floor${level}_write_${size}`, text: prepared, values: params });
    };
    const scalarTexts = new Map<number, string>();
    write = async (batch) => {
      await ((options.bind ?? 'scalars') === 'scalars' ? writeScalars(batch) : writeArrays(batch));
      commits.transactions += 1;
      commits.events += batch.length;
    };
  }

  // Group commit: the deliveries of one tick, one commit in flight at a time; a repeat of an
  // event already queued waits for that row's commit instead of adding one.
  let queue = new Map<string, Pending>();
  let flushing = false;
  const flush = async (): Promise<void> => {
    while (queue.size > 0) {
      const all = [...queue.values()];
      const batch = all.slice(0, options.maxBatch);
      queue = new Map(all.slice(options.maxBatch).map((p) => [p.row.eventId, p]));
      try {
        await write!(batch);
        for (const p of batch) for (const w of p.waiters) w.resolve();
      } catch (e) {
        for (const p of batch) for (const w of p.waiters) w.reject(e);
      }
    }
    flushing = false;
  };
  const store = (row: Row): Promise<void> =>
    new Promise((resolve, reject) => {
      const queued = queue.get(row.eventId);
      if (queued) queued.waiters.push({ resolve, reject });
      else queue.set(row.eventId, { row, waiters: [{ resolve, reject }] });
      if (!flushing) {
        flushing = true;
        setImmediate(() => void flush());
      }
    });

  app.post('/webhooks/persona', async (request, reply) => {
    const body = request.body as Buffer;
    if (!verified(body, request.headers['persona-signature'], secret))
      return reply.code(401).send({ ok: false });
    const raw = body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return reply.code(400).send({ ok: false });
    }
    if (level === 1) return { ok: true };
    const row = toRow(raw, parsed);
    if (!row) return reply.code(400).send({ ok: false });
    await store(row);
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return {
    level,
    port,
    ...(level >= 2 ? { eventsTable: `"${schema}".floor${level}_events` } : {}),
    ...(level === 3
      ? { readModelTables: { timeline: `"${schema}".floor3_timeline`, state: `"${schema}".floor3_state` } }
      : {}),
    commits,
    async close() {
      await app.close();
      await db?.end();
    },
  };
}
