/**
 * Appending on PostgreSQL and PGlite. Two paths:
 *
 * - One statement, its own transaction (appendToStreamStatement, appendToStreamsStatement), for a
 *   small batch with no expected version to check (a webhook group commit): round trips are the cost there.
 * - A transaction: find already-stored event ids (duplicates are reported before any version
 *   check, so a redelivery with a stale expected version is still a duplicate), lock the touched
 *   `streams` rows in id order, check every expected version against the locked rows (the
 *   compare-and-set), write new versions, insert all events with multi-row INSERTs.
 *
 * Subscribers are woken after the commit (commit-notifier.ts), never by a NOTIFY inside the
 * append, except in a caller's transaction (appendInTransaction), whose commit the store cannot see.
 *
 * Two races end in a retry of the whole append: another writer storing the same event id, or
 * creating the same new stream. A statement the database refuses for its data becomes
 * StoreRefusedError.
 */
import type { NewEvent } from '../../events/types.js';
import { contentRefusal, sqlState } from '../../db/errors.js';
import { retryRaces } from '../../db/retry.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import {
  appendResults,
  checkAppendItems,
  planAppend,
  splitRepeats,
  type AppendPlan,
} from '../append-input.js';
import { StoreRefusedError, type AppendBatchItem, type AppendResult } from '../event-store.js';
import {
  appendToStreamStatement,
  appendToStreamsStatement,
  STREAMS_ROW_WIDTH,
  insertEventsStatement,
  LOCK_STREAMS_AND_FIND_STORED,
  STREAM_ROW_COLUMNS,
  STREAM_STATEMENT_ROWS,
} from './append-statements.js';
import { insertParams, insertValues } from './event-rows.js';
import type { CommitNotifier } from './commit-notifier.js';

export interface AppendSettings {
  client: SqlClient;
  /** The schema's NOTIFY channel (used inside a caller's transaction only). */
  channel: string;
  /** Told after every commit that wrote events. */
  notifier: CommitNotifier;
  /** Told how many events each commit of the store's own appended (young-tables.ts). */
  appended?: (events: number) => void;
  /** Rows per multi-row INSERT. */
  insertChunk: number;
}

/**
 * The one-statement append is for small batches (a webhook group commit, one call of 100 events).
 * Large ones (imports) stay on the transaction path: a prepared plan grows with its rows, and
 * sorting their rows spills past work_mem.
 */
const ONE_STATEMENT_MAX_EVENTS = STREAM_STATEMENT_ROWS[STREAM_STATEMENT_ROWS.length - 1]!;

/** A row of the one-statement appends: `e` an event written, `s` a stream's version, `d` an id stored already. */
interface StatementRow {
  k: 'e' | 's' | 'd';
  id: string;
  position: string | null;
  version: string | null;
}

/** A race that a fresh transaction resolves (another writer created the stream or stored the id first). */
class RetryAppend extends Error {}

/** Statement texts are cached by shape (row count, with or without the streams' writes). */
const MAX_CACHED_STATEMENTS = 128;

export class SqlAppender {
  readonly #settings: AppendSettings;
  readonly #insertSql = new Map<string, string>();
  readonly #streamSql = new Map<number, string>();
  readonly #streamsSql = new Map<number, string>();

  constructor(settings: AppendSettings) {
    this.#settings = settings;
  }

