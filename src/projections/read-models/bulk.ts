/**
 * The read models' bulk path: whole streams, each folded once from its first event, written with
 * COPY (both SQL clients; multi-row INSERT from one JSON document where a client cannot COPY) into
 * tables that have no keys or indexes yet. Rows are built by the same code as a live batch's
 * (foldChangesFromStart, timelineRows, stateRowOf), only encoded as COPY text, so they hold the same
 * values; the tests compare dumps of both.
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
import type { SqlExecutor } from '../../db/sql-client.js';
import { arrayLiteral, copyExecutor, copyText } from '../../db/copy.js';
import type { BulkProjection, ProjectionContext } from '../projection.js';
import {
  maskSubjectTimelines,
  stateRowOf,
  STATE_INSERT,
  TIMELINE_INSERT,
  TIMELINE_JSON,
  timelineRows,
  type TimelineRowFormat,
} from './apply.js';
import { foldChangesFromStart, type FoldStep } from './fold-changes.js';
import type { ReferenceRow } from './references.js';
import { createBareTables, finishTables } from './tables.js';
import { timelineTargets } from './timeline-targets.js';

type Format = 'copy' | 'json';

interface Prepared {
  format: Format;
  states: string[];
  timeline: string[];
  refs: ReferenceRow[];
}

const TIMELINE_COLUMNS = [
  'subject_kind',
  'subject_id',
  'event_id',
  'occurred_at',
  'recorded_at',
  'position',
  'stream_id',
  'type',
  'source',
  'actor',
  'summary',
  'changes',
] as const;
const STATE_COLUMNS = [
  'kind',
  'id',
  'stream_id',
  'version',
  'stream_version',
  'status',
  'tags',
  'state',
  'redacted',
  'created_at',
  'updated_at',
  'last_occurred_at',
] as const;
const REFERENCE_COLUMNS = ['reference_id', 'kind', 'id', 'source'] as const;

const TIMELINE_COPY: TimelineRowFormat = {
  common: (e, summary) =>
    [
      e.eventId,
      e.occurredAt,
      e.recordedAt,
      e.position.toString(),
      e.streamId,
      e.type,
      e.source,
      e.actor,
      summary,
    ]
      .map(copyText)
      .join('\t'),
  row: (t, common, changes) => `${copyText(t.kind)}\t${copyText(t.id)}\t${common}\t${copyText(changes)}\n`,
};

function stateCopyLine(row: Record<string, unknown>): string {
  const cells = STATE_COLUMNS.map((c) => {
    const v = row[c];
    if (c === 'tags') return copyText(arrayLiteral(v as string[]));
    if (c === 'state') return copyText(JSON.stringify(v));
    return copyText(v as string | number | boolean | null);
  });
  return `${cells.join('\t')}\n`;
}

function prepareAs(format: Format, streams: readonly (readonly RecordedEvent[])[]): Prepared {
  const out: Prepared = { format, states: [], timeline: [], refs: [] };
  const rowFormat = format === 'copy' ? TIMELINE_COPY : TIMELINE_JSON;
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
      const result = foldChangesFromStart(def, origin.id, events);
      state = result.state;
      steps = result.steps;
    } else steps = events.map((event) => ({ event, changes: [] }));
    const stateRecord = state as unknown as Record<string, unknown> | null;
    timelineRows(
      { def, state, steps },
      (step) => timelineTargets(step.event, origin, stateRecord),
      () => false,
      new Set(),
      out.timeline,
      rowFormat,
    );
    if (state) {
      const { row, mine } = stateRowOf({ origin, streamId, state, streamVersion, lastMs });
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
  return out;
}

async function write(parts: readonly unknown[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  const all = parts as Prepared[];
  const states = all.flatMap((p) => p.states);
  const timeline = all.flatMap((p) => p.timeline);
  const refs = all.flatMap((p) => p.refs);
  const copy = copyExecutor(tx);
  if (all.some((p) => p.format === 'copy')) {
    if (!copy) throw new Error('bulk rows were prepared for COPY but this executor cannot COPY');
    if (states.length > 0) await copy.copyFrom(ctx.table('aggregate_state'), STATE_COLUMNS, states.join(''));
    if (timeline.length > 0)
      await copy.copyFrom(ctx.table('timeline_entries'), TIMELINE_COLUMNS, timeline.join(''));
    if (refs.length > 0)
      await copy.copyFrom(
        ctx.table('reference_index'),
        REFERENCE_COLUMNS,
        refs.map((r) => `${REFERENCE_COLUMNS.map((c) => copyText(r[c])).join('\t')}\n`).join(''),
      );
    return;
  }
  if (states.length > 0)
    await tx.query(STATE_INSERT(ctx.table('aggregate_state')), [`[${states.join(',')}]`]);
  if (timeline.length > 0)
    await tx.query(TIMELINE_INSERT(ctx.table('timeline_entries')), [`[${timeline.join(',')}]`]);
  if (refs.length > 0) {
    await tx.query(
      `insert into ${ctx.table('reference_index')} (reference_id, kind, id, source)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
      [
        refs.map((r) => r.reference_id),
        refs.map((r) => r.kind),
        refs.map((r) => r.id),
        refs.map((r) => r.source),
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

export const readModelsBulk: BulkProjection = {
  init: createBareTables,
  prepare: (streams, options) => prepareAs(options?.copy ? 'copy' : 'json', streams),
  write,
  finish,
};
