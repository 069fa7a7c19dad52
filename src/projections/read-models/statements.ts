/**
 * The read models' statements. Table names are versioned (`ctx.table`) and validated there;
 * every value is bound. Rows travel as one JSON document per statement (jsonb_to_recordset):
 * faster on the server than unnest over text arrays with per-row JSON casts, and no array escaping.
 */
import { AGGREGATE_STATE, columnNames, TIMELINE_ENTRIES, type TableShape } from './columns.js';

function insertFromJson(table: string, shape: TableShape): string {
  const names = columnNames(shape).join(', ');
  const record = shape.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  return `insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as r(${record})`;
}

function upsertFromJson(table: string, shape: TableShape): string {
  const set = columnNames(shape)
    .filter((c) => !shape.primaryKey.includes(c))
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `${insertFromJson(table, shape)} on conflict (${shape.primaryKey.join(', ')}) do update set ${set}`;
}

/** $1: a JSON array of aggregate_state rows (stateRowOf). */
export const insertStates = (table: string): string => insertFromJson(table, AGGREGATE_STATE);
export const upsertStates = (table: string): string => upsertFromJson(table, AGGREGATE_STATE);

/** $1: a JSON array of timeline_entries rows (TIMELINE_JSON). */
export const insertTimeline = (table: string): string => insertFromJson(table, TIMELINE_ENTRIES);
export const upsertTimeline = (table: string): string => upsertFromJson(table, TIMELINE_ENTRIES);

/** The stored rows of the subjects ($1 kinds, $2 ids), their last occurrence in epoch milliseconds. */
export const selectStoredStates = (table: string): string =>
  `select t.kind, t.id, t.stream_version, (extract(epoch from t.last_occurred_at) * 1000)::float8 as last_ms, t.redacted, t.state
     from ${table} t join unnest($1::text[], $2::text[]) as s(kind, id) on t.kind = s.kind and t.id = s.id`;

/** Which of the subjects ($1 kinds, $2 ids) are redacted. */
export const selectRedacted = (table: string): string =>
  `select t.kind, t.id from ${table} t join unnest($1::text[], $2::text[]) as s(kind, id) on t.kind = s.kind and t.id = s.id
    where t.redacted`;

/** Every redacted aggregate with its stream (the bulk load's last pass). */
export const selectAllRedacted = (table: string): string =>
  `select kind, id, stream_id from ${table} where redacted`;

/** The references of the subjects ($1 kinds, $2 ids). */
export const deleteReferences = (table: string): string =>
  `delete from ${table} r using unnest($1::text[], $2::text[]) as s(kind, id) where r.kind = s.kind and r.id = s.id`;

/** References as arrays ($1 reference ids, $2 kinds, $3 ids, $4 sources); live batches keep the first of equal ones. */
export const insertReferences = (table: string, onConflict: 'keep-first' | 'none'): string =>
  `insert into ${table} (reference_id, kind, id, source)
   select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])${onConflict === 'keep-first' ? ' on conflict do nothing' : ''}`;

/** Timeline rows of the subjects ($1 kinds, $2 ids) written from other streams than theirs ($3). */
export const selectOthersOnTimelines = (table: string): string =>
  `select t.subject_kind, t.subject_id, t.event_id, t.stream_id, t.changes
     from ${table} t join unnest($1::text[], $2::text[], $3::text[]) as s(kind, id, stream_id)
       on t.subject_kind = s.kind and t.subject_id = s.id and t.stream_id <> s.stream_id`;

/** New changes ($4, JSON) for timeline rows ($1 kinds, $2 ids, $3 event ids). */
export const updateChanges = (table: string): string =>
  `update ${table} t set changes = u.changes::jsonb
     from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(kind, id, event_id, changes)
    where t.subject_kind = u.kind and t.subject_id = u.id and t.event_id = u.event_id`;
