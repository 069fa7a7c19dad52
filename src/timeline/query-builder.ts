/**
 * Builds the one parameterised SELECT behind a timeline page. Every caller value is a bound
 * parameter; only the (validated) view name is interpolated.
 *
 * Keyset pagination on (occurred_at, position, subject_kind, subject_id): the same sort key the
 * page is ordered by, so `row > cursor` resumes exactly after the last entry returned. The cursor's
 * high-water position leaves out events recorded after the first page, which keeps a paged read a
 * consistent snapshot while new events keep arriving.
 *
 * With several subjects (includeRelated) one event can sit on more than one of their timelines; it is
 * shown once, on the first subject in the caller's list that carries it (the requested subject wins).
 */
import { compilePatterns } from './patterns.js';
import type { CursorState } from './cursor.js';
import type { NormalisedTimelineOptions } from './options.js';
import type { Subject } from '../events/types.js';

export interface TimelineQuery {
  sql: string;
  params: unknown[];
}

export interface BuildTimelineQueryInput {
  /** Qualified, validated view name, e.g. `timeline_entries` or `app.timeline_entries`. */
  view: string;
  /** Subjects whose entries to read; the first one is the requested subject. Never empty. */
  subjects: Subject[];
  options: NormalisedTimelineOptions;
  cursor: CursorState | null;
  /** Highest position to show (cursor high-water, or the head when the first page is read); null: no bound. */
  highWater: string | null;
}

export const TIMELINE_COLUMNS =
  't.occurred_at::text as occurred_key, t.position::text as position_key, t.subject_kind, t.subject_id, t.occurred_at, t.recorded_at, t.position, t.event_id, t.type, t.source, t.actor, t.summary, t.changes';

export function buildTimelineQuery(input: BuildTimelineQueryInput): TimelineQuery {
  const { view, subjects, options, cursor, highWater } = input;
  if (subjects.length === 0) throw new Error('buildTimelineQuery needs at least one subject');
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];

  const kinds = bind(subjects.map((s) => s.kind));
  const ids = bind(subjects.map((s) => s.id));
  if (subjects.length === 1) {
    where.push(`t.subject_kind = (${kinds}::text[])[1] and t.subject_id = (${ids}::text[])[1]`);
  } else {
    // ord is the subject's place in the caller's list: it decides which copy of a shared event is shown.
    where.push(`(t.subject_kind, t.subject_id) in (select k, i from unnest(${kinds}::text[], ${ids}::text[]) as s(k, i))`);
    where.push(
      `not exists (select 1 from ${view} d
         join unnest(${kinds}::text[], ${ids}::text[]) with ordinality as ds(k, i, ord) on ds.k = d.subject_kind and ds.i = d.subject_id
         join unnest(${kinds}::text[], ${ids}::text[]) with ordinality as ts(k, i, ord) on ts.k = t.subject_kind and ts.i = t.subject_id
        where d.event_id = t.event_id and ds.ord < ts.ord)`,
    );
  }

  if (options.from) where.push(`t.occurred_at >= ${bind(options.from)}::timestamptz`);
  if (options.to) where.push(`t.occurred_at < ${bind(options.to)}::timestamptz`);

  const types = compilePatterns(options.types);
  const typeTests: string[] = [];
  if (types.exact.length) typeTests.push(`t.type = any(${bind(types.exact)}::text[])`);
  if (types.like.length) typeTests.push(`t.type like any(${bind(types.like)}::text[])`);
  if (typeTests.length) where.push(`(${typeTests.join(' or ')})`);

  const actors = compilePatterns(options.actors);
  const actorTests: string[] = [];
  if (actors.exact.length) actorTests.push(`t.actor = any(${bind(actors.exact)}::text[])`);
  if (actors.like.length) actorTests.push(`t.actor like any(${bind(actors.like)}::text[])`);
  if (actorTests.length) where.push(`(${actorTests.join(' or ')})`);

  if (highWater !== null) where.push(`t.position <= ${bind(highWater)}::bigint`);

  const cmp = options.order === 'asc' ? '>' : '<';
  if (cursor) {
    where.push(
      `(t.occurred_at, t.position, t.subject_kind, t.subject_id) ${cmp} (${bind(cursor.occurredAt)}::timestamptz, ${bind(cursor.position)}::bigint, ${bind(cursor.subjectKind)}::text, ${bind(cursor.subjectId)}::text)`,
    );
  }

  const dir = options.order === 'asc' ? 'asc' : 'desc';
  // One row more than the page tells whether a next page exists without a count query.
  const sql =
    `select ${TIMELINE_COLUMNS} from ${view} t where ${where.join(' and ')} ` +
    `order by t.occurred_at ${dir}, t.position ${dir}, t.subject_kind ${dir}, t.subject_id ${dir} ` +
    `limit ${bind(options.limit + 1)}`;
  return { sql, params };
}
