/**
 * Builds the one parameterised SELECT behind a timeline page. Every caller value is a bound
 * parameter; only the (validated) view name is interpolated.
 *
 * Keyset pagination on (occurred_at, position, subject_kind, subject_id), the page's own sort key,
 * so `row > cursor` resumes exactly after the last entry returned, however many events arrive
 * between pages: the keys of existing entries never change.
 *
 * One subject: an index range scan on (subject_kind, subject_id, occurred_at, position), the rows
 * that are its own (the events about it). Several (includeRelated): every row on the listed
 * subjects' timelines, rows of any listed subject, or recorded on any listed stream (two
 * index range scans: by subject and time, by stream and time); an event
 * on several of those timelines is shown once, on the earliest subject in the caller's list (the
 * requested subject wins), else on the smallest (kind, id).
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
  /** Qualified, validated view name, e.g. `timeline_entries`. */
  view: string;
  /** Subjects whose entries to read; the first one is the requested subject. Never empty. */
  subjects: Subject[];
  /** Streams whose entries also count (related resources recorded on a related aggregate's stream). */
  streams?: string[];
  /** Only the rows that are the subject's own (a timeline without includeRelated). */
  ownOnly?: boolean;
  options: NormalisedTimelineOptions;
  cursor: CursorState | null;
}

const COLUMNS = [
  'occurred_at::text as occurred_key',
  'position::text as position_key',
  'subject_kind',
  'subject_id',
  'about_kind',
  'about_id',
  'occurred_at',
  'recorded_at',
  'event_id',
  'type',
  'source',
  'actor',
  'summary',
  'changes',
];

export function buildTimelineQuery(input: BuildTimelineQueryInput): TimelineQuery {
  const { view, subjects, options, cursor } = input;
  const streams = input.streams ?? [];
  if (subjects.length === 0) throw new Error('buildTimelineQuery needs at least one subject');
  const single = subjects.length === 1 && streams.length === 0;
  const params: unknown[] = [];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };

  const filters: string[] = [];
  if (options.from) filters.push(`t.occurred_at >= ${bind(options.from)}::timestamptz`);
  if (options.to) filters.push(`t.occurred_at < ${bind(options.to)}::timestamptz`);
  const types = compilePatterns(options.types);
  const typeTests: string[] = [];
  if (types.exact.length) typeTests.push(`t.type = any(${bind(types.exact)}::text[])`);
  if (types.like.length) typeTests.push(`t.type like any(${bind(types.like)}::text[])`);
  if (typeTests.length) filters.push(`(${typeTests.join(' or ')})`);
  const actors = compilePatterns(options.actors);
  const actorTests: string[] = [];
  if (actors.exact.length) actorTests.push(`t.actor = any(${bind(actors.exact)}::text[])`);
  if (actors.like.length) actorTests.push(`t.actor like any(${bind(actors.like)}::text[])`);
  if (actorTests.length) filters.push(`(${actorTests.join(' or ')})`);

  const cmp = options.order === 'asc' ? '>' : '<';
  const dir = options.order === 'asc' ? 'asc' : 'desc';
  const columns = (alias: string) => COLUMNS.map((c) => `${alias}.${c}`).join(', ');

  if (single) {
    const subject = subjects[0]!;
    // Its own timeline: the events about it, not those of related subjects that also list it.
    const where = [
      `t.subject_kind = ${bind(subject.kind)}`,
      `t.subject_id = ${bind(subject.id)}`,
      ...(input.ownOnly ? ['t.own'] : []),
      ...filters,
    ];
    // The subject is fixed, so the keyset reduces to (occurred_at, position): an index range condition.
    if (cursor)
      where.push(
        `(t.occurred_at, t.position) ${cmp} (${bind(cursor.occurredAt)}::timestamptz, ${bind(cursor.position)}::bigint)`,
      );
    const sql =
      `select ${columns('t')} from ${view} t where ${where.join(' and ')} ` +
      `order by t.occurred_at ${dir}, t.position ${dir} limit ${bind(options.limit + 1)}`;
    return { sql, params };
  }

  const kinds = bind(subjects.map((s) => s.kind));
  const ids = bind(subjects.map((s) => s.id));
  const streamList = bind(streams);
  // Every row of one event shares its (occurred_at, position), so only the cursor's own event can
  // have rows on both sides of the cursor: bounding the candidates by (occurred_at, position), with
  // the cursor's event included, keeps the dedupe exact while it sorts only what is after the cursor.
  const at = cursor ? bind(cursor.occurredAt) : '';
  const pos = cursor ? bind(cursor.position) : '';
  const bound = cursor ? [`(t.occurred_at, t.position) ${cmp}= (${at}::timestamptz, ${pos}::bigint)`] : [];
  // Two index range scans rather than one scan with an OR: the listed subjects' rows (ranked by
  // their place in the list), then rows recorded on the listed streams for other subjects.
  const conditions = [...filters, ...bound].map((f) => ` and ${f}`).join('');
  const listed = `unnest(${kinds}::text[], ${ids}::text[]) with ordinality as s(k, i, ord)`;
  const candidates =
    `select t.*, s.ord as rank from ${listed} join ${view} t on t.subject_kind = s.k and t.subject_id = s.i ` +
    `where true${conditions} ` +
    `union all ` +
    `select t.*, 2147483647 as rank from ${view} t where t.stream_id = any(${streamList}::text[])${conditions} ` +
    `and not exists (select 1 from ${listed} where s.k = t.subject_kind and s.i = t.subject_id)`;
  const shown = `select distinct on (c.event_id) c.* from (${candidates}) c order by c.event_id, c.rank, c.subject_kind, c.subject_id`;
  const keyset = cursor
    ? ` where (d.occurred_at, d.position, d.subject_kind, d.subject_id) ${cmp} (${at}::timestamptz, ${pos}::bigint, ${bind(cursor.subjectKind)}::text, ${bind(cursor.subjectId)}::text)`
    : '';
  const sql =
    `select ${columns('d')} from (${shown}) d${keyset} ` +
    `order by d.occurred_at ${dir}, d.position ${dir}, d.subject_kind ${dir}, d.subject_id ${dir} limit ${bind(options.limit + 1)}`;
  return { sql, params };
}
