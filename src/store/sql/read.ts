/** Reading events on PostgreSQL and PGlite: streams, the global order in pages, counts. */
import type { RecordedEvent } from '../../events/types.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import {
  START,
  type Checkpoint,
  type EventFilter,
  type GlobalEvent,
  type ReadStreamOptions,
} from '../event-store.js';
import type { OrderedStreamsPage, OrderedStreamsRequest } from '../capabilities.js';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint.js';
import {
  eventColumnIndex,
  PACKED,
  PACKED_TXID,
  toRecorded,
  toRecordedPacked,
  toRecordedStreamPacked,
  toRecordedValues,
  type EventRow,
} from './event-rows.js';
import {
  COUNT_AFTER,
  SELECT_ORDERED,
  SELECT_PAGE,
  SELECT_STREAM,
  SELECT_STREAMS,
} from './read-statements.js';

export const DEFAULT_BATCH = 1000;

function likePrefix(category: string): string {
  return `${category.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
}

type StreamReader = SqlExecutor & Pick<SqlClient, 'queryArrays' | 'dialect'>;

/**
 * Packed rows, except for bodies on PostgreSQL: there the server escapes a body into JSON character
 * by character, which costs it more than the driver saves; PGlite runs server and driver on one
 * thread, where the packed row is cheaper either way.
 */
function streamStatements(client: StreamReader, raw: boolean): { forwards: string; backwards: string } {
  if (!raw) return SELECT_STREAM.packed.noRaw;
  return client.dialect === 'pg' ? SELECT_STREAM.columns : SELECT_STREAM.packed.raw;
}

export async function* readStream(
  client: StreamReader,
  streamId: string,
  options: ReadStreamOptions = {},
): AsyncIterable<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  let low = backwards ? Math.max(options.to ?? 1, 1) : Math.max(options.from ?? 1, 1);
  let high = backwards ? (options.from ?? Number.MAX_SAFE_INTEGER) : (options.to ?? Number.MAX_SAFE_INTEGER);
  let remaining = options.limit ?? Infinity;
  const statements = streamStatements(client, options.raw !== false);
  const sql = backwards ? statements.backwards : statements.forwards;
  const packed = statements !== SELECT_STREAM.columns;
  while (remaining > 0 && low <= high) {
    const pageSize = Math.min(DEFAULT_BATCH, remaining);
    const params = [streamId, low, high, pageSize];
    const page = packed
      ? await packedPage(client, sql, params, streamId)
      : await columnsPage(client, sql, params);
    for (const event of page) yield event;
    remaining -= page.length;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!.streamVersion;
    if (backwards) high = last - 1;
    else low = last + 1;
  }
}

/**
 * One page of packed events of `streamId`, prepared; rows as arrays where the client has them. The
 * rows matched `stream_id = $1` (a deterministic collation: the same text), so their stream id is
 * the one asked for.
 */
async function packedPage(
  client: StreamReader,
  sql: string,
  params: unknown[],
  streamId: string,
): Promise<RecordedEvent[]> {
  if (!client.queryArrays) {
    const { rows } = await client.query<{ event: unknown[] }>(sql, params, { prepare: true });
    return rows.map((row) => toRecordedStreamPacked(row.event, streamId));
  }
  const { rows } = await client.queryArrays(sql, params, { prepare: true });
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++)
    events[i] = toRecordedStreamPacked(rows[i]![0] as unknown[], streamId);
  return events;
}

/** One page of event columns, prepared; rows as arrays where the client has them (no object per row first). */
async function columnsPage(client: StreamReader, sql: string, params: unknown[]): Promise<RecordedEvent[]> {
  if (!client.queryArrays) {
    const { rows } = await client.query<EventRow>(sql, params, { prepare: true });
    return rows.map(toRecorded);
  }
  const { columns, rows } = await client.queryArrays(sql, params, { prepare: true });
  const at = eventColumnIndex(columns);
  const events = new Array<RecordedEvent>(rows.length);
  for (let i = 0; i < rows.length; i++) events[i] = toRecordedValues(rows[i]!, at);
  return events;
}

/** Several streams, each up to its `to`, in one query: stream id -> events in version order. */
export async function readStreams(
  executor: SqlExecutor,
  streams: readonly { streamId: string; to?: number }[],
): Promise<Map<string, RecordedEvent[]>> {
  const out = new Map<string, RecordedEvent[]>();
  if (streams.length === 0) return out;
  const { rows } = await executor.query<EventRow>(SELECT_STREAMS, [
    streams.map((s) => s.streamId),
    streams.map((s) => s.to ?? Number.MAX_SAFE_INTEGER),
  ]);
  for (const row of rows) {
    const list = out.get(row.stream_id);
    if (list) list.push(toRecorded(row));
    else out.set(row.stream_id, [toRecorded(row)]);
  }
  return out;
}

/** `a` < `b` for canonical decimal integers (no sign, no leading zeros), without a BigInt each. */
function decimalBelow(a: string, b: string): boolean {
  return a.length !== b.length ? a.length < b.length : a < b;
}

/**
 * One range scan of the unique (stream_id, stream_version) index per page. The head test runs
 * here, not in the WHERE clause: as an SQL condition the planner (PGlite has no statistics)
 * answered it with the (txid, position) index and sorted every remaining row for each page. Rows
 * above the head are the tails of streams appended since; they are skipped. Rows come as arrays
 * where the client has them, and the head test compares the server's decimal text.
 */
export async function readStreamsOrdered(
  client: SqlExecutor & Pick<SqlClient, 'queryArrays'>,
  options: OrderedStreamsRequest,
): Promise<OrderedStreamsPage> {
  if (options.below === START) return { events: [], done: true };
  const head = decodeCheckpoint(options.below);
  // Canonical text (the checkpoint may carry leading zeros), as the server writes txid and position.
  const headTxid = BigInt(head.txid).toString();
  const headPosition = BigInt(head.position).toString();
  const sql = options.raw ? SELECT_ORDERED.raw : SELECT_ORDERED.noRaw;
  const params = [
    options.after?.streamId ?? '',
    options.after?.streamVersion ?? (options.after ? Number.MAX_SAFE_INTEGER : 0),
    options.limit,
  ];
  let packed: unknown[][];
  if (client.queryArrays) {
    const { rows } = await client.queryArrays(sql, params, { prepare: true });
    packed = rows.map((row) => row[0] as unknown[]);
  } else {
    const { rows } = await client.query<{ event: unknown[] }>(sql, params, { prepare: true });
    packed = rows.map((row) => row.event);
  }
  const events: RecordedEvent[] = [];
  for (let i = 0; i < packed.length; i++) {
    const values = packed[i]!;
    const txid = values[PACKED_TXID] as string;
    const below =
      txid === headTxid
        ? !decimalBelow(headPosition, values[PACKED.position] as string)
        : decimalBelow(txid, headTxid);
    if (below) events.push(toRecordedPacked(values));
  }
  const last = packed.at(-1);
  return {
    events,
    after: last
      ? { streamId: last[PACKED.stream_id] as string, streamVersion: last[PACKED.stream_version] as number }
      : undefined,
    done: packed.length < options.limit,
  };
}

export async function countEvents(
  client: SqlExecutor,
  options: { after?: Checkpoint; filter?: EventFilter },
): Promise<number> {
  const from = decodeCheckpoint(options.after ?? START);
  const prefixes = options.filter?.categories?.map(likePrefix) ?? null;
  const { rows } = await client.query<{ n: string }>(COUNT_AFTER, [
    from.txid,
    from.position,
    prefixes,
    options.filter?.types ?? null,
  ]);
  return Number(rows[0]!.n);
}

/** One page of the global order: only rows of transactions older than every running one. */
export async function readPage(
  client: SqlClient,
  after: Checkpoint,
  filter: EventFilter | undefined,
  limit: number,
  raw: boolean,
): Promise<GlobalEvent[]> {
  const from = decodeCheckpoint(after);
  const prefixes = filter?.categories?.map(likePrefix) ?? null;
  const sql = raw ? SELECT_PAGE.raw : SELECT_PAGE.noRaw;
  const params = [from.txid, from.position, prefixes, filter?.types ?? null, limit];
  if (!client.queryArrays) {
    const { rows } = await client.query<EventRow & { txid: string }>(sql, params);
    return rows.map((row) => ({
      event: toRecorded(row),
      checkpoint: encodeCheckpoint(row.txid, row.position),
    }));
  }
  // Rows as arrays: one object less per event on the busiest read path.
  const { columns, rows } = await client.queryArrays(sql, params);
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

/**
 * The global order page by page from `after`. Each page is its own query under the visibility
 * rule and starts after the last row the previous page returned, whenever it runs, so reading one
 * page ahead (on another pooled connection) keeps the order exact.
 */
export async function* readPages(
  read: (after: Checkpoint) => Promise<GlobalEvent[]>,
  after: Checkpoint,
  batchSize: number,
  readAhead: boolean,
): AsyncIterable<GlobalEvent> {
  const start = (from: Checkpoint): Promise<GlobalEvent[]> => {
    const page = read(from);
    // Marked handled at once: a read-ahead may fail while the caller is busy, or after it stopped.
    // The error still reaches the caller where that page is awaited.
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<GlobalEvent[]> | undefined = start(after);
  try {
    while (next) {
      const page: GlobalEvent[] = await next;
      next = undefined;
      const more = page.length === batchSize;
      if (more && readAhead) next = start(page[page.length - 1]!.checkpoint);
      // A plain loop: `yield*` over an array costs more per event in an async generator.
      for (const event of page) yield event;
      if (more && !next) next = start(page[page.length - 1]!.checkpoint);
    }
  } finally {
    // A caller that stops early: wait for the read-ahead, so no query outlives the iterator.
    await next?.catch(() => undefined);
  }
}
