/** The statements that read events: streams, the global order, and counts under its visibility rule. */
import { EVENT_COLUMNS_NO_RAW, EVENT_COLUMNS, packedEvent, packedStreamEvent } from './event-rows.js';
import { VISIBLE } from './visibility-statements.js';

/** $1/$2 the checkpoint to read after, $3 stream id LIKE patterns (or null), $4 types (or null). */
const GLOBAL_ORDER_AFTER = `(txid, position) > ($1::xid8, $2::bigint)
      and ${VISIBLE}
      and ($3::text[] is null or stream_id like any($3::text[]))
      and ($4::text[] is null or type = any($4::text[]))`;

const page = (columns: string): string =>
  `select ${columns}, txid::text as txid from events
    where ${GLOBAL_ORDER_AFTER}
    order by events.txid, events.position limit $5`;

/** One page of the global order ($5 the page size); without `raw` the delivery bodies are left out. */
export const SELECT_PAGE = { raw: page(EVENT_COLUMNS), noRaw: page(EVENT_COLUMNS_NO_RAW) };

/** How many events a read of the global order after $1/$2 would return now. */
export const COUNT_AFTER = `select count(*)::text as n from events where ${GLOBAL_ORDER_AFTER}`;

// ORDER BY names the table's column: in the column form a bare `stream_version` would be the
// output column (cast to int4), which no index provides, so every page would be sorted.
const stream = (order: 'asc' | 'desc', select: string): string =>
  `select ${select} from events where stream_id = $1 and stream_version between $2 and $3
    order by events.stream_version ${order} limit $4`;

const both = (select: string) => ({ forwards: stream('asc', select), backwards: stream('desc', select) });

/**
 * One page of a stream between versions $2 and $3 (inclusive), $4 rows at most. `packed`: each
 * event one JSON array (event-rows.ts, packedStreamEvent), one value per row for the driver to
 * decode instead of sixteen; `columns`: the event's columns (read.ts says which a read takes).
 * `noRaw` leaves the delivery bodies out.
 */
export const SELECT_STREAM = {
  packed: {
    raw: both(`${packedStreamEvent(true)} as event`),
    noRaw: both(`${packedStreamEvent(false)} as event`),
  },
  columns: both(EVENT_COLUMNS),
};

/** Several streams ($1 ids), each up to its version in $2, in (stream, version) order. */
/** Many streams' events for a projection's refold: without the delivery bodies, which no fold reads. */
export const SELECT_STREAMS = `select ${EVENT_COLUMNS_NO_RAW} from events
  join unnest($1::text[], $2::bigint[]) as s(id, upto) on events.stream_id = s.id and events.stream_version <= s.upto
  order by events.stream_id, events.stream_version`;

const ordered = (raw: boolean): string =>
  `select ${packedEvent(raw)} as event from events
    where (stream_id, stream_version) > ($1::text, $2::bigint)
    order by events.stream_id, events.stream_version limit $3`;

/**
 * One page in (stream_id, stream_version) order after the keyset $1/$2, each event one JSON array
 * (event-rows.ts, PACKED); the head test runs in the caller.
 */
export const SELECT_ORDERED = { raw: ordered(true), noRaw: ordered(false) };

export const SELECT_STREAM_VERSION = 'select version::text as version from streams where stream_id = $1';

export const SELECT_HAS_EVENT = 'select 1 from events where event_id = $1';
