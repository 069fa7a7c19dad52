/**
 * The EventStore on PostgreSQL and PGlite: one implementation over the SqlClient seam.
 *
 * Append, per transaction: find already-stored event ids (duplicates are reported before any
 * version check, so a redelivery with a stale expected version is still a duplicate), lock the
 * touched `streams` rows in id order, check every expected version against the locked rows
 * (the compare-and-set), write new versions, insert all events with multi-row INSERTs and
 * NOTIFY the schema's channel (delivered at commit). Two races end in a retry of the whole
 * transaction: another writer storing the same event id, or creating the same new stream.
 * A small batch with no expected version to check (a webhook group commit) does all of that in
 * one statement, its own transaction (#appendAnyVersion): one round trip instead of four.
 */
import type { NewEvent, RecordedEvent } from '../../events/types.js';
import { streamCategory } from '../../events/streams.js';
import { checkAppendItems, splitRepeats } from '../append-input.js';
import {
  START,
  type AppendBatchItem,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventBatch,
  type EventFilter,
  type EventStore,
  type GlobalEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { assertExpected } from '../expected-version.js';
import type { SqlClient, SqlExecutor } from '../sql-client.js';
import type { PollSource } from '../subscription-loop.js';
import { SubscriptionRegistry } from '../subscription-registry.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import { sqlState } from './errors.js';
import { EVENT_STORE_COMPONENT, eventStoreMigrations } from './event-store-migrations.js';
import {
  EVENT_COLUMNS,
  EVENT_COLUMNS_NO_RAW,
  eventColumnIndex,
  INSERT_COLUMNS,
  insertParams,
  insertValues,
  toRecorded,
  toRecordedValues,
  valuesPlaceholders,
  type EventRow,
} from './event-rows.js';
import { assertIdentifier, eventsChannel } from './identifiers.js';
import { runMigrations } from './migrations.js';

export interface SqlEventStoreOptions {
  /** Schema the tables live in (the client's search_path must point there). Default `public`. */
  schema?: string;
  /** Close the client when the store closes. Default false. */
  ownsClient?: boolean;
  /** Polling fallback for subscriptions, in case a NOTIFY is missed. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Rows per multi-row INSERT. Default 1000. */
  insertChunk?: number;
  /** How long headCheckpoint waits for older open transactions before answering. Default 10 s. */
  headWaitMs?: number;
  /**
   * readAll fetches the next page (on another pooled connection) while the caller consumes the
   * current one. Default off: on loopback PostgreSQL it measured no faster (node-postgres already
   * streams a page's rows while the server produces them, and the client's one thread is the
   * limit); it may pay where each page waits for a network round trip. No use on PGlite (one
   * connection, in this thread).
   */
  readAhead?: boolean;
}

const DEFAULT_BATCH = 1000;

/** One page of the global order ($1/$2 the checkpoint, $3 category patterns, $4 types, $5 limit). */
const pageSql = (columns: string): string =>
  `select ${columns}, txid::text as txid from events
    where (txid, position) > ($1::xid8, $2::bigint)
      and txid < pg_snapshot_xmin(pg_current_snapshot())
      and ($3::text[] is null or stream_id like any($3::text[]))
      and ($4::text[] is null or type = any($4::text[]))
    order by events.txid, events.position limit $5`;
const PAGE_SQL = pageSql(EVENT_COLUMNS);
const PAGE_SQL_NO_RAW = pageSql(EVENT_COLUMNS_NO_RAW);
const MAX_ATTEMPTS = 8;

/** A race that a fresh transaction resolves (another writer created the stream or stored the id first). */
class RetryAppend extends Error {}

const ANY_VERSION_COLUMNS = INSERT_COLUMNS.length;

/**
 * The one-statement append is for small batches (a webhook group commit is ~15 events), where
 * round trips are the cost. Large ones (imports, 500-5,000 events) stay on the transaction path:
 * their arrays of JSON bodies cost more to encode and decode as array literals than the three round
 * trips they save, and sorting their rows spills past work_mem (5,000 events: 0.6-1.1 s against
 * 0.29-0.40 s).
 */
const ONE_STATEMENT_MAX_EVENTS = 64;

/** The statement's arrays follow INSERT_COLUMNS, with the category where stream_version is (numbered in SQL). */
function anyVersionRow(event: NewEvent, columns: unknown[][]): void {
  const values = insertValues(event, 0);
  values[1] = streamCategory(event.streamId);
  for (let i = 0; i < ANY_VERSION_COLUMNS; i++) columns[i]!.push(values[i]);
}

/**
 * See #appendAnyVersion. `locked` is materialised so its FOR UPDATE runs once, in stream id order;
 * after waiting for a lock it returns the row's committed version (READ COMMITTED re-checks locked
 * rows). New streams are inserted without ON CONFLICT, so a concurrent creator fails this statement.
 */
const APPEND_ANY_VERSION = `with input as materialized (
    select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                         $8::timestamptz[], $9::text[], $10::int4[], $11::jsonb[], $12::text[], $13::jsonb[], $14::bool[])
      with ordinality as i(stream_id, category, event_id, type, source, subject_kind, subject_id, occurred_at, actor,
                           schema_version, data, raw, related, unknown, ord)
  ), locked as materialized (
    select stream_id, version from streams where stream_id = any($1::text[])
     order by stream_id for update
  ), numbered as materialized (
    select i.*, coalesce(l.version, 0) + row_number() over (partition by i.stream_id order by i.ord) as stream_version,
           l.version is null as new_stream
      from input i left join locked l using (stream_id)
     where not exists (select 1 from events e where e.event_id = i.event_id)
  ), heads as (
    select stream_id, min(category) as category, max(stream_version) as version, bool_and(new_stream) as new_stream
      from numbered group by stream_id
  ), updated as (
    update streams s set version = h.version, updated_at = now() from heads h
     where s.stream_id = h.stream_id and not h.new_stream
  ), created as (
    insert into streams (stream_id, category, version) select stream_id, category, version from heads where new_stream
  ), written as (
    insert into events (stream_id, stream_version, event_id, type, source, subject_kind, subject_id, occurred_at, actor,
                        schema_version, data, raw, related, unknown)
    select stream_id, stream_version, event_id, type, source, subject_kind, subject_id, occurred_at, actor,
           schema_version, data, raw, related, unknown
      from numbered order by ord
    returning event_id, position, stream_version
  ), notified as (select pg_notify($15, '') as n)
  select 'e' as k, w.event_id as id, w.position::text as position, w.stream_version::text as version
    from written w, notified
  union all
  select 's', stream_id, null, version::text from locked`;

interface Plan {
  item: AppendBatchItem;
  newOnes: NewEvent[];
  duplicates: string[];
  base: number;
}

function likePrefix(category: string): string {
  return `${category.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
}

export class SqlEventStore implements EventStore {
  readonly client: SqlClient;
  readonly schema: string;
  readonly #channel: string;
  readonly #ownsClient: boolean;
  readonly #pollIntervalMs: number;
  readonly #insertChunk: number;
  readonly #headWaitMs: number;
  readonly #readAhead: boolean;
  readonly #insertSql = new Map<number, string>();
  readonly #subscriptions = new SubscriptionRegistry();

  private constructor(client: SqlClient, options: SqlEventStoreOptions) {
    this.client = client;
    this.schema = assertIdentifier(options.schema ?? 'public', 'schema');
    this.#channel = eventsChannel(this.schema);
    this.#ownsClient = options.ownsClient ?? false;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#insertChunk = options.insertChunk ?? 1000;
    this.#headWaitMs = options.headWaitMs ?? 10_000;
    this.#readAhead = options.readAhead ?? false;
  }

  /** Runs the event store's migrations (safe from many processes at once) and returns the store. */
  static async open(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(client, options);
    await runMigrations(client, {
      component: EVENT_STORE_COMPONENT,
      migrations: eventStoreMigrations,
      schema: store.schema,
    });
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendBatch([{ streamId, events, expectedVersion: options.expectedVersion }]);
    return result!;
  }

  async appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    checkAppendItems(items);
    const oneStatement =
      items.every((i) => i.expectedVersion === undefined || i.expectedVersion === 'any') &&
      items.reduce((n, i) => n + i.events.length, 0) <= ONE_STATEMENT_MAX_EVENTS;
    for (let attempt = 1; ; attempt++) {
      try {
        if (oneStatement) return await this.#appendAnyVersion(items);
        return await this.client.transaction((tx) => this.#appendIn(tx, items));
      } catch (error) {
        const retryable =
          error instanceof RetryAppend || sqlState(error) === '23505' || sqlState(error) === '40P01';
        if (!retryable || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Appends inside a transaction the caller owns (e.g. intake writing its own rows atomically with
   * the events). No retry here: on a unique violation the caller's transaction must be retried.
   */
  async appendInTransaction(tx: SqlExecutor, items: AppendBatchItem[]): Promise<AppendResult[]> {
    checkAppendItems(items);
    return this.#appendIn(tx, items);
  }

  /**
   * Appends a small batch with no expected version to check (a webhook group commit) in ONE statement, its own
   * transaction: lock the touched streams in id order, drop stored event ids, number the new
   * events after each stream's locked version, write streams and events, NOTIFY. Against four round
   * trips (begin, lookup, write, commit) it halves a group commit's time on loopback. The races
   * surface as unique violations and retry the statement: an event id stored by a transaction that
   * committed while this one waited for a stream lock, or a new stream created concurrently.
   */
  async #appendAnyVersion(items: AppendBatchItem[]): Promise<AppendResult[]> {
    const seen = new Set<string>();
    const split = items.map((item) => ({ item, ...splitRepeats(item.events, seen) }));
    const columns: unknown[][] = Array.from({ length: ANY_VERSION_COLUMNS }, () => []);
    for (const { fresh } of split) for (const event of fresh) anyVersionRow(event, columns);
    const { rows } = await this.client.query<{
      k: 'e' | 's';
      id: string;
      position: string | null;
      version: string;
    }>(APPEND_ANY_VERSION, [...columns, this.#channel]);
    const written = new Map<string, { position: bigint; version: number }>();
    const versions = new Map<string, number>();
    for (const row of rows) {
      if (row.k === 'e')
        written.set(row.id, { position: BigInt(row.position!), version: Number(row.version) });
      else versions.set(row.id, Number(row.version));
    }
    return split.map(({ item, fresh, repeated }) => {
      const appended: AppendResult['appended'] = [];
      const duplicates = [...repeated];
      for (const event of fresh) {
        const w = written.get(event.eventId);
        if (w) appended.push({ eventId: event.eventId, streamVersion: w.version, position: w.position });
        else duplicates.push(event.eventId);
      }
      // Several items of one stream: each reports the version its own events reached.
      const version = appended.at(-1)?.streamVersion ?? versions.get(item.streamId) ?? 0;
      versions.set(item.streamId, version);
      return { streamId: item.streamId, version, appended, duplicates };
    });
  }

  async #appendIn(tx: SqlExecutor, items: AppendBatchItem[]): Promise<AppendResult[]> {
    const seen = new Set<string>();
    const split = items.map((item) => ({ item, ...splitRepeats(item.events, seen) }));
    // One round trip: lock the touched streams (in id order, so writers never deadlock) and find
    // which event ids are stored already.
    const streamIds = [...new Set(items.map((i) => i.streamId))].sort();
    const { rows: found } = await tx.query<{ kind: 'stream' | 'event'; id: string; version: string | null }>(
      `with locked as (
         select stream_id, version from streams where stream_id = any($1::text[]) order by stream_id for update
       )
       select 'stream' as kind, stream_id as id, version::text as version from locked
       union all
       select 'event', e.event_id, null from unnest($2::text[]) as u(id) join events e on e.event_id = u.id`,
      [streamIds, [...seen]],
    );
    const stored = new Set<string>();
    const existing = new Map<string, number>();
    for (const row of found) {
      if (row.kind === 'event') stored.add(row.id);
      else existing.set(row.id, Number(row.version));
    }
    const versions = new Map(existing);

    const plans: Plan[] = split.map(({ item, fresh, repeated }) => {
      const newOnes = fresh.filter((e) => !stored.has(e.eventId));
      const duplicates = [...repeated, ...fresh.filter((e) => stored.has(e.eventId)).map((e) => e.eventId)];
      const current = versions.get(item.streamId) ?? 0;
      if (newOnes.length > 0) assertExpected(item.streamId, item.expectedVersion ?? 'any', current);
      versions.set(item.streamId, current + newOnes.length);
      return { item, newOnes, duplicates, base: current };
    });

    const positions = new Map<string, bigint>();
    if (plans.some((p) => p.newOnes.length > 0)) await this.#write(tx, existing, versions, plans, positions);
    return plans.map(({ item, newOnes, duplicates, base }) => ({
      streamId: item.streamId,
      version: base + newOnes.length,
      appended: newOnes.map((e, i) => ({
        eventId: e.eventId,
        streamVersion: base + i + 1,
        position: positions.get(e.eventId)!,
      })),
      duplicates,
    }));
  }

  /**
   * Writes the streams' new versions and the events. The first statement also updates and creates
   * the stream rows (data-modifying CTEs), so a batch of up to `insertChunk` rows is one statement
   * between the lookup and the commit; larger batches add one insert per further chunk of rows.
   */
  async #write(
    tx: SqlExecutor,
    existing: Map<string, number>,
    versions: Map<string, number>,
    plans: Plan[],
    positions: Map<string, bigint>,
  ): Promise<void> {
    const updIds: string[] = [];
    const updVersions: number[] = [];
    const newIds: string[] = [];
    const newCategories: string[] = [];
    const newVersions: number[] = [];
    for (const [id, version] of versions) {
      const before = existing.get(id);
      if (before === undefined) {
        if (version > 0) {
          newIds.push(id);
          newCategories.push(streamCategory(id));
          newVersions.push(version);
        }
      } else if (version !== before) {
        updIds.push(id);
        updVersions.push(version);
      }
    }
    const rows: [NewEvent, number][] = [];
    for (const plan of plans) plan.newOnes.forEach((e, i) => rows.push([e, plan.base + i + 1]));
    for (let start = 0; start < rows.length; start += this.#insertChunk) {
      const chunk = rows.slice(start, start + this.#insertChunk);
      const first = start === 0;
      const params: unknown[] = [];
      for (const [event, version] of chunk) insertParams(event, version, params);
      params.push(this.#channel);
      if (first) params.push(updIds, updVersions, newIds, newCategories, newVersions);
      const { rows: written } = await tx.query<{ event_id: string; position: string; created: number }>(
        this.#insertStatement(chunk.length, first),
        params,
      );
      for (const row of written) positions.set(row.event_id, BigInt(row.position));
      // Another transaction created one of these streams after our lock: decide again on its row.
      if (first && written.length > 0 && written[0]!.created !== newIds.length)
        throw new RetryAppend('stream created concurrently');
    }
  }

  #insertStatement(rows: number, withStreams: boolean): string {
    const key = withStreams ? -rows : rows;
    let sql = this.#insertSql.get(key);
    if (!sql) {
      // The NOTIFY rides on the insert (one round trip less); PostgreSQL delivers it at commit and
      // folds identical notifications of one transaction into one.
      const n = rows * INSERT_COLUMNS.length;
      const streams = withStreams
        ? `updated as (
             update streams set version = u.version, updated_at = now()
               from unnest($${n + 2}::text[], $${n + 3}::bigint[]) as u(stream_id, version)
              where streams.stream_id = u.stream_id
           ), created as (
             insert into streams (stream_id, category, version)
               select * from unnest($${n + 4}::text[], $${n + 5}::text[], $${n + 6}::bigint[])
               on conflict (stream_id) do nothing returning 1
           ), `
        : '';
      sql = `with ${streams}written as (
          insert into events (${INSERT_COLUMNS.join(', ')}) values ${valuesPlaceholders(rows)} returning event_id, position
        ), notified as (select pg_notify($${n + 1}, '') as n)
        select written.event_id, written.position::text as position${withStreams ? ', (select count(*) from created)::int4 as created' : ''}
          from written, notified`;
      if (this.#insertSql.size < 128) this.#insertSql.set(key, sql);
    }
    return sql;
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let low = backwards ? Math.max(options.to ?? 1, 1) : Math.max(options.from ?? 1, 1);
    let high = backwards
      ? (options.from ?? Number.MAX_SAFE_INTEGER)
      : (options.to ?? Number.MAX_SAFE_INTEGER);
    let remaining = options.limit ?? Infinity;
    const order = backwards ? 'desc' : 'asc';
    while (remaining > 0 && low <= high) {
      const pageSize = Math.min(DEFAULT_BATCH, remaining);
      const { rows } = await this.client.query<EventRow>(
        `select ${EVENT_COLUMNS} from events where stream_id = $1 and stream_version between $2 and $3
           order by stream_version ${order} limit $4`,
        [streamId, low, high, pageSize],
      );
      for (const row of rows) yield toRecorded(row);
      remaining -= rows.length;
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1]!.stream_version;
      if (backwards) high = last - 1;
      else low = last + 1;
    }
  }

  /**
   * Several streams at once, each up to its `to` (inclusive; no cap when omitted), in one query:
   * a projection refolding many streams of a batch pays one round trip, not one per stream.
   * Result: stream id -> events in stream-version order (streams without events are left out).
   * `executor`: a transaction of the same client, to read inside it (PGlite has one connection:
   * a read through the client while its transaction is open would wait for ever).
   */
  async readStreams(
    streams: readonly { streamId: string; to?: number }[],
    executor: SqlExecutor = this.client,
  ): Promise<Map<string, RecordedEvent[]>> {
    const out = new Map<string, RecordedEvent[]>();
    if (streams.length === 0) return out;
    const { rows } = await executor.query<EventRow>(
      `select ${EVENT_COLUMNS} from events
         join unnest($1::text[], $2::bigint[]) as s(id, upto) on events.stream_id = s.id and events.stream_version <= s.upto
        order by events.stream_id, events.stream_version`,
      [streams.map((s) => s.streamId), streams.map((s) => s.to ?? Number.MAX_SAFE_INTEGER)],
    );
    for (const row of rows) {
      const list = out.get(row.stream_id);
      if (list) list.push(toRecorded(row));
      else out.set(row.stream_id, [toRecorded(row)]);
    }
    return out;
  }

  /**
   * Events at or below `below` (a checkpoint from headCheckpoint) in (stream_id, stream_version)
   * order, after the keyset `after` (exclusive; `streamVersion` omitted = after that whole stream):
   * one range scan of the unique (stream_id, stream_version) index per page of `limit` rows. For a
   * bulk rebuild, which folds every stream once and in full. Below a checkpoint that headCheckpoint
   * returned, every transaction with a smaller txid had finished, so the set never changes.
   *
   * The head test runs here, not in the WHERE clause: as an SQL condition the planner (PGlite has
   * no statistics) answered it with the (txid, position) index and sorted every remaining row for
   * each page. Rows above the head are the tails of streams appended since; they are skipped.
   * Returns the page's events, the keyset to continue after, and `done` when the index ran out.
   * `raw` bodies are left out (empty strings) unless `raw: true`.
   */
  async readStreamsOrdered(options: {
    below: Checkpoint;
    after?: { streamId: string; streamVersion?: number };
    limit: number;
    raw?: boolean;
  }): Promise<{
    events: RecordedEvent[];
    after?: { streamId: string; streamVersion: number };
    done: boolean;
  }> {
    if (options.below === START) return { events: [], done: true };
    const head = decodeCheckpoint(options.below);
    const headTxid = BigInt(head.txid);
    const headPosition = BigInt(head.position);
    const { rows } = await this.client.query<EventRow & { txid: string }>(
      `select ${options.raw ? EVENT_COLUMNS : EVENT_COLUMNS_NO_RAW}, txid::text as txid from events
        where (stream_id, stream_version) > ($1::text, $2::bigint)
        order by stream_id, stream_version limit $3`,
      [
        options.after?.streamId ?? '',
        options.after?.streamVersion ?? (options.after ? Number.MAX_SAFE_INTEGER : 0),
        options.limit,
      ],
    );
    const events: RecordedEvent[] = [];
    for (const row of rows) {
      const txid = BigInt(row.txid);
      if (txid < headTxid || (txid === headTxid && BigInt(row.position) <= headPosition))
        events.push(toRecorded(row));
    }
    const last = rows.at(-1);
    return {
      events,
      after: last ? { streamId: last.stream_id, streamVersion: last.stream_version } : undefined,
      done: rows.length < options.limit,
    };
  }

  /** How many events readAll({ after, filter }) would return now (one COUNT, same visibility rule). */
  async countEvents(options: { after?: Checkpoint; filter?: EventFilter } = {}): Promise<number> {
    const from = decodeCheckpoint(options.after ?? START);
    const prefixes = options.filter?.categories?.map(likePrefix) ?? null;
    const { rows } = await this.client.query<{ n: string }>(
      `select count(*)::text as n from events
        where (txid, position) > ($1::xid8, $2::bigint)
          and txid < pg_snapshot_xmin(pg_current_snapshot())
          and ($3::text[] is null or stream_id like any($3::text[]))
          and ($4::text[] is null or type = any($4::text[]))`,
      [from.txid, from.position, prefixes, options.filter?.types ?? null],
    );
    return Number(rows[0]!.n);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<GlobalEvent> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const raw = options.raw ?? true;
    // Everything committed before the call is returned, not only what happens to be readable.
    if (!(await this.#waitReadable())) return;
    const read = (after: Checkpoint): Promise<GlobalEvent[]> => {
      const page = this.#page(after, options.filter, batchSize, raw);
      // Marked handled at once: a read-ahead may fail while the caller is busy, or after it stopped.
      // The error still reaches the caller where that page is awaited.
      page.catch(() => undefined);
      return page;
    };
    let next: Promise<GlobalEvent[]> | undefined = read(options.after ?? START);
    try {
      while (next) {
        const page: GlobalEvent[] = await next;
        next = undefined;
        // Each page is its own query under the visibility rule and starts after the last row the
        // previous page returned, whenever it runs, so reading ahead keeps the order exact.
        const more = page.length === batchSize;
        if (more && this.#readAhead) next = read(page[page.length - 1]!.checkpoint);
        // A plain loop: `yield*` over an array costs about twice as much per event in an async generator.
        for (const event of page) yield event;
        if (more && !next) next = read(page[page.length - 1]!.checkpoint);
      }
    } finally {
      // A caller that stops early: wait for the read-ahead, so no query outlives the iterator.
      await next?.catch(() => undefined);
    }
  }

  /** One page of the global order: only rows of transactions older than every running one. */
  async #page(
    after: Checkpoint,
    filter: EventFilter | undefined,
    limit: number,
    raw: boolean,
  ): Promise<GlobalEvent[]> {
    const from = decodeCheckpoint(after);
    const prefixes = filter?.categories?.map(likePrefix) ?? null;
    const sql = raw ? PAGE_SQL : PAGE_SQL_NO_RAW;
    const params = [from.txid, from.position, prefixes, filter?.types ?? null, limit];
    if (!this.client.queryArrays) {
      const { rows } = await this.client.query<EventRow & { txid: string }>(sql, params);
      return rows.map((row) => ({
        event: toRecorded(row),
        checkpoint: encodeCheckpoint(row.txid, row.position),
      }));
    }
    // Rows as arrays: one object less per event on the busiest read path.
    const { columns, rows } = await this.client.queryArrays(sql, params);
    const at = eventColumnIndex(columns);
    const txid = columns.indexOf('txid');
    const page: GlobalEvent[] = new Array<GlobalEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const values = rows[i]!;
      page[i] = {
        event: toRecordedValues(values, at),
        checkpoint: encodeCheckpoint(values[txid] as string, values[at.position] as string),
      };
    }
    return page;
  }

  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription {
    let lagging = false;
    const source: PollSource<bigint> = {
      mark: async () => {
        const { rows } = await this.client.query<{ xmin: string; newest: string | null }>(
          `select pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
                  (select txid::text from events order by events.txid desc, events.position desc limit 1) as newest`,
        );
        const xmin = BigInt(rows[0]!.xmin);
        // A NOTIFY may arrive while an older transaction keeps the new rows unreadable.
        lagging = rows[0]!.newest !== null && BigInt(rows[0]!.newest) >= xmin;
        return xmin;
      },
      lagging: () => lagging,
      target: async () => {
        const { rows } = await this.client.query<{ txid: string }>(
          'select txid::text as txid from events order by events.txid desc, events.position desc limit 1',
        );
        return rows[0] ? BigInt(rows[0].txid) : null;
      },
      // A drained pass taken after xmin M has returned every row of every transaction below M.
      covers: (mark, target) => target < mark,
      readPage: (after, filter, limit, raw) => this.#page(after, filter, limit, raw),
      onWake: (wake) => this.client.listen(this.#channel, () => wake()),
    };
    return this.#subscriptions.start(
      source,
      options,
      { batchSize: DEFAULT_BATCH, pollIntervalMs: this.#pollIntervalMs },
      handler,
    );
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.client.query<{ version: string }>(
      'select version::text as version from streams where stream_id = $1',
      [streamId],
    );
    return rows[0] ? Number(rows[0].version) : 0;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    const { rows } = await this.client.query('select 1 from events where event_id = $1', [eventId]);
    return rows.length > 0;
  }

  /**
   * The checkpoint after every event committed before the call (see `#waitReadable`).
   * After `headWaitMs` it answers with the readable head, which is safe but lags.
   */
  async headCheckpoint(): Promise<Checkpoint> {
    if (!(await this.#waitReadable())) return START;
    const head = await this.client.query<{ txid: string; position: string }>(
      `select txid::text as txid, position::text as position from events
        where txid < pg_snapshot_xmin(pg_current_snapshot()) order by events.txid desc, events.position desc limit 1`,
    );
    return head.rows[0] ? encodeCheckpoint(head.rows[0].txid, head.rows[0].position) : START;
  }

  /**
   * Read-your-writes for the global order: while an older transaction (anywhere in the database)
   * is open, newer commits are not readable yet, since they could otherwise be skipped. This waits,
   * up to `headWaitMs`, until the newest commit at call time is readable. False when there are no events.
   */
  async #waitReadable(): Promise<boolean> {
    const { rows } = await this.client.query<{ newest: string | null; xmin: string }>(
      `select (select txid::text from events order by events.txid desc, events.position desc limit 1) as newest,
              pg_snapshot_xmin(pg_current_snapshot())::text as xmin`,
    );
    const newest = rows[0]!.newest;
    if (newest === null) return false;
    let xmin = BigInt(rows[0]!.xmin);
    const target = BigInt(newest);
    const deadline = Date.now() + this.#headWaitMs;
    for (let delay = 1; target >= xmin && Date.now() < deadline; delay = Math.min(delay * 2, 50)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const next = await this.client.query<{ xmin: string }>(
        'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin',
      );
      xmin = BigInt(next.rows[0]!.xmin);
    }
    return true;
  }

  async ping(): Promise<boolean> {
    try {
      await this.client.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.#subscriptions.stopAll();
    if (this.#ownsClient) await this.client.close();
  }
}
