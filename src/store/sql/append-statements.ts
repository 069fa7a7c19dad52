/** The statements that append events (see append.ts for when each runs). */
import { INSERT_COLUMNS, valuesPlaceholders } from './event-rows.js';

/**
 * The transaction path's first round trip: lock the touched streams ($1, in id order, so writers
 * never deadlock) and find which of the event ids ($2) are stored already. The lookup is an
 * `= any` on events, not a join with the unnested ids: a prepared statement keeps the generic plan
 * it made while the table was new and empty, and for the join that plan is a scan of every event.
 */
export const LOCK_STREAMS_AND_FIND_STORED = `with locked as (
    select stream_id, version from streams where stream_id = any($1::text[]) order by stream_id for update
  )
  select 'stream' as kind, stream_id as id, version::text as version from locked
  union all
  select 'event', event_id, null from events where event_id = any($2::text[])`;

/**
 * A multi-row INSERT of `rows` events (INSERT_COLUMNS per row). With `withStreams` the same
 * statement also updates the existing streams' versions (ids, versions) and creates the new streams
 * (ids, categories, versions), and returns how many it created. With `notify` (an append inside a
 * caller's transaction, whose commit the store does not see) the last parameter is the NOTIFY
 * channel and PostgreSQL delivers it at that commit; otherwise the store wakes subscribers after
 * its own commit (commit-notifier.ts).
 */
export function insertEventsStatement(rows: number, withStreams: boolean, notify: boolean): string {
  const n = rows * INSERT_COLUMNS.length;
  const streams = withStreams
    ? `updated as (
         update streams set version = u.version, updated_at = now()
           from unnest($${n + 1}::text[], $${n + 2}::bigint[]) as u(stream_id, version)
          where streams.stream_id = u.stream_id
       ), created as (
         insert into streams (stream_id, category, version)
           select * from unnest($${n + 3}::text[], $${n + 4}::text[], $${n + 5}::bigint[])
           on conflict (stream_id) do nothing returning 1
       ), `
    : '';
  const channel = n + (withStreams ? 6 : 1);
  return `with ${streams}written as (
      insert into events (${INSERT_COLUMNS.join(', ')}) values ${valuesPlaceholders(rows)} returning event_id, position
    )${notify ? `, notified as (select pg_notify($${channel}, '') as n)` : ''}
    select written.event_id, written.position::text as position${withStreams ? ', (select count(*) from created)::int4 as created' : ''}
      from written${notify ? ', notified' : ''}`;
}

/** Per-row columns of appendToStreamStatement, in parameter order, with the cast each needs. */
export const STREAM_ROW_COLUMNS = [
  ['event_id', 'text'],
  ['type', 'text'],
  ['source', 'text'],
  ['subject_kind', 'text'],
  ['subject_id', 'text'],
  ['occurred_at', 'timestamptz'],
  ['actor', 'text'],
  ['schema_version', 'int4'],
  ['data', 'jsonb'],
  ['raw', 'text'],
  ['related', 'jsonb'],
  ['unknown', 'bool'],
] as const;

/**
 * The one-statement append of up to `rows` events to one stream with no expected version to
 * check, every value a scalar parameter: $1 the stream id, $2 its category, $3 the number of
 * events, then STREAM_ROW_COLUMNS per row. Scalars cost the client and the server less than array
 * literals of the bodies (each element escaped, then parsed back). The text depends on `rows`, so
 * callers prepare one per size class (see STREAM_STATEMENT_ROWS) and fill the rows past their
 * events with nulls, which the statement skips: a prepared plan grows with its rows and stays on
 * every pooled connection, so one per event count would be too many.
 *
 * The streams row is an upsert: ON CONFLICT takes the row lock, and waits for a concurrent
 * writer of the same stream (its committed version is then the one bumped), so the stream needs
 * no separate lookup or lock and a concurrent creation needs no retry. When any event id is
 * stored already nothing is written: the statement returns those ids (`d`) with the stream's
 * version (`s`) and the client runs it again without them. A race on an event id surfaces as a
 * unique violation, and the append retries. Rows: `e` per event written.
 */
/** The size classes of appendToStreamStatement: the smallest that holds a batch is used. */
export const STREAM_STATEMENT_ROWS = [1, 2, 4, 8, 16, 32, 64, 128] as const;

