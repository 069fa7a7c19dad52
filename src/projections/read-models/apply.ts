/**
 * One batch into the read models, folding in memory: take the touched aggregates' rows from the
 * run's cache or the table, decide per stream whether to fold onto the stored state or refold
 * (plan.ts), read every stream to refold in one round trip, then write each table with one
 * multi-row statement (the timeline's first-time rows with COPY on PostgreSQL: timeline-write.ts).
 *
 * Idempotent: a row remembers the highest stream version it applied, and events at or below it
 * are skipped, so the same batch applied twice leaves the same tables.
 */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent, Subject } from '../../events/types.js';
import type { ProjectionContext } from '../projection.js';
import type { FoldStep } from './fold-changes.js';
import { maskSubjectTimelines } from './mask-related.js';
import {
  aggregateSubjects,
  groupByStream,
  planStreams,
  refoldStream,
  subjectKey,
  type Outcome,
  type StoredRow,
} from './plan.js';
import type { ReferenceRow } from './references.js';
import { referenceArrays, stateRowOf, timelineRows } from './rows.js';
import { stateCacheOf, type StateCache } from './state-cache.js';
import { lockSubjects } from './subject-locks.js';
import { inSpan } from '../../telemetry/spans.js';
import { deleteReferences, insertReferences, upsertStates } from './statements.js';
import { loadRows, redactedSubjects } from './stored-rows.js';
import { timelineTargets } from './timeline-targets.js';
import { writeTimeline } from './timeline-write.js';

export async function applyReadModels(
  batch: RecordedEvent[],
  tx: SqlExecutor,
  ctx: ProjectionContext,
): Promise<void> {
  const stateTable = ctx.table('aggregate_state');
  const cache = stateCacheOf(ctx);

  const byStream = groupByStream(batch);
  // Spans (a no-op without a tracing SDK): read the stored rows, fold (with the refolds' stream
  // reads and the timeline subjects' redaction lookups), write.
  const stored = await inSpan('projection.read', { 'projection.streams': byStream.size }, () =>
    loadRows(tx, stateTable, aggregateSubjects(byStream.keys()), cache),
  );
  const { outcomes, refolded, targetsOf, redacted } = await inSpan('projection.fold', {}, async (span) => {
    const { outcomes, refolds } = planStreams(byStream, stored);
    span.setAttribute('projection.refolds', refolds.length);
    const refolded = new Set<Outcome>();
    if (refolds.length > 0) {
      const streams = await ctx.readStreams(refolds.map((r) => r.streamId));
      for (const r of refolds) {
        const o = refoldStream(r, streams.get(r.streamId) ?? []);
        refolded.add(o);
        outcomes.push(o);
      }
    }
    const targets = await timelineTargetsOf(tx, stateTable, outcomes, cache, ctx.concurrentWriters === true);
    return { outcomes, refolded, ...targets };
  });

  const remember = await inSpan('projection.write', {}, async () => {
    const isRedacted = (t: Subject) => redacted.has(subjectKey(t.kind, t.id));
    const rows = await writeStates(tx, ctx, outcomes);
    await writeTimeline(
      tx,
      ctx.table('timeline_entries'),
      outcomes,
      refolded,
      (o, out, format, written) => timelineRows(o, targetsOf, isRedacted, written, out, format),
      { copy: ctx.concurrentWriters !== true },
    );
    const newlyRedacted = outcomes.filter((x) => x.becameRedacted);
    if (newlyRedacted.length > 0)
      await maskSubjectTimelines(tx, ctx.table('timeline_entries'), newlyRedacted);
    return rows;
  });

  if (cache) ctx.session!.afterCommit(() => cache.remember(remember));
}

/**
 * Each step's timeline subjects, and which of them are redacted: this batch's states win over
 * stored rows, and the table is asked only about subjects the cache cannot answer for.
 */
async function timelineTargetsOf(
  tx: SqlExecutor,
  stateTable: string,
  outcomes: readonly Outcome[],
  cache: StateCache | undefined,
  concurrentWriters: boolean,
): Promise<{ targetsOf: (step: FoldStep) => Subject[]; redacted: Set<string> }> {
  const redacted = new Set<string>();
  const batchStates = new Map<string, BaseState>();
  for (const o of outcomes) if (o.state) batchStates.set(subjectKey(o.origin.kind, o.origin.id), o.state);
  const targetsByStep = new Map<FoldStep, Subject[]>();
  const unknown = new Map<string, Subject>();
  for (const o of outcomes) {
    for (const step of o.steps) {
      const targets = timelineTargets(
        step.event,
        o.origin,
        o.state as unknown as Record<string, unknown> | null,
      );
      targetsByStep.set(step, targets);
      for (const t of targets) {
        const k = subjectKey(t.kind, t.id);
        const known = batchStates.get(k) ?? cache?.get(k);
        if (known) {
          if (known.redacted) redacted.add(k);
        } else if (!cache?.complete) unknown.set(k, t);
      }
    }
  }
  // Subjects other writers may change meanwhile, and those this batch redacts (subject-locks.ts).
  if (concurrentWriters)
    await lockSubjects(tx, [
      ...unknown.values(),
      ...outcomes.filter((o) => o.becameRedacted).map((o) => o.origin),
    ]);
  for (const k of await redactedSubjects(tx, stateTable, [...unknown.values()])) redacted.add(k);
  return { targetsOf: (step) => targetsByStep.get(step)!, redacted };
}

/** Upserts the batch's states and rewrites changed references; returns the rows to cache. */
async function writeStates(
  tx: SqlExecutor,
  ctx: ProjectionContext,
  outcomes: readonly Outcome[],
): Promise<[string, StoredRow][]> {
  const remember: [string, StoredRow][] = [];
  const states = outcomes.filter((o) => o.state !== null);
  if (states.length === 0) return remember;
  const stateRows: unknown[] = [];
  const refDeletes: Subject[] = [];
  const refs: ReferenceRow[] = [];
  for (const o of states) {
    const { row, mine, refsJson } = stateRowOf(o);
    stateRows.push(row);
    // A row known to have no stored references needs no delete; unchanged references no rewrite.
    if (o.stored === undefined) refs.push(...mine);
    else if (o.stored.refs !== refsJson) {
      refDeletes.push(o.origin);
      refs.push(...mine);
    }
    remember.push([
      subjectKey(o.origin.kind, o.origin.id),
      {
        streamVersion: o.streamVersion,
        lastMs: Number.isFinite(o.lastMs) ? o.lastMs : null,
        redacted: o.state!.redacted,
        state: o.state!,
        refs: refsJson,
        // A state immer produced (one grown past the snapshot budget) may be frozen: fold a copy.
        owned: !Object.isFrozen(o.state),
      },
    ]);
  }
  const refTable = ctx.table('reference_index');
  await tx.query(upsertStates(ctx.table('aggregate_state')), [JSON.stringify(stateRows)]);
  if (refDeletes.length > 0)
    await tx.query(deleteReferences(refTable), [refDeletes.map((s) => s.kind), refDeletes.map((s) => s.id)]);
  if (refs.length > 0) await tx.query(insertReferences(refTable, 'keep-first'), referenceArrays(refs));
  return remember;
}
