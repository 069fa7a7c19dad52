/**
 * One batch into the read models, folding in memory: take the touched aggregates' rows from the
 * run's memory (ProjectionSession) or the table, fold each stream's new events onto its stored
 * state, refold (in one read for all of them) the streams where that would not equal a fresh fold,
 * then write every table with one multi-row statement each.
 *
 * Idempotent: a row remembers the highest stream version it applied, and events at or below it
 * are skipped, so the same batch applied twice leaves the same tables.
 */
import type { AggregateDefinition, BaseState, Change } from '../../aggregates/aggregate.js';
import { aggregateForStream, type AggregateState } from '../../aggregates/registry.js';
import { streamVendorId } from '../../events/streams.js';
import type { AggregateKind, RecordedEvent, Subject } from '../../events/types.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import type { ProjectionContext } from '../projection.js';
import { maskChanges } from './mask.js';
import { summarise } from './summarise.js';
import { foldChangesFromStart, foldChangesOnto, type FoldStep } from './fold-changes.js';
import { referencesOf, type ReferenceRow } from './references.js';
import { timelineTargets } from './timeline-targets.js';

interface StoredRow {
  streamVersion: number;
  lastMs: number | null;
  redacted: boolean;
  state: BaseState;
  /** The row's references as written (JSON), when known: unchanged references are not rewritten. */
  refs?: string;
}

/**
 * aggregate_state rows remembered between batches of one locked run (ProjectionSession), so a
 * batch does not read back what earlier batches wrote. Bounded: past MAX_CACHED rows the oldest
 * written go, and from then on rows missing here are loaded from the table.
 */
interface StateCache {
  rows: Map<string, StoredRow>;
  /** Every row of the table is in `rows` (the run began on an empty build and nothing was evicted). */
  complete: boolean;
}

const CACHE_KEY = 'read-models:aggregate_state';
const MAX_CACHED = 200_000;

/** One stream's fold in a batch (or, in a bulk load, its whole fold). */
export interface Outcome {
  streamId: string;
  origin: Subject;
  def: AggregateDefinition<AggregateState> | undefined;
  state: AggregateState | null;
  steps: FoldStep[];
  streamVersion: number;
  lastMs: number;
  stored: StoredRow | undefined;
  becameRedacted: boolean;
}

const key = (kind: string, id: string): string => `${kind}\0${id}`;
const timeMs = (iso: string): number => Date.parse(iso);

function cacheOf(ctx: ProjectionContext): StateCache | undefined {
  const session = ctx.session;
  if (!session) return undefined;
  let cache = session.memo.get(CACHE_KEY) as StateCache | undefined;
  if (!cache) {
    cache = { rows: new Map(), complete: session.startedEmpty };
    session.memo.set(CACHE_KEY, cache);
  }
  return cache;
}

/** Stored rows of `subjects`: from the cache, and from the table for the ones it may lack. */
async function loadRows(
  tx: SqlExecutor,
  table: string,
  subjects: Subject[],
  cache: StateCache | undefined,
): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  const missing: Subject[] = [];
  for (const s of subjects) {
    const k = key(s.kind, s.id);
    const hit = cache?.rows.get(k);
    if (hit) out.set(k, hit);
    else if (!cache?.complete) missing.push(s);
  }
  if (missing.length === 0) return out;
  const { rows } = await tx.query<{
    kind: string;
    id: string;
    stream_version: number;
    last_ms: number | null;
    redacted: boolean;
    state: BaseState;
  }>(
    `select t.kind, t.id, t.stream_version, (extract(epoch from t.last_occurred_at) * 1000)::float8 as last_ms, t.redacted, t.state
       from ${table} t join unnest($1::text[], $2::text[]) as s(kind, id) on t.kind = s.kind and t.id = s.id`,
    [missing.map((s) => s.kind), missing.map((s) => s.id)],
  );
  for (const r of rows) {
    out.set(key(r.kind, r.id), {
      streamVersion: Number(r.stream_version),
      lastMs: r.last_ms === null ? null : Number(r.last_ms),
      redacted: r.redacted,
      state: r.state,
    });
  }
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

interface Pending {
  streamId: string;
  origin: Subject;
  def: AggregateDefinition<AggregateState>;
  stored: StoredRow | undefined;
  streamVersion: number;
  lastMs: number;
}

/**
 * Folds the stream's new events onto its stored state. Returns 'refold' when that would not equal
 * a fresh fold (an event older than what the row reflects) or when the stream became redacted
 * and earlier rows must be recomputed masked; the caller refolds those streams together.
 */