export function appendToStreamStatement(rows: number): string {
  const width = STREAM_ROW_COLUMNS.length;
  const param = (r: number, c: number) => `$${4 + r * width + c}`;
  const ids: string[] = [];
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    ids.push(`${param(r, 0)}::text`);
    const cells = STREAM_ROW_COLUMNS.map(([, type], c) => `${param(r, c)}::${type}`);
    tuples.push(`(${r + 1}, ${cells.join(', ')})`);
  }
  const names = STREAM_ROW_COLUMNS.map(([name]) => name).join(', ');
  return `with stored as materialized (
    select event_id from events where event_id in (${ids.join(', ')})
  ), head as (
    insert into streams as s (stream_id, category, version)
      select $1::text, $2::text, $3::int8 where not exists (select 1 from stored)
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      returning s.version - $3::int8 as before
  ), written as (
    insert into events (stream_id, stream_version, ${names})
    select $1::text, h.before + v.k, ${STREAM_ROW_COLUMNS.map(([name]) => `v.${name}`).join(', ')}
      from head h cross join (values ${tuples.join(', ')}) as v(k, ${names})
     where v.event_id is not null
    returning event_id, position, stream_version
  )
  select 'e' as k, w.event_id as id, w.position::text as position, w.stream_version::text as version from written w
  union all
  select 's', stream_id, null, version::text from streams where stream_id = $1::text and exists (select 1 from stored)
  union all
  select 'd', event_id, null, null from stored`;
}

/** Parameters per row of appendToStreamsStatement: the stream id, the index k, STREAM_ROW_COLUMNS. */
export const STREAMS_ROW_WIDTH = 2 + STREAM_ROW_COLUMNS.length;

/**
 * The one-statement append of a small batch to several streams with no expected version to check
 * (a webhook group commit). $1-$3 are the batch's distinct stream ids (in id order), their
 * categories and how many events each gets; then STREAMS_ROW_WIDTH parameters per row from $4: the
 * stream id, the event's 1-based index among the batch's events of its stream (the client numbers
 * them), STREAM_ROW_COLUMNS. Every event value is a scalar parameter, as in
 * appendToStreamStatement: no body is escaped into an array literal by the client and parsed back
 * out of one by the server. The text depends on `rows`: one per size class (STREAM_STATEMENT_ROWS),
 * the rows past the batch's events nulls that the statement skips.
 *
 * The streams rows are one upsert in stream id order (so writers never deadlock): ON CONFLICT
 * takes each row's lock, waiting for a concurrent writer of that stream and then bumping its
 * committed version, so no separate lock or lookup runs and a concurrent creation needs no retry;
 * every event's version is the stream's version before the bump plus its index. When any event
 * id is stored already nothing is written: the statement returns those ids (`d`) and the streams'
 * versions (`s`), and the client runs it again without them, so the common case needs no per-row
 * numbering on the server. A race on an event id surfaces as a unique violation, and the append
 * retries. Rows: `e` per event written, `s` per existing stream when nothing was written, `d` per
 * id found stored.
 */
export function appendToStreamsStatement(rows: number): string {
  const param = (r: number, c: number) => `$${4 + r * STREAMS_ROW_WIDTH + c}`;
  const ids: string[] = [];
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    ids.push(`${param(r, 2)}::text`);
    const cells = STREAM_ROW_COLUMNS.map(([, type], c) => `${param(r, c + 2)}::${type}`);
    tuples.push(`(${r + 1}, ${param(r, 0)}::text, ${param(r, 1)}::int4, ${cells.join(', ')})`);
  }
  const names = STREAM_ROW_COLUMNS.map(([name]) => name).join(', ');
  return `with input as materialized (
    select * from (values ${tuples.join(', ')}) as v(ord, stream_id, k, ${names}) where v.event_id is not null
  ), stored as materialized (
    select event_id from events where event_id in (${ids.join(', ')})
  ), added as (
    select * from unnest($1::text[], $2::text[], $3::int4[]) as h(stream_id, category, added)
  ), heads as materialized (
    insert into streams as s (stream_id, category, version)
      select stream_id, category, added from added where not exists (select 1 from stored) order by stream_id
      on conflict (stream_id) do update set version = s.version + excluded.version, updated_at = now()
      returning s.stream_id, s.version
  ), written as (
    insert into events (stream_id, stream_version, ${names})
    select i.stream_id, h.version - a.added + i.k, ${STREAM_ROW_COLUMNS.map(([name]) => `i.${name}`).join(', ')}
      from input i join heads h using (stream_id) join added a using (stream_id) order by i.ord
    returning event_id, position, stream_version
  )
  select 'e' as k, w.event_id as id, w.position::text as position, w.stream_version::text as version from written w
  union all
  select 's', stream_id, null, version::text from streams
   where stream_id = any($1::text[]) and exists (select 1 from stored)
  union all
  select 'd', event_id, null, null from stored`;
}
