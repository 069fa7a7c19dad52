/**
 * The read models' bulk path: whole streams, each folded once from its first event, written with
 * plain multi-row INSERTs into tables that have no keys or indexes yet. The rows are built by the
 * same code as a live batch's (timelineRowsJson, stateRowOf, foldChangesOnto), so they are the
 * same bytes.
 *
 * Redaction: a row on another subject's timeline is masked at write time only when its own stream
 * is redacted; the finish pass masks, for every redacted subject, its timeline rows from other
 * streams (what the live path does when a subject becomes redacted), so the order streams load in
 * does not matter.
 */
import type { AggregateDefinition } from '../../aggregates/aggregate.js';
import { aggregateForStream, type AggregateState } from '../../aggregates/registry.js';
import { streamVendorId } from '../../events/streams.js';
import type { RecordedEvent, Subject } from '../../events/types.js';
import type { SqlExecutor } from '../../store/sql-client.js';
import type { BulkProjection, ProjectionContext } from '../projection.js';
import {
  maskSubjectTimelines,
  stateRowOf,
  STATE_INSERT,
  TIMELINE_INSERT,
  timelineRowsJson,
} from './apply.js';
import { foldChangesOnto, type FoldStep } from './fold-changes.js';
import type { ReferenceRow } from './references.js';
import { createBareTables, finishTables } from './tables.js';
import { timelineTargets } from './timeline-targets.js';

interface Prepared {
  states: string[];
  timeline: string[];
  refs: ReferenceRow[];
}

function prepare(streams: readonly (readonly RecordedEvent[])[]): Prepared {
  const out: Prepared = { states: [], timeline: [], refs: [] };
  for (const events of streams) {
    if (events.length === 0) continue;
    const streamId = events[0]!.streamId;
    const def = aggregateForStream(streamId) as AggregateDefinition<AggregateState> | undefined;
    const origin: Subject = def ? { kind: def.kind, id: streamVendorId(streamId) } : events[0]!.subject;
    let streamVersion = 0;
    let lastMs = -Infinity;
    for (const e of events) {
      if (e.streamVersion > streamVersion) streamVersion = e.streamVersion;
      const t = Date.parse(e.occurredAt);
      if (t > lastMs) lastMs = t;
    }
    let state: AggregateState | null = null;
    let steps: FoldStep[];
    if (def) {
      const result = foldChangesOnto(def, def.initial(origin.id), events);
      state = result.state;
      steps = result.steps;
    } else steps = events.map((event) => ({ event, changes: [] }));
    const stateRecord = state as unknown as Record<string, unknown> | null;
    timelineRowsJson(
      { def, state, steps },
      (step) => timelineTargets(step.event, origin, stateRecord),
      () => false,
      new Set(),
      out.timeline,
    );
    if (state) {
      const { row, mine } = stateRowOf({ origin, streamId, state, streamVersion, lastMs });
      out.states.push(JSON.stringify(row));
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
  return out;
}

async function write(parts: readonly unknown[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  const p: Prepared = { states: [], timeline: [], refs: [] };
  for (const part of parts as Prepared[]) {
    p.states.push(...part.states);
    p.timeline.push(...part.timeline);
    p.refs.push(...part.refs);
  }
  if (p.states.length > 0)
    await tx.query(STATE_INSERT(ctx.table('aggregate_state')), [`[${p.states.join(',')}]`]);
  if (p.timeline.length > 0)
    await tx.query(TIMELINE_INSERT(ctx.table('timeline_entries')), [`[${p.timeline.join(',')}]`]);
  if (p.refs.length > 0) {
    await tx.query(
      `insert into ${ctx.table('reference_index')} (reference_id, kind, id, source)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        p.refs.map((r) => r.reference_id),
        p.refs.map((r) => r.kind),
        p.refs.map((r) => r.id),
        p.refs.map((r) => r.source),
      ],
    );
  }
}

async function finish(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  await finishTables(tx, ctx);
  const { rows } = await tx.query<{ kind: string; id: string; stream_id: string }>(
    `select kind, id, stream_id from ${ctx.table('aggregate_state')} where redacted`,
  );
  if (rows.length > 0)
    await maskSubjectTimelines(
      tx,
      ctx.table('timeline_entries'),
      rows.map((r) => ({ origin: { kind: r.kind, id: r.id }, streamId: r.stream_id })),
    );
}

export const readModelsBulk: BulkProjection = { init: createBareTables, prepare, write, finish };
