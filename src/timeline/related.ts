/**
 * Which subjects `includeRelated` brings in. Related aggregates come from the states in the read
 * model (an inquiry names its account, a case its accounts and inquiries); related resources that
 * are not aggregates (verifications, reports, documents, sessions, tickets) are recorded on an
 * aggregate's stream, so the streams of the subject and of its related aggregates cover them.
 *
 * - account: its inquiries, the cases naming it or one of its inquiries.
 * - inquiry: the cases naming it.
 * - case: the accounts and inquiries it names.
 * - user-profile: nothing beyond its own stream (AiPrise sends sessions, documents and tickets there).
 */
import { isAggregateKind, streamIdFor } from '../events/streams.js';
import type { Subject } from '../events/types.js';
import type { SqlExecutor } from '../db/sql-client.js';

export interface RelatedSubjects {
  /** The requested subject first, then related aggregates. */
  subjects: Subject[];
  /** Streams of those aggregates: entries recorded there belong to the related timeline too. */
  streams: string[];
}

async function ids(sql: SqlExecutor, text: string, params: unknown[]): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(text, params);
  return rows.map((r) => r.id);
}

export async function relatedSubjects(sql: SqlExecutor, subject: Subject): Promise<RelatedSubjects> {
  const related: Subject[] = [];
  if (subject.kind === 'account') {
    const inquiries = await ids(
      sql,
      `select id from aggregate_state where kind = 'inquiry' and state->>'accountId' = $1 order by id`,
      [subject.id],
    );
    const cases = await ids(
      sql,
      `select id from aggregate_state where kind = 'case' and (state->'accountIds' ? $1 or state->'inquiryIds' ?| $2::text[]) order by id`,
      [subject.id, inquiries],
    );
    related.push(
      ...inquiries.map((id) => ({ kind: 'inquiry', id })),
      ...cases.map((id) => ({ kind: 'case', id })),
    );
  } else if (subject.kind === 'inquiry') {
    const cases = await ids(
      sql,
      `select id from aggregate_state where kind = 'case' and state->'inquiryIds' ? $1 order by id`,
      [subject.id],
    );
    related.push(...cases.map((id) => ({ kind: 'case', id })));
  } else if (subject.kind === 'case') {
    const { rows } = await sql.query<{ accounts: string[] | null; inquiries: string[] | null }>(
      `select array(select jsonb_array_elements_text(coalesce(state->'accountIds', '[]'::jsonb))) as accounts,
              array(select jsonb_array_elements_text(coalesce(state->'inquiryIds', '[]'::jsonb))) as inquiries
         from aggregate_state where kind = 'case' and id = $1`,
      [subject.id],
    );
    const row = rows[0];
    related.push(
      ...(row?.accounts ?? []).map((id) => ({ kind: 'account', id })),
      ...(row?.inquiries ?? []).map((id) => ({ kind: 'inquiry', id })),
    );
  }
  const subjects = [subject, ...related];
  const streams = subjects.filter((s) => isAggregateKind(s.kind)).map((s) => streamIdFor(s.kind, s.id));
  return { subjects, streams };
}