function foldStream(
  streamId: string,
  events: RecordedEvent[],
  stored: StoredRow | undefined,
): Outcome | { refold: Pending } | undefined {
  const def = aggregateForStream(streamId);
  const origin: Subject = def ? { kind: def.kind, id: streamVendorId(streamId) } : events[0]!.subject;
  let reached = 0;
  for (const e of events) if (e.streamVersion > reached) reached = e.streamVersion;
  if (!def) {
    return {
      streamId,
      origin,
      def,
      state: null,
      steps: events.map((event) => ({ event, changes: [] })),
      streamVersion: reached,
      lastMs: 0,
      stored,
      becameRedacted: false,
    };
  }
  const fresh = stored ? events.filter((e) => e.streamVersion > stored.streamVersion) : events;
  if (fresh.length === 0) return undefined;
  let lastMs = stored?.lastMs ?? -Infinity;
  let late = false;
  for (const e of fresh) {
    const t = timeMs(e.occurredAt);
    if (stored?.lastMs != null && t < stored.lastMs) late = true;
    if (t > lastMs) lastMs = t;
  }
  const pending: Pending = { streamId, origin, def, stored, streamVersion: reached, lastMs };
  if (late) return { refold: pending };
  const result = stored
    ? foldChangesOnto(def, stored.state as AggregateState, fresh)
    : foldChangesFromStart(def, origin.id, fresh);
  const becameRedacted = result.state.redacted && !(stored?.redacted ?? false);
  // With no stored row the batch holds the whole stream, so this fold already is a fresh one.
  if (becameRedacted && stored) return { refold: pending };
  return {
    streamId,
    origin,
    def,
    state: result.state,
    steps: result.steps,
    streamVersion: reached,
    lastMs,
    stored,
    becameRedacted,
  };
}

/**
 * Rows travel as one JSON document per statement (jsonb_to_recordset): measured about twice as
 * fast on the server as unnest over text arrays with per-row JSON casts, and no array escaping.
 */
export const STATE_INSERT = (table: string): string =>
  `insert into ${table} (kind, id, stream_id, version, stream_version, status, tags, state, redacted, created_at, updated_at, last_occurred_at)
   select kind, id, stream_id, version, stream_version, status, tags, state, redacted, created_at, updated_at, last_occurred_at
     from jsonb_to_recordset($1::jsonb) as r(kind text, id text, stream_id text, version int, stream_version int, status text,
          tags text[], state jsonb, redacted boolean, created_at timestamptz, updated_at timestamptz, last_occurred_at timestamptz)`;

const STATE_UPSERT = (table: string): string =>
  `${STATE_INSERT(table)}
   on conflict (kind, id) do update set stream_id = excluded.stream_id, version = excluded.version,
     stream_version = excluded.stream_version, status = excluded.status, tags = excluded.tags, state = excluded.state,
     redacted = excluded.redacted, created_at = excluded.created_at, updated_at = excluded.updated_at,
     last_occurred_at = excluded.last_occurred_at`;

export const TIMELINE_INSERT = (table: string): string =>
  `insert into ${table} (subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id, type, source, actor, summary, changes)
   select subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id, type, source, actor, summary, changes
     from jsonb_to_recordset($1::jsonb) as r(subject_kind text, subject_id text, event_id text, occurred_at timestamptz,
          recorded_at timestamptz, position bigint, stream_id text, type text, source text, actor text, summary text, changes jsonb)`;

const TIMELINE_UPSERT = (table: string): string =>
  `${TIMELINE_INSERT(table)}
   on conflict (subject_kind, subject_id, event_id) do update set occurred_at = excluded.occurred_at,
     recorded_at = excluded.recorded_at, position = excluded.position, stream_id = excluded.stream_id, type = excluded.type,
     source = excluded.source, actor = excluded.actor, summary = excluded.summary, changes = excluded.changes`;

