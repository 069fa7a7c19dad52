/**
 * The reviewer's queues, read from the compliance views the projections keep
 * (src/projections/read-models/views.ts): open AML hits, cases past their SLA, inquiries and
 * profiles waiting for review, accounts by tag. Ids and statuses only: no PII.
 */
import type { SqlExecutor } from '../../db/sql-client.js';

export interface QueueRow {
  kind: string;
  id: string;
  /** What the row is about, in a few words. */
  detail: string;
  updatedAt: string;
}

export interface Queues {
  amlHits: QueueRow[];
  casesPastSla: QueueRow[];
  review: QueueRow[];
  accountsByTag: QueueRow[];
  tag: string | undefined;
}

const LIMIT = 200;
const iso = (v: Date | string | null): string => (v ? new Date(v).toISOString() : '');

export async function readQueues(sql: SqlExecutor, tag: string | undefined): Promise<Queues> {
  const [aml, sla, review, tagged] = await Promise.all([
    sql.query<{
      user_profile_id: string;
      hit_id: string;
      entity_type: string | null;
      name_match_score: number | null;
      updated_at: Date | string;
    }>(
      `select user_profile_id, hit_id, entity_type, name_match_score, updated_at
         from open_aml_hits order by updated_at limit $1`,
      [LIMIT],
    ),
    sql.query<{
      case_id: string;
      status: string | null;
      queue: string | null;
      sla_expires_at: Date | string | null;
      updated_at: Date | string;
    }>(
      `select case_id, status, queue, sla_expires_at, updated_at
         from cases_past_sla order by sla_expires_at nulls last, updated_at limit $1`,
      [LIMIT],
    ),
    sql.query<{ kind: string; id: string; status: string | null; updated_at: Date | string }>(
      'select kind, id, status, updated_at from review_queue order by updated_at limit $1',
      [LIMIT],
    ),
    sql.query<{ tag: string; account_id: string; status: string | null; updated_at: Date | string }>(
      `select tag, account_id, status, updated_at from accounts_by_tag
        where ($1::text is null or tag = $1) order by tag, updated_at desc limit $2`,
      [tag ?? null, LIMIT],
    ),
  ]);
  return {
    amlHits: aml.rows.map((r) => ({
      kind: 'user-profile',
      id: r.user_profile_id,
      detail: `hit ${r.hit_id}${r.entity_type ? `, ${r.entity_type}` : ''}${r.name_match_score === null ? '' : `, name match ${r.name_match_score}`}`,
      updatedAt: iso(r.updated_at),
    })),
    casesPastSla: sla.rows.map((r) => ({
      kind: 'case',
      id: r.case_id,
      detail: `${r.status ?? 'no status'}${r.queue ? `, queue ${r.queue}` : ''}${r.sla_expires_at ? `, SLA ${iso(r.sla_expires_at)}` : ''}`,
      updatedAt: iso(r.updated_at),
    })),
    review: review.rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      detail: r.status ?? '',
      updatedAt: iso(r.updated_at),
    })),
    accountsByTag: tagged.rows.map((r) => ({
      kind: 'account',
      id: r.account_id,
      detail: `${r.tag}${r.status ? ` (${r.status})` : ''}`,
      updatedAt: iso(r.updated_at),
    })),
    tag,
  };
}
