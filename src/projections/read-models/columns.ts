/**
 * The read-model tables' columns, in one table each: the DDL, the INSERT and upsert column lists,
 * the JSON record types and the COPY columns are all generated from these, so they cannot drift.
 */

interface Column {
  readonly name: string;
  /** SQL type, as the table declares it and as jsonb_to_recordset reads it. */
  readonly type: string;
  /** `not null`, a default: the rest of the column's DDL. */
  readonly constraints?: string;
}

interface Index {
  /** The index is `<table>_<suffix>`. */
  readonly suffix: string;
  readonly using?: string;
  readonly columns: string;
}

export interface TableShape {
  readonly base: 'aggregate_state' | 'timeline_entries' | 'reference_index';
  readonly columns: readonly Column[];
  readonly primaryKey: readonly string[];
  readonly indexes: readonly Index[];
  /** Percent of each heap page rows are inserted into (PostgreSQL's `fillfactor`); default 100. */
  readonly fillfactor?: number;
}

const NOT_NULL = 'not null';

export const AGGREGATE_STATE: TableShape = {
  base: 'aggregate_state',
  columns: [
    { name: 'kind', type: 'text', constraints: NOT_NULL },
    { name: 'id', type: 'text', constraints: NOT_NULL },
    { name: 'stream_id', type: 'text', constraints: NOT_NULL },
    { name: 'version', type: 'integer', constraints: NOT_NULL },
    { name: 'stream_version', type: 'integer', constraints: NOT_NULL },
    { name: 'status', type: 'text' },
    { name: 'tags', type: 'text[]', constraints: `${NOT_NULL} default '{}'` },
    { name: 'state', type: 'jsonb', constraints: NOT_NULL },
    { name: 'redacted', type: 'boolean', constraints: `${NOT_NULL} default false` },
    { name: 'created_at', type: 'timestamptz' },
    { name: 'updated_at', type: 'timestamptz' },
    { name: 'last_occurred_at', type: 'timestamptz' },
  ],
  primaryKey: ['kind', 'id'],
  indexes: [
    { suffix: 'tags', using: 'gin', columns: 'tags' },
    { suffix: 'status', columns: 'kind, status' },
  ],
  // A row is rewritten by every batch that touches its aggregate. Room left on each page lets most
  // of those updates stay on the page (HOT: no new entry in the three indexes); on full pages none
  // can, and the table and its indexes grow by a row version per update until vacuumed.
  fillfactor: 70,
};

export const TIMELINE_ENTRIES: TableShape = {
  base: 'timeline_entries',
  columns: [
    { name: 'subject_kind', type: 'text', constraints: NOT_NULL },
    { name: 'subject_id', type: 'text', constraints: NOT_NULL },
    { name: 'event_id', type: 'text', constraints: NOT_NULL },
    { name: 'occurred_at', type: 'timestamptz', constraints: NOT_NULL },
    { name: 'recorded_at', type: 'timestamptz', constraints: NOT_NULL },
    { name: 'position', type: 'bigint', constraints: NOT_NULL },
    { name: 'stream_id', type: 'text', constraints: NOT_NULL },
    { name: 'type', type: 'text', constraints: NOT_NULL },
    { name: 'source', type: 'text', constraints: NOT_NULL },
    { name: 'actor', type: 'text' },
    { name: 'summary', type: 'text', constraints: NOT_NULL },
    // What the event is about (its subject: an inquiry, a verification, a session), which an entry
    // shows as its subject; subject_* is the timeline the row is on.
    { name: 'about_kind', type: 'text', constraints: NOT_NULL },
    { name: 'about_id', type: 'text', constraints: NOT_NULL },
    { name: 'changes', type: 'jsonb', constraints: NOT_NULL },
    // The row is on the timeline of the event's subject or of the aggregate whose stream holds it,
    // not only on a related subject's: a timeline without includeRelated shows these alone.
    { name: 'own', type: 'boolean', constraints: NOT_NULL },
  ],
  primaryKey: ['subject_kind', 'subject_id', 'event_id'],
  indexes: [
    { suffix: 'time', columns: 'subject_kind, subject_id, occurred_at, position' },
    // includeRelated also reads the rows recorded on related aggregates' streams (since version 2).
    { suffix: 'stream', columns: 'stream_id, occurred_at, position' },
  ],
};

export const REFERENCE_INDEX: TableShape = {
  base: 'reference_index',
  columns: [
    { name: 'reference_id', type: 'text', constraints: NOT_NULL },
    { name: 'kind', type: 'text', constraints: NOT_NULL },
    { name: 'id', type: 'text', constraints: NOT_NULL },
    { name: 'source', type: 'text', constraints: NOT_NULL },
  ],
  primaryKey: ['reference_id', 'kind', 'id'],
  indexes: [{ suffix: 'subject', columns: 'kind, id' }],
};

export const TABLES: readonly TableShape[] = [AGGREGATE_STATE, TIMELINE_ENTRIES, REFERENCE_INDEX];

export function columnNames(shape: TableShape): string[] {
  return shape.columns.map((c) => c.name);
}