export async function applyReadModels(
  batch: RecordedEvent[],
  tx: SqlExecutor,
  ctx: ProjectionContext,
): Promise<void> {
  const stateTable = ctx.table('aggregate_state');
  const timelineTable = ctx.table('timeline_entries');
  const refTable = ctx.table('reference_index');
  const cache = cacheOf(ctx);

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
  const stored = await loadRows(tx, stateTable, aggregateSubjects, cache);

  const outcomes: Outcome[] = [];
  const refolds: Pending[] = [];
  for (const [streamId, events] of byStream) {
    const def = aggregateForStream(streamId);
    const row = def ? stored.get(key(def.kind, streamVendorId(streamId))) : undefined;
    const outcome = foldStream(streamId, events, row);
    if (!outcome) continue;
    if ('refold' in outcome) refolds.push(outcome.refold);
    else outcomes.push(outcome);
  }
  if (refolds.length > 0) {
    // Every stream that needs a fresh fold, read in one round trip.
    const streams = await ctx.readStreams(refolds.map((p) => p.streamId));
    for (const p of refolds) {
      const result = foldChangesFromStart(p.def, p.origin.id, streams.get(p.streamId) ?? []);
      const becameRedacted = result.state.redacted && !(p.stored?.redacted ?? false);
      outcomes.push({ ...p, state: result.state, steps: result.steps, becameRedacted });
    }
  }

  // Which timeline subjects are redacted: this batch's states win over stored rows.
  const redacted = new Set<string>();
  const batchStates = new Map<string, BaseState>();
  for (const o of outcomes) if (o.state) batchStates.set(key(o.origin.kind, o.origin.id), o.state);
  const targetsByStep = new Map<FoldStep, Subject[]>();
  const unknownSubjects = new Map<string, Subject>();
  for (const o of outcomes) {
    for (const step of o.steps) {
      const targets = timelineTargets(
        step.event,
        o.origin,
        o.state as unknown as Record<string, unknown> | null,
      );
      targetsByStep.set(step, targets);
      for (const t of targets) {
        const k = key(t.kind, t.id);
        const inBatch = batchStates.get(k);
        if (inBatch) {
          if (inBatch.redacted) redacted.add(k);
          continue;
        }
        const cached = cache?.rows.get(k);
        if (cached) {
          if (cached.redacted) redacted.add(k);
        } else if (!cache?.complete) unknownSubjects.set(k, t);
      }
    }
  }
  for (const k of await redactedSubjects(tx, stateTable, [...unknownSubjects.values()])) redacted.add(k);

  const timelineJson: string[] = [];
  const written = new Set<string>();
  for (const o of outcomes)
    timelineRows(
      o,
      (step) => targetsByStep.get(step)!,
      (t) => redacted.has(key(t.kind, t.id)),
      written,
      timelineJson,
    );

  const states = outcomes.filter((o) => o.state !== null);
  const remember: [string, StoredRow][] = [];
  if (states.length > 0) {
    const stateRows: unknown[] = [];
    const refDeletes: Subject[] = [];
    const refs: ReferenceRow[] = [];
    for (const o of states) {
      const { row, mine, refsJson } = stateRowOf(o);
      stateRows.push(row);
      const s = o.state!;
      // A row known to have no stored references needs no delete; unchanged references no rewrite.
      if (o.stored === undefined) refs.push(...mine);
      else if (o.stored.refs !== refsJson) {
        refDeletes.push(o.origin);
        refs.push(...mine);
      }
      remember.push([
        key(o.origin.kind, o.origin.id),
        {
          streamVersion: o.streamVersion,
          lastMs: Number.isFinite(o.lastMs) ? o.lastMs : null,
          redacted: s.redacted,
          state: s,
          refs: refsJson,
        },
      ]);
    }
    await tx.query(STATE_UPSERT(stateTable), [JSON.stringify(stateRows)]);
    if (refDeletes.length > 0) {
      await tx.query(
        `delete from ${refTable} r using unnest($1::text[], $2::text[]) as s(kind, id) where r.kind = s.kind and r.id = s.id`,
        [refDeletes.map((s) => s.kind), refDeletes.map((s) => s.id)],
      );
    }
    if (refs.length > 0) {
      await tx.query(
        `insert into ${refTable} (reference_id, kind, id, source)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) on conflict do nothing`,
        [
          refs.map((r) => r.reference_id),
          refs.map((r) => r.kind),
          refs.map((r) => r.id),
          refs.map((r) => r.source),
        ],
      );
    }
  }

  if (timelineJson.length > 0)
    await tx.query(TIMELINE_UPSERT(timelineTable), [`[${timelineJson.join(',')}]`]);

  // A subject redacted in this batch: its timeline also holds other streams' events (an account
  // shows its inquiries'); mask those with the PII paths of the aggregate that made the change.
  const newlyRedacted = outcomes.filter((x) => x.becameRedacted);
  if (newlyRedacted.length > 0) await maskSubjectTimelines(tx, timelineTable, newlyRedacted);

  if (cache) {
    ctx.session!.afterCommit(() => {
      for (const [k, row] of remember) {
        cache.rows.delete(k);
        cache.rows.set(k, row);
      }
      if (cache.rows.size > MAX_CACHED) {
        cache.complete = false;
        const excess = cache.rows.size - MAX_CACHED;
        let i = 0;
        for (const k of cache.rows.keys()) {
          if (i++ >= excess) break;
          cache.rows.delete(k);
        }
      }
    });
  }
}

/** How timeline rows are written out: JSON objects for TIMELINE_UPSERT, or COPY text lines. */
export interface TimelineRowFormat {
  /** The columns every target's row of one event shares (event_id … summary), encoded once. */
  common(e: RecordedEvent, summary: string): string;
  row(target: Subject, common: string, changesJson: string): string;
}

