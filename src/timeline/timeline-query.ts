/**
 * timeline(): one page of a subject's audit timeline from the `timeline_entries` read model.
 * The projection already masks PII of redacted subjects ([redacted]) when it writes the rows,
 * so what is read here is safe to show as is.
 */
import type { Source } from '../events/types.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { decodeCursor, encodeCursor, queryDigest } from './cursor.js';
import type { TimelineChange, TimelineEntry, TimelinePage } from './entry.js';
import { checkQueryText, InvalidQueryError } from './errors.js';
import { normaliseTimelineOptions, type TimelineOptions } from './options.js';
import { buildTimelineQuery } from './query-builder.js';
import { relatedSubjects } from './related.js';

interface Row {
  occurred_key: string;
  position_key: string;
  subject_kind: string;
  subject_id: string;
  about_kind: string;
  about_id: string;
  occurred_at: Date | string;
  recorded_at: Date | string;
  event_id: string;
  type: string;
  source: Source;
  actor: string | null;
  summary: string;
  changes: TimelineChange[] | string | null;
}

const iso = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();

function toEntry(row: Row): TimelineEntry {
  const changes =
    typeof row.changes === 'string' ? (JSON.parse(row.changes) as TimelineChange[]) : (row.changes ?? []);
  return {
    eventId: row.event_id,
    type: row.type,
    source: row.source,
    occurredAt: iso(row.occurred_at),
    recordedAt: iso(row.recorded_at),
    actor: row.actor,
    // What the event is about (whose changes these are), not the timeline it was found on.
    subject: { kind: row.about_kind, id: row.about_id },
    changes,
    summary: row.summary,
  };
}

export async function queryTimeline(
  sql: SqlExecutor,
  kind: string,
  id: string,
  options: TimelineOptions = {},
): Promise<TimelinePage> {
  if (!kind || !id) throw new InvalidQueryError(kind ? 'id' : 'kind', 'must not be empty');
  checkQueryText('kind', kind);
  checkQueryText('id', id);
  const normalised = normaliseTimelineOptions(options);
  const digest = queryDigest({
    kind,
    id,
    includeRelated: normalised.includeRelated,
    from: normalised.from,
    to: normalised.to,
    types: normalised.types,
    actors: normalised.actors,
  });
  const cursor =
    normalised.cursor === null ? null : decodeCursor(normalised.cursor, normalised.order, digest);
  const subject = { kind, id };
  const scope = normalised.includeRelated
    ? await relatedSubjects(sql, subject)
    : { subjects: [subject], streams: [] };
  const query = buildTimelineQuery({
    view: 'timeline_entries',
    subjects: scope.subjects,
    streams: scope.streams,
    ownOnly: !normalised.includeRelated,
    options: normalised,
    cursor,
  });
  const { rows } = await sql.query<Row>(query.sql, query.params);
  const more = rows.length > normalised.limit;
  const page = more ? rows.slice(0, normalised.limit) : rows;
  const last = page[page.length - 1];
  const entries = page.map(toEntry);
  if (!more || !last) return { entries };
  return {
    entries,
    nextCursor: encodeCursor({
      order: normalised.order,
      occurredAt: last.occurred_key,
      position: last.position_key,
      subjectKind: last.subject_kind,
      subjectId: last.subject_id,
      query: digest,
    }),
  };
}
