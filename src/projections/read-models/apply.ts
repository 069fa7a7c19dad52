/**
 * One batch into the read models, folding in memory: load the touched aggregates' rows once,
 * fold each stream's new events onto its stored state (or refold the whole stream when an event
 * is older than what the row reflects), then write every table with one multi-row statement each.
 *
 * Idempotent: a row remembers the highest stream version it applied, and events at or below it
 * are skipped, so the same batch applied twice leaves the same tables.
 */
import type { AggregateDefinition, BaseState, Change } from '../../aggregates/aggregate.js';
import { aggregateForStream, type AggregateState } from '../../aggregates/registry.js';
import { streamVendorId } from '../../events/streams.js';
import type { AggregateKind, RecordedEvent, Subject } from '../../events/types.js';
import type { SqlExecutor } from '../../store/sql-client.js';
import type { ProjectionContext } from '../projection.js';
import { maskChanges } from '../timeline/mask.js';
import { summarise } from '../timeline/summarise.js';
import { foldChangesOnto, type FoldStep } from './fold-changes.js';
import { referencesOf, type ReferenceRow } from './references.js';
import { timelineTargets } from './timeline-targets.js';

interface StoredRow {
  kind: string;
  id: string;
  stream_version: number;
  last_ms: number | null;
  redacted: boolean;
  state: BaseState;
}

interface Outcome {
  streamId: string;
  origin: Subject;
  def: AggregateDefinition<AggregateState> | undefined;
  state: AggregateState | null;
  steps: FoldStep[];
  streamVersion: number;
  lastMs: number;
  /** Rows of every event of the stream are rewritten (refold, or a redaction that must mask them). */
  rewrite: boolean;
  becameRedacted: boolean;
}

interface TimelineRow {
  subject_kind: string;
  subject_id: string;
  event_id: string;
  occurred_at: string;
  recorded_at: string;
  position: string;
  stream_id: string;
  type: string;
  source: string;
  actor: string | null;
  summary: string;
  changes: Change[];
}

const key = (kind: string, id: string): string => `${kind}\0${id}`;
const timeMs = (iso: string): number => Date.parse(iso);

async function loadRows(tx: SqlExecutor, table: string, subjects: Subject[]): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  if (subjects.length === 0) return out;
  const { rows } = await tx.query<StoredRow>(
    `select t.kind, t.id, t.stream_version, (extract(epoch from t.last_occurred_at) * 1000)::float8 as last_ms, t.redacted, t.state
       from ${table} t join unnest($1::text[], $2::text[]) as s(kind, id) on t.kind = s.kind and t.id = s.id`,
    [subjects.map((s) => s.kind), subjects.map((s) => s.id)],
  );
  for (const r of rows) out.set(key(r.kind, r.id), { ...r, stream_version: Number(r.stream_version), last_ms: r.last_ms === null ? null : Number(r.last_ms) });
  return out;
}

