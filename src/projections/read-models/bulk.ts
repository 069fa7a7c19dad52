/**
 * The read models' bulk path: whole streams, each folded once from its first event, written with
 * COPY (multi-row INSERT from one JSON document where a client cannot COPY) into tables that have
 * no keys or indexes yet. Rows are built by the same code as a live batch's (plan.ts, rows.ts),
 * only encoded as COPY text, so they hold the same values; the tests compare dumps of both.
 *
 * Redaction: a row on another subject's timeline is masked at write time only when its own stream
 * is redacted; the finish pass masks, for every redacted subject, its timeline rows from other
 * streams (what the live path does when a subject becomes redacted), so the order streams load in
 * does not matter.
 */
import type { AggregateDefinition } from '../../aggregates/aggregate.js';
import { foldChangesFromStart } from '../../aggregates/fold.js';
import { aggregateForStream, type AggregateState } from '../../aggregates/registry.js';
import { copyExecutor } from '../../db/copy.js';
import { streamVendorId } from '../../events/streams.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';
import type { BulkProjection, ProjectionContext } from '../projection.js';
import { AGGREGATE_STATE, columnNames, REFERENCE_INDEX, TIMELINE_ENTRIES } from './columns.js';
import { maskSubjectTimelines } from './mask-related.js';
import type { Outcome } from './plan.js';
import type { ReferenceRow } from './references.js';
import {
  referenceArrays,
  referenceCopyLine,
  stateCopyLine,
  stateRowOf,
  TIMELINE_COPY,
  TIMELINE_JSON,
  timelineRows,
} from './rows.js';
import { insertReferences, insertStates, insertTimeline, selectAllRedacted } from './statements.js';
import { createBareTables, finishTables } from './tables.js';
import { timelineTargets } from './timeline-targets.js';

type Format = 'copy' | 'json';

/**
 * One slice's rows, each table's already joined into one text (COPY lines, or JSON objects
 * separated by commas): a chunk waiting to be written holds a few long strings rather than
 * thousands of short ones for the young generation's collector to copy.
 */
interface Prepared {
  format: Format;
  states: string;
  timeline: string;
  refs: ReferenceRow[];
}

type Folded = Pick<Outcome, 'streamId' | 'origin' | 'def' | 'state' | 'steps' | 'streamVersion' | 'lastMs'>;

/**
 * A whole stream folded from its first event (no stored row exists in a bulk load), its state left
 * unfrozen: it is only encoded here, never handed out.
 */
function foldStream(events: readonly RecordedEvent[]): Folded {
  const streamId = events[0]!.streamId;
  const def = aggregateForStream(streamId) as AggregateDefinition<AggregateState> | undefined;
  const origin = def ? { kind: def.kind, id: streamVendorId(streamId) } : events[0]!.subject;
  let lastMs = -Infinity;
  let streamVersion = 0;
  for (const e of events) {
    const t = Date.parse(e.occurredAt);
    if (t > lastMs) lastMs = t;
    if (e.streamVersion > streamVersion) streamVersion = e.streamVersion;
  }
  if (!def) {
    const steps = events.map((event) => ({ event, changes: [] }));
    return { streamId, origin, def, state: null, steps, streamVersion, lastMs };
  }
  const { state, steps } = foldChangesFromStart(def, origin.id, events, undefined, false);
  return { streamId, origin, def, state, steps, streamVersion, lastMs };
}

function prepareAs(format: Format, streams: readonly (readonly RecordedEvent[])[]): Prepared {
  const out = { states: [] as string[], timeline: [] as string[], refs: [] as ReferenceRow[] };
  const rowFormat = format === 'copy' ? TIMELINE_COPY : TIMELINE_JSON;
  for (const events of streams) {
    if (events.length === 0) continue;
    const o = foldStream(events);
    const stateRecord = o.state as unknown as Record<string, unknown> | null;
    // A whole stream's events are unique and so are each event's targets: no row can repeat.
    timelineRows(
      o,
      (step) => timelineTargets(step.event, o.origin, stateRecord),
      () => false,
      undefined,
      out.timeline,
      rowFormat,
    );
    if (o.state) {
      const { row, mine } = stateRowOf(o);
      out.states.push(format === 'copy' ? stateCopyLine(row) : JSON.stringify(row));
      // The live path inserts references with `on conflict do nothing`: keep the first of equal ones.
      const seen = new Set<string>();
      for (const r of mine) {
        const k = `${r.reference_id}\0${r.kind}\0${r.id}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.refs.push(r);
      }
    }
  }
  const sep = format === 'copy' ? '' : ',';
  return { format, states: out.states.join(sep), timeline: out.timeline.join(sep), refs: out.refs };
}

async function write(parts: readonly unknown[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  const all = parts as Prepared[];
  const joined = (texts: string[], sep: string): string => texts.filter((t) => t !== '').join(sep);
  const refs = all.flatMap((p) => p.refs);
  const stateTable = ctx.table('aggregate_state');
  const timelineTable = ctx.table('timeline_entries');
  const refTable = ctx.table('reference_index');
  if (all.some((p) => p.format === 'copy')) {
    const copy = copyExecutor(tx);
    if (!copy) throw new Error('bulk rows were prepared for COPY but this executor cannot COPY');
    const states = joined(
      all.map((p) => p.states),
      '',
    );
    const timeline = joined(
      all.map((p) => p.timeline),
      '',
    );
    if (states.length > 0) await copy.copyFrom(stateTable, columnNames(AGGREGATE_STATE), states);
    if (timeline.length > 0) await copy.copyFrom(timelineTable, columnNames(TIMELINE_ENTRIES), timeline);
    if (refs.length > 0)
      await copy.copyFrom(refTable, columnNames(REFERENCE_INDEX), refs.map(referenceCopyLine).join(''));
    return;
  }
  const states = joined(
    all.map((p) => p.states),
    ',',
  );
  const timeline = joined(
    all.map((p) => p.timeline),
    ',',
  );
  if (states.length > 0) await tx.query(insertStates(stateTable), [`[${states}]`]);
  if (timeline.length > 0) await tx.query(insertTimeline(timelineTable), [`[${timeline}]`]);
  if (refs.length > 0) await tx.query(insertReferences(refTable, 'none'), referenceArrays(refs));
}

async function finish(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  await finishTables(tx, ctx);
  const { rows } = await tx.query<{ kind: string; id: string; stream_id: string }>(
    selectAllRedacted(ctx.table('aggregate_state')),
  );
  if (rows.length > 0)
    await maskSubjectTimelines(
      tx,
      ctx.table('timeline_entries'),
      rows.map((r) => ({ origin: { kind: r.kind, id: r.id }, streamId: r.stream_id })),
    );
}

export const readModelsBulk: BulkProjection = {
  init: createBareTables,
  prepare: (streams, options) => prepareAs(options?.copy ? 'copy' : 'json', streams),
  write,
  finish,
};