export const TIMELINE_JSON: TimelineRowFormat = {
  common: (e, summary) =>
    JSON.stringify({
      event_id: e.eventId,
      occurred_at: e.occurredAt,
      recorded_at: e.recordedAt,
      position: e.position.toString(),
      stream_id: e.streamId,
      type: e.type,
      source: e.source,
      actor: e.actor,
      summary,
    }).slice(1, -1),
  row: (t, common, changes) =>
    `{"subject_kind":${JSON.stringify(t.kind)},"subject_id":${JSON.stringify(t.id)},${common},"changes":${changes}}`,
};

/**
 * Appends the timeline rows of one stream's fold: one per step per target not already in
 * `written`, PII masked when the origin or the target is redacted. Each row is encoded once; a
 * step's changes are stringified once for all its timelines.
 */
export function timelineRows(
  o: Pick<Outcome, 'def' | 'state' | 'steps'>,
  targetsOf: (step: FoldStep) => Subject[],
  targetRedacted: (target: Subject) => boolean,
  written: Set<string>,
  out: string[],
  format: TimelineRowFormat = TIMELINE_JSON,
): void {
  const piiPaths = o.def?.piiPaths ?? [];
  const originRedacted = o.state?.redacted ?? false;
  for (const step of o.steps) {
    const e = step.event;
    const summary = summarise({
      type: e.type,
      actor: e.actor,
      changes: step.changes,
      piiPaths,
      unknown: e.unknown,
    });
    let plain: string | undefined;
    let masked: string | undefined;
    const common = format.common(e, summary);
    for (const t of targetsOf(step)) {
      const rowKey = `${key(t.kind, t.id)}\0${e.eventId}`;
      if (written.has(rowKey)) continue;
      written.add(rowKey);
      const hide = originRedacted || targetRedacted(t);
      const changes = hide
        ? (masked ??= JSON.stringify(maskChanges(step.changes, piiPaths)))
        : (plain ??= JSON.stringify(step.changes));
      out.push(format.row(t, common, changes));
    }
  }
}

/** The aggregate_state row of a fold (for STATE_UPSERT's JSON) and the references it names. */
export function stateRowOf(o: Pick<Outcome, 'origin' | 'streamId' | 'state' | 'streamVersion' | 'lastMs'>): {
  row: Record<string, unknown>;
  mine: ReferenceRow[];
  refsJson: string;
} {
  const s = o.state! as BaseState & { status?: unknown; result?: unknown };
  const status = typeof s.status === 'string' ? s.status : typeof s.result === 'string' ? s.result : null;
  const lastOccurredAt = Number.isFinite(o.lastMs) ? new Date(o.lastMs).toISOString() : null;
  const row = {
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
    last_occurred_at: lastOccurredAt,
  };
  const mine = referencesOf(
    o.origin.kind as AggregateKind,
    o.origin.id,
    s as unknown as Record<string, unknown>,
  );
  return { row, mine, refsJson: JSON.stringify(mine) };
}

export async function maskSubjectTimelines(
  tx: SqlExecutor,
  table: string,
  redactedNow: readonly Pick<Outcome, 'origin' | 'streamId'>[],
): Promise<void> {
  const { rows } = await tx.query<{
    subject_kind: string;
    subject_id: string;
    event_id: string;
    stream_id: string;
    changes: Change[];
  }>(
    `select t.subject_kind, t.subject_id, t.event_id, t.stream_id, t.changes
       from ${table} t join unnest($1::text[], $2::text[], $3::text[]) as s(kind, id, stream_id)
         on t.subject_kind = s.kind and t.subject_id = s.id and t.stream_id <> s.stream_id`,
    [
      redactedNow.map((o) => o.origin.kind),
      redactedNow.map((o) => o.origin.id),
      redactedNow.map((o) => o.streamId),
    ],
  );
  const u = { kind: [] as string[], id: [] as string[], eventId: [] as string[], changes: [] as string[] };
  for (const r of rows) {
    const def = aggregateForStream(r.stream_id);
    const before = JSON.stringify(r.changes);
    const after = JSON.stringify(maskChanges(r.changes, def?.piiPaths ?? []));
    if (before === after) continue;
    u.kind.push(r.subject_kind);
    u.id.push(r.subject_id);
    u.eventId.push(r.event_id);
    u.changes.push(after);
  }
  if (u.kind.length === 0) return;
  await tx.query(
    `update ${table} t set changes = u.changes::jsonb
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as u(kind, id, event_id, changes)
      where t.subject_kind = u.kind and t.subject_id = u.id and t.event_id = u.event_id`,
    [u.kind, u.id, u.eventId, u.changes],
  );
}
