/**
 * Stable views over the active build. SQL users query `aggregate_state`, `timeline_entries`,
 * `reference_index` and the compliance views; a switch-over re-creates them all in one
 * transaction (drop + create, since a new build may change columns).
 */
import type { SqlExecutor } from '../../db/sql-client.js';
import type { ProjectionContext } from '../projection.js';

/** Dependent views first, so they can be dropped without cascade surprises. */
const COMPLIANCE_VIEWS = ['open_aml_hits', 'cases_past_sla', 'review_queue', 'accounts_by_tag'] as const;
const BASE_VIEWS = ['aggregate_state', 'timeline_entries', 'reference_index'] as const;

export async function createViews(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const view of [...COMPLIANCE_VIEWS, ...BASE_VIEWS]) await tx.query(`drop view if exists ${view}`);
  for (const base of BASE_VIEWS) await tx.query(`create view ${base} as select * from ${ctx.table(base)}`);
  // AML hits of user profiles that nobody has resolved or whitelisted yet.
  await tx.query(`create view open_aml_hits as
    select s.id as user_profile_id, h.key as hit_id, h.value->>'entityId' as entity_id,
           h.value->>'entityType' as entity_type, h.value->'hitTypes' as hit_types,
           (h.value->>'nameMatchScore')::double precision as name_match_score, h.value->>'status' as hit_status,
           s.status as profile_result, s.tags, s.updated_at
      from aggregate_state s cross join lateral jsonb_each(coalesce(s.state->'amlHits', '{}'::jsonb)) h
     where s.kind = 'user-profile' and not s.redacted
       and jsonb_typeof(h.value->'resolution') is distinct from 'object'
       and upper(coalesce(h.value->>'status', '')) not in ('RESOLVED', 'WHITELISTED', 'FALSE_POSITIVE', 'DISMISSED')`);
  // Open cases whose SLA ran out (Persona's case.sla-expired, or the deadline has passed).
  await tx.query(`create view cases_past_sla as
    select id as case_id, status, state->>'assigneeId' as assignee_id, state->>'queue' as queue,
           (state->>'slaExpiresAt')::timestamptz as sla_expires_at, tags, updated_at
      from aggregate_state
     where kind = 'case' and state->>'resolution' is null and state->>'resolvedAt' is null
       and ((state->>'slaExpired')::boolean or (state->>'slaExpiresAt')::timestamptz < now())`);
  // Inquiries marked for review and AiPrise profiles whose result is REVIEW.
  await tx.query(`create view review_queue as
    select kind, id, status, tags, updated_at
      from aggregate_state
     where (kind = 'inquiry' and status = 'needs_review') or (kind = 'user-profile' and status = 'REVIEW')`);
  await tx.query(`create view accounts_by_tag as
    select t.tag, s.id as account_id, s.status, s.updated_at
      from aggregate_state s cross join lateral unnest(s.tags) as t(tag)
     where s.kind = 'account'`);
}
