/**
 * How events map to and from rows of the `events` table. Times come back from the server already
 * formatted like `Date#toISOString`, positions and transaction ids as text (int8/xid8 exceed
 * JavaScript numbers), so pg and PGlite hand over identical values.
 */
import type { JsonObject, NewEvent, RecordedEvent, Source, Subject } from '../../events/types.js';
import { canonicalTime } from '../append-input.js';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

export const EVENT_COLUMNS = `position::text as position, stream_id, stream_version::int4 as stream_version, event_id, type,
  source, subject_kind, subject_id, to_char(occurred_at at time zone 'UTC', ${ISO}) as occurred_at,
  to_char(recorded_at at time zone 'UTC', ${ISO}) as recorded_at, actor, schema_version, data, raw, related, unknown`;

/**
 * EVENT_COLUMNS without `raw`: for a reader that folds events and never shows the delivery
 * (a bulk rebuild), so a million raw bodies are neither sent nor parsed nor collected.
 */
export const EVENT_COLUMNS_NO_RAW = EVENT_COLUMNS.replace(', raw,', ", '' as raw,");

export interface EventRow {
  position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  source: string;
  subject_kind: string;
  subject_id: string;
  occurred_at: string;
  recorded_at: string;
  actor: string | null;
  schema_version: number;
  data: JsonObject;
  raw: string;
  related: Subject[];
  unknown: boolean;
}

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    source: row.source as Source,
    subject: { kind: row.subject_kind, id: row.subject_id },
    streamId: row.stream_id,
    occurredAt: row.occurred_at,
    actor: row.actor,
    schemaVersion: row.schema_version,
    data: row.data,
    raw: row.raw,
    related: row.related,
    unknown: row.unknown,
    streamVersion: row.stream_version,
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
  };
}

/** Where each EventRow column sits in a row of values, found by name in the result's columns. */
export type EventColumnIndex = { readonly [K in keyof EventRow]: number };

const EVENT_ROW_KEYS: readonly (keyof EventRow)[] = [
  'position',
  'stream_id',
  'stream_version',
  'event_id',
  'type',
  'source',
  'subject_kind',
  'subject_id',
  'occurred_at',
  'recorded_at',
  'actor',
  'schema_version',
  'data',
  'raw',
  'related',
  'unknown',
];

/** Computed once per page from the column names, so no row mapping depends on column order. */
export function eventColumnIndex(columns: readonly string[]): EventColumnIndex {
  const index = {} as Record<keyof EventRow, number>;
  for (const key of EVENT_ROW_KEYS) {
    const at = columns.indexOf(key);
    if (at < 0) throw new Error(`events query is missing column ${key}`);
    index[key] = at;
  }
  return index;
}

/** `toRecorded` for a row of values (SqlClient.queryArrays): the same event, no row object first. */
export function toRecordedValues(values: readonly unknown[], at: EventColumnIndex): RecordedEvent {
  return {
    eventId: values[at.event_id] as string,
    type: values[at.type] as string,
    source: values[at.source] as Source,
    subject: { kind: values[at.subject_kind] as string, id: values[at.subject_id] as string },
    streamId: values[at.stream_id] as string,
    occurredAt: values[at.occurred_at] as string,
    actor: values[at.actor] as string | null,
    schemaVersion: values[at.schema_version] as number,
    data: values[at.data] as JsonObject,
    raw: values[at.raw] as string,
    related: values[at.related] as Subject[],
    unknown: values[at.unknown] as boolean,
    streamVersion: values[at.stream_version] as number,
    position: BigInt(values[at.position] as string),
    recordedAt: values[at.recorded_at] as string,
  };
}

/**
 * One event as one JSON array (the columns in EVENT_ROW_KEYS' order, plus `txid`), for the bulk read of
 * many rows: the driver decodes one value per row instead of seventeen, and JSON.parse reads the
 * small fields with the `data` document it parses anyway.
 */
export function packedEvent(raw: boolean): string {
  return `json_build_array(position::text, stream_id, stream_version, event_id, type, source, subject_kind,
  subject_id, to_char(occurred_at at time zone 'UTC', ${ISO}), to_char(recorded_at at time zone 'UTC', ${ISO}),
  actor, schema_version, data, ${raw ? 'raw' : "''"}, related, unknown, txid::text)`;
}

/**
 * A stream page's event as one JSON array, in STREAM_PACKED's order. It leaves out what the reader
 * knows (the stream id it asked for; the empty body of a read without bodies) and the transaction id
 * (a stream read runs no head test), so the server builds fewer values per row. The times are left to
 * the JSON encoder, which writes a timestamp as ISO 8601 whatever the session's DateStyle and costs
 * the server less than to_char; `jsonTime` finishes them.
 */