async function redactedSubjects(tx: SqlExecutor, table: string, subjects: Subject[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (subjects.length === 0) return out;
  const { rows } = await tx.query<{ kind: string; id: string }>(
    `select t.kind, t.id from ${table} t join unnest($1::text[], $2::text[]) as s(kind, id) on t.kind = s.kind and t.id = s.id
      where t.redacted`,
    [subjects.map((s) => s.kind), subjects.map((s) => s.id)],
  );
  for (const r of rows) out.add(key(r.kind, r.id));
  return out;
}

async function foldStream(
  streamId: string,
  events: RecordedEvent[],
  stored: StoredRow | undefined,
  ctx: ProjectionContext,
): Promise<Outcome | undefined> {
  const def = aggregateForStream(streamId);
  const origin: Subject = def ? { kind: def.kind, id: streamVendorId(streamId) } : events[0]!.subject;
  const reached = events.reduce((m, e) => Math.max(m, e.streamVersion), 0);
  if (!def) {
    return { streamId, origin, def, state: null, steps: events.map((event) => ({ event, changes: [] })), streamVersion: reached, lastMs: 0, rewrite: false, becameRedacted: false };
  }
  const fresh = events.filter((e) => e.streamVersion > (stored?.stream_version ?? 0));
  if (fresh.length === 0) return undefined;
  const lastMs = Math.max(stored?.last_ms ?? -Infinity, ...fresh.map((e) => timeMs(e.occurredAt)));
  const late = stored !== undefined && stored.last_ms !== null && fresh.some((e) => timeMs(e.occurredAt) < stored.last_ms!);
  const wasRedacted = stored?.redacted ?? false;
  let result: { state: AggregateState; steps: FoldStep[] };
  let rewrite = late;
  if (late) {
    result = foldChangesOnto(def, def.initial(origin.id), await ctx.readStream(streamId, { to: reached }));
  } else {
    result = foldChangesOnto(def, (stored?.state as AggregateState | undefined) ?? def.initial(origin.id), fresh);
  }
  const becameRedacted = result.state.redacted && !wasRedacted;
  if (becameRedacted && !late) {
    // Earlier rows of this stream (here and on related timelines) must be masked: recompute them all.
    result = foldChangesOnto(def, def.initial(origin.id), await ctx.readStream(streamId, { to: reached }));
    rewrite = true;
  }
  return { streamId, origin, def, state: result.state, steps: result.steps, streamVersion: reached, lastMs, rewrite, becameRedacted };
}

export async function applyReadModels(batch: RecordedEvent[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  const stateTable = ctx.table('aggregate_state');
  const timelineTable = ctx.table('timeline_entries');
  const refTable = ctx.table('reference_index');

  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of batch) {
    const list = byStream.get(e.streamId);
    if (list) list.push(e);
    else byStream.set(e.streamId, [e]);
  }
  const aggregateSubjects: Subject[] = [];
  for (const streamId of byStream.keys()) {
    const def = aggregateForStream(streamId);
    if (def) aggregateSubjects.push({ kind: def.kind, id: streamVendorId(streamId) });
  }
  const stored = await loadRows(tx, stateTable, aggregateSubjects);

  const outcomes: Outcome[] = [];
  for (const [streamId, events] of byStream) {
    const def = aggregateForStream(streamId);
    const row = def ? stored.get(key(def.kind, streamVendorId(streamId))) : undefined;
    const outcome = await foldStream(streamId, events, row, ctx);
    if (outcome) outcomes.push(outcome);
  }

  // Which timeline subjects are redacted: this batch's states win over stored rows.
  const redacted = new Set<string>();
  const batchStates = new Map<string, BaseState>();
  for (const o of outcomes) if (o.state) batchStates.set(key(o.origin.kind, o.origin.id), o.state);
  const targetsByStep = new Map<FoldStep, Subject[]>();
  const unknownSubjects = new Map<string, Subject>();
  for (const o of outcomes) {
    for (const step of o.steps) {
      const targets = timelineTargets(step.event, o.origin, o.state as unknown as Record<string, unknown> | null);
      targetsByStep.set(step, targets);
      for (const t of targets) {
        const k = key(t.kind, t.id);
        const inBatch = batchStates.get(k);
        if (inBatch) {
          if (inBatch.redacted) redacted.add(k);
        } else unknownSubjects.set(k, t);
      }
    }
  }
  for (const k of await redactedSubjects(tx, stateTable, [...unknownSubjects.values()])) redacted.add(k);

  const timeline = new Map<string, TimelineRow>();
  for (const o of outcomes) {
    const piiPaths = o.def?.piiPaths ?? [];
    const originRedacted = o.state?.redacted ?? false;
    for (const step of o.steps) {
      const e = step.event;
      const summary = summarise({ type: e.type, actor: e.actor, changes: step.changes, piiPaths, unknown: e.unknown });
      const masked = maskChanges(step.changes, piiPaths);
      for (const t of targetsByStep.get(step)!) {
        const hide = originRedacted || redacted.has(key(t.kind, t.id));
        timeline.set(`${key(t.kind, t.id)}\0${e.eventId}`, {
          subject_kind: t.kind,
          subject_id: t.id,
          event_id: e.eventId,
          occurred_at: e.occurredAt,
          recorded_at: e.recordedAt,
          position: e.position.toString(),
          stream_id: e.streamId,
          type: e.type,
          source: e.source,
          actor: e.actor,
          summary,
          changes: hide ? masked : step.changes,
        });
      }
    }
  }

  const states = outcomes.filter((o) => o.state !== null);
  if (states.length > 0) {
    const rows = states.map((o) => {
      const s = o.state! as BaseState & { status?: unknown; result?: unknown };
      const status = typeof s.status === 'string' ? s.status : typeof s.result === 'string' ? s.result : null;
      return {
        kind: o.origin.kind,
        id: o.origin.id,
        stream_id: o.streamId,
        version: s.version,
        stream_version: o.streamVersion,
        status,
        tags: s.tags,
        state: s,
        redacted: s.redacted,
        created_at: s.createdAt,
        updated_at: s.updatedAt,
        last_occurred_at: Number.isFinite(o.lastMs) ? new Date(o.lastMs).toISOString() : null,
      };
    });
    await tx.query(
      `insert into ${stateTable} (kind, id, stream_id, version, stream_version, status, tags, state, redacted, created_at, updated_at, last_occurred_at)
       select kind, id, stream_id, version, stream_version, status, tags, state, redacted, created_at, updated_at, last_occurred_at
         from jsonb_to_recordset($1::jsonb) as r(kind text, id text, stream_id text, version int, stream_version int, status text,
              tags text[], state jsonb, redacted boolean, created_at timestamptz, updated_at timestamptz, last_occurred_at timestamptz)
       on conflict (kind, id) do update set stream_id = excluded.stream_id, version = excluded.version,
         stream_version = excluded.stream_version, status = excluded.status, tags = excluded.tags, state = excluded.state,
         redacted = excluded.redacted, created_at = excluded.created_at, updated_at = excluded.updated_at,
         last_occurred_at = excluded.last_occurred_at`,
      [JSON.stringify(rows)],
    );
    const refs: ReferenceRow[] = states.flatMap((o) =>
      referencesOf(o.origin.kind as AggregateKind, o.origin.id, o.state as unknown as Record<string, unknown>),
    );
    await tx.query(`delete from ${refTable} r using unnest($1::text[], $2::text[]) as s(kind, id) where r.kind = s.kind and r.id = s.id`, [
      states.map((o) => o.origin.kind),
      states.map((o) => o.origin.id),
    ]);
    if (refs.length > 0) {
      await tx.query(
        `insert into ${refTable} (reference_id, kind, id, source)
         select reference_id, kind, id, source from jsonb_to_recordset($1::jsonb) as r(reference_id text, kind text, id text, source text)
         on conflict do nothing`,
        [JSON.stringify(refs)],
      );
    }
  }

  if (timeline.size > 0) {
    await tx.query(
      `insert into ${timelineTable} (subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id, type, source, actor, summary, changes)
       select subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id, type, source, actor, summary, changes
         from jsonb_to_recordset($1::jsonb) as r(subject_kind text, subject_id text, event_id text, occurred_at timestamptz,
              recorded_at timestamptz, position bigint, stream_id text, type text, source text, actor text, summary text, changes jsonb)
       on conflict (subject_kind, subject_id, event_id) do update set occurred_at = excluded.occurred_at,
         recorded_at = excluded.recorded_at, position = excluded.position, stream_id = excluded.stream_id, type = excluded.type,
         source = excluded.source, actor = excluded.actor, summary = excluded.summary, changes = excluded.changes`,
      [JSON.stringify([...timeline.values()])],
    );
  }

  // A subject redacted in this batch: its timeline also holds other streams' events (an account
  // shows its inquiries'); mask those with the PII paths of the aggregate that made the change.
  for (const o of outcomes.filter((x) => x.becameRedacted)) await maskSubjectTimeline(tx, timelineTable, o);
}

async function maskSubjectTimeline(tx: SqlExecutor, table: string, o: Outcome): Promise<void> {
  const { rows } = await tx.query<{ event_id: string; stream_id: string; changes: Change[] }>(
    `select event_id, stream_id, changes from ${table} where subject_kind = $1 and subject_id = $2 and stream_id <> $3`,
    [o.origin.kind, o.origin.id, o.streamId],
  );
  const updates = rows
    .map((r) => {
      const def = aggregateForStream(r.stream_id);
      const masked = maskChanges(r.changes, def?.piiPaths ?? []);
      return { event_id: r.event_id, changes: masked, same: JSON.stringify(masked) === JSON.stringify(r.changes) };
    })
    .filter((u) => !u.same)
    .map(({ event_id, changes }) => ({ event_id, changes }));
  if (updates.length === 0) return;
  await tx.query(
    `update ${table} t set changes = u.changes
       from jsonb_to_recordset($3::jsonb) as u(event_id text, changes jsonb)
      where t.subject_kind = $1 and t.subject_id = $2 and t.event_id = u.event_id`,
    [o.origin.kind, o.origin.id, JSON.stringify(updates)],
  );
}