  async appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    checkAppendItems(items);
    const oneStatement =
      items.every((i) => i.expectedVersion === undefined || i.expectedVersion === 'any') &&
      items.reduce((n, i) => n + i.events.length, 0) <= ONE_STATEMENT_MAX_EVENTS;
    let results: AppendResult[];
    try {
      results = await retryRaces(
        () =>
          oneStatement
            ? this.#appendAnyVersion(items)
            : this.#settings.client.transaction((tx) => this.#appendIn(tx, items, false)),
        (error) => error instanceof RetryAppend || sqlState(error) === '23505' || sqlState(error) === '40P01',
      );
    } catch (error) {
      throw refused(error);
    }
    const appended = results.reduce((n, r) => n + r.appended.length, 0);
    if (appended > 0) {
      this.#settings.notifier.committed();
      this.#settings.appended?.(appended);
    }
    return results;
  }

  /** Inside a transaction the caller owns; no retry (on a unique violation the caller retries its transaction). */
  async appendInTransaction(tx: SqlExecutor, items: AppendBatchItem[]): Promise<AppendResult[]> {
    checkAppendItems(items);
    try {
      return await this.#appendIn(tx, items, true);
    } catch (error) {
      throw refused(error);
    }
  }

  /**
   * Lock the touched streams in id order, number the new events after each stream's locked
   * version, write streams and events: one statement. When some ids turn out to be stored
   * already, nothing is written and the statement runs again without them (redeliveries cost a
   * second round trip, never a wrong version). The races surface as unique violations and retry
   * the whole append: an event id stored by a transaction that committed while this one waited
   * for a stream lock, or a new stream created concurrently.
   */
  async #appendAnyVersion(items: AppendBatchItem[]): Promise<AppendResult[]> {
    const seen = new Set<string>();
    const split = items.map((item) => ({ item, ...splitRepeats(item.events, seen) }));
    const stored = new Set<string>();
    const written = new Map<string, { position: bigint; version: number }>();
    const versions = new Map<string, number>();
    for (;;) {
      const events = split.flatMap(({ fresh }) => fresh.filter((e) => !stored.has(e.eventId)));
      if (events.length === 0) break;
      const found = await this.#anyVersionStatement(events, written, versions);
      if (found.length === 0) break;
      for (const id of found) stored.add(id);
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

  /** One run of the one-statement append; returns the ids it found stored (and then wrote nothing). */
  async #anyVersionStatement(
    events: NewEvent[],
    written: Map<string, { position: bigint; version: number }>,
    versions: Map<string, number>,
  ): Promise<string[]> {
    const streamId = events[0]!.streamId;
    const streamOf = new Map(events.map((e) => [e.eventId, e.streamId]));
    const rows = events.every((e) => e.streamId === streamId)
      ? await this.#toOneStream(events)
      : await this.#toStreams(events);
    const found: string[] = [];
    // Each written stream's version before this statement, for an item of it that wrote nothing.
    const before = new Map<string, number>();
    for (const row of rows) {
      if (row.k === 'e') {
        const version = Number(row.version);
        written.set(row.id, { position: BigInt(row.position!), version });
        const stream = streamOf.get(row.id)!;
        before.set(stream, Math.min(before.get(stream) ?? version, version - 1));
      } else if (row.k === 's') versions.set(row.id, Number(row.version));
      else found.push(row.id);
    }
    for (const [stream, version] of before) versions.set(stream, version);
    return found;
  }

  /** appendToStreamStatement: every value a scalar parameter, the text prepared per size class. */
  async #toOneStream(events: NewEvent[]): Promise<StatementRow[]> {
    const params: unknown[] = [events[0]!.streamId, events[0]!.category, events.length];
    for (const event of events) {
      const values = insertValues(event, 0);
      // insertValues without stream_id and stream_version, which the statement fills in.
      for (let i = 2; i < values.length; i++) params.push(values[i]);
    }
    const size = STREAM_STATEMENT_ROWS.find((n) => n >= events.length)!;
    for (let i = events.length * STREAM_ROW_COLUMNS.length; i < size * STREAM_ROW_COLUMNS.length; i++)
      params.push(null);
    let sql = this.#streamSql.get(size);
    if (!sql) {
      sql = appendToStreamStatement(size);
      this.#streamSql.set(size, sql);
    }
    const { rows } = await this.#settings.client.query<StatementRow>(sql, params, { prepare: true });
    return rows;
  }

  /** appendToStreamsStatement: several streams, every event value a scalar parameter. */
  async #toStreams(events: NewEvent[]): Promise<StatementRow[]> {
    const streams = new Map<string, { category: string; added: number }>();
    const params: unknown[] = [null, null, null];
    for (const event of events) {
      let stream = streams.get(event.streamId);
      if (!stream) {
        stream = { category: event.category, added: 0 };
        streams.set(event.streamId, stream);
      }
      stream.added += 1;
      for (const value of insertValues(event, stream.added)) params.push(value);
    }
    const size = STREAM_STATEMENT_ROWS.find((n) => n >= events.length)!;
    for (let i = events.length * STREAMS_ROW_WIDTH; i < size * STREAMS_ROW_WIDTH; i++) params.push(null);
    const ids = [...streams.keys()].sort();
    params[0] = ids;
    params[1] = ids.map((id) => streams.get(id)!.category);
    params[2] = ids.map((id) => streams.get(id)!.added);
    let sql = this.#streamsSql.get(size);
    if (!sql) {
      sql = appendToStreamsStatement(size);
      this.#streamsSql.set(size, sql);
    }
    const { rows } = await this.#settings.client.query<StatementRow>(sql, params, { prepare: true });
    return rows;
  }

  async #appendIn(tx: SqlExecutor, items: AppendBatchItem[], notify: boolean): Promise<AppendResult[]> {
    const seen = new Set(items.flatMap((i) => i.events.map((e) => e.eventId)));
    const streamIds = [...new Set(items.map((i) => i.streamId))].sort();
    const { rows: found } = await tx.query<{ kind: 'stream' | 'event'; id: string; version: string | null }>(
      LOCK_STREAMS_AND_FIND_STORED,
      [streamIds, [...seen]],
    );
    const stored = new Set<string>();
    const existing = new Map<string, number>();
    for (const row of found) {
      if (row.kind === 'event') stored.add(row.id);
      else existing.set(row.id, Number(row.version));
    }
    const versions = new Map(existing);

    const plans = planAppend(items, (id) => stored.has(id), versions);
    const positions = new Map<string, bigint>();
    if (plans.some((p) => p.newOnes.length > 0))
      await this.#write(tx, existing, versions, plans, positions, notify);
    return appendResults(plans, (id) => positions.get(id)!);
  }

  /**
   * Writes the streams' new versions and the events. The first statement also updates and creates
   * the stream rows, so a batch of up to `insertChunk` rows is one statement between the lookup
   * and the commit; larger batches add one insert per further chunk of rows.
   */
  async #write(
    tx: SqlExecutor,
    existing: Map<string, number>,
    versions: Map<string, number>,
    plans: AppendPlan[],
    positions: Map<string, bigint>,
    notify: boolean,
  ): Promise<void> {
    const updIds: string[] = [];
    const updVersions: number[] = [];
    const newIds: string[] = [];
    const newCategories: string[] = [];
    const newVersions: number[] = [];
    const categories = new Map<string, string>();
    for (const plan of plans) for (const e of plan.newOnes) categories.set(e.streamId, e.category);
    for (const [id, version] of versions) {
      const before = existing.get(id);
      if (before === undefined) {
        if (version > 0) {
          newIds.push(id);
          newCategories.push(categories.get(id)!);
          newVersions.push(version);
        }
      } else if (version !== before) {
        updIds.push(id);
        updVersions.push(version);
      }
    }
    const rows: [NewEvent, number][] = [];
    for (const plan of plans) plan.newOnes.forEach((e, i) => rows.push([e, plan.base + i + 1]));
    const { insertChunk, channel } = this.#settings;
    for (let start = 0; start < rows.length; start += insertChunk) {
      const chunk = rows.slice(start, start + insertChunk);
      const first = start === 0;
      const params: unknown[] = [];
      for (const [event, version] of chunk) insertParams(event, version, params);
      if (first) params.push(updIds, updVersions, newIds, newCategories, newVersions);
      if (notify) params.push(channel);
      const { rows: written } = await tx.query<{ event_id: string; position: string; created: number }>(
        this.#insertStatement(chunk.length, first, notify),
        params,
      );
      for (const row of written) positions.set(row.event_id, BigInt(row.position));
      // Another transaction created one of these streams after our lock: decide again on its row.
      if (first && written.length > 0 && written[0]!.created !== newIds.length)
        throw new RetryAppend('stream created concurrently');
    }
  }

  #insertStatement(rows: number, withStreams: boolean, notify: boolean): string {
    const key = `${rows}${withStreams ? 's' : ''}${notify ? 'n' : ''}`;
    let sql = this.#insertSql.get(key);
    if (!sql) {
      sql = insertEventsStatement(rows, withStreams, notify);
      if (this.#insertSql.size < MAX_CACHED_STATEMENTS) this.#insertSql.set(key, sql);
    }
    return sql;
  }
}

/** A data exception refuses the event for its content: the contract's StoreRefusedError. */
function refused(error: unknown): unknown {
  const code = contentRefusal(error);
  return code ? new StoreRefusedError(`SQLSTATE ${code}`, { cause: error }) : error;
}