export function packedStreamEvent(raw: boolean): string {
  return `json_build_array(position::text, stream_version, event_id, type, source, subject_kind, subject_id,
  occurred_at at time zone 'UTC', recorded_at at time zone 'UTC', actor, schema_version, data, related,
  unknown${raw ? ', raw' : ''})`;
}

/** Where each value sits in a stream page's packed event (`packedStreamEvent`); the body, when read, last. */
const STREAM_PACKED = {
  position: 0,
  stream_version: 1,
  event_id: 2,
  type: 3,
  source: 4,
  subject_kind: 5,
  subject_id: 6,
  occurred_at: 7,
  recorded_at: 8,
  actor: 9,
  schema_version: 10,
  data: 11,
  related: 12,
  unknown: 13,
  raw: 14,
} as const;

/**
 * A timestamp as the JSON encoder writes it (`2024-03-01T09:00:00.12`: no zone, the fraction's
 * trailing zeros trimmed, ` BC` after years before 1, `infinity`) as to_char(…, ISO) writes it:
 * milliseconds, truncated, then `Z`; null for an infinite time, as to_char gives.
 */
export function jsonTime(value: string): string | null {
  // The usual case: microseconds sent, as now() records them.
  if (value.length === 26 && value[19] === '.') return `${value.slice(0, 23)}Z`;
  const end = value.endsWith(' BC') ? value.length - 3 : value.length;
  const t = value.indexOf('T');
  if (t < 0) return null;
  const dot = value.indexOf('.', t);
  if (dot < 0 || dot >= end) return `${value.slice(0, end)}.000Z`;
  return `${value.slice(0, dot + 1)}${value.slice(dot + 1, Math.min(dot + 4, end)).padEnd(3, '0')}Z`;
}

/** `toRecorded` for a stream page's packed event (`packedStreamEvent`) of stream `streamId`. */
export function toRecordedStreamPacked(values: readonly unknown[], streamId: string): RecordedEvent {
  const at = STREAM_PACKED;
  return {
    eventId: values[at.event_id] as string,
    type: values[at.type] as string,
    source: values[at.source] as Source,
    subject: { kind: values[at.subject_kind] as string, id: values[at.subject_id] as string },
    streamId,
    occurredAt: jsonTime(values[at.occurred_at] as string) as string,
    actor: values[at.actor] as string | null,
    schemaVersion: values[at.schema_version] as number,
    data: values[at.data] as JsonObject,
    raw: values.length > at.raw ? (values[at.raw] as string) : '',
    related: values[at.related] as Subject[],
    unknown: values[at.unknown] as boolean,
    streamVersion: values[at.stream_version] as number,
    position: BigInt(values[at.position] as string),
    recordedAt: jsonTime(values[at.recorded_at] as string) as string,
  };
}

/** Where each value sits in a packed event: EVENT_ROW_KEYS' order, then `txid`. */
export const PACKED: EventColumnIndex = eventColumnIndex(EVENT_ROW_KEYS);
export const PACKED_TXID = EVENT_ROW_KEYS.length;

/** `toRecorded` for a packed event (`packedEvent`). */
export function toRecordedPacked(values: readonly unknown[]): RecordedEvent {
  return toRecordedValues(values, PACKED);
}

/** Columns written on append, in the order `insertParams` fills them. */
export const INSERT_COLUMNS = [
  'stream_id',
  'stream_version',
  'event_id',
  'type',
  'source',
  'subject_kind',
  'subject_id',
  'occurred_at',
  'actor',
  'schema_version',
  'data',
  'raw',
  'related',
  'unknown',
] as const;

const CASTS: Partial<Record<(typeof INSERT_COLUMNS)[number], string>> = {
  data: '::jsonb',
  related: '::jsonb',
};

/** An event's values in INSERT_COLUMNS order. */
export function insertValues(event: NewEvent, streamVersion: number): unknown[] {
  return [
    event.streamId,
    streamVersion,
    event.eventId,
    event.type,
    event.source,
    event.subject.kind,
    event.subject.id,
    canonicalTime(event.occurredAt),
    event.actor,
    event.schemaVersion,
    JSON.stringify(event.data),
    event.raw,
    JSON.stringify(event.related),
    event.unknown,
  ];
}

export function insertParams(event: NewEvent, streamVersion: number, into: unknown[]): void {
  into.push(...insertValues(event, streamVersion));
}

/** `($1, $2, …), ($15, …)` for `rows` rows: one multi-row INSERT per chunk, every value bound. */
export function valuesPlaceholders(rows: number): string {
  const width = INSERT_COLUMNS.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = INSERT_COLUMNS.map((c, i) => `$${r * width + i + 1}${CASTS[c] ?? ''}`);
    tuples.push(`(${cells.join(', ')})`);
  }
  return tuples.join(', ');
}
