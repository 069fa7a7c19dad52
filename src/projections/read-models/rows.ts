/**
 * Rows of the read models built from a stream's fold, for both paths: JSON documents for the live
 * path's statements and the bulk path on PGlite, COPY text lines for the bulk path on PostgreSQL.
 * Both encode the same values from the same code.
 */
import type { BaseState } from '../../aggregates/aggregate.js';
import { arrayLiteral, copyText } from '../../db/copy.js';
import type { AggregateKind, RecordedEvent, Subject } from '../../events/types.js';
import { AGGREGATE_STATE, columnNames, REFERENCE_INDEX } from './columns.js';
import type { FoldStep } from './fold-changes.js';
import { maskChanges } from './mask.js';
import { subjectKey, type Outcome } from './plan.js';
import { referencesOf, type ReferenceRow } from './references.js';
import { summarise } from './summarise.js';
import { piiPathsOf } from '../../aggregates/redaction.js';

/** How timeline rows are written out: JSON objects, or COPY text lines. */
export interface TimelineRowFormat {
  /** The columns every target's row of one event shares (event_id … summary), encoded once. */
  common(e: RecordedEvent, summary: string, about: Subject): string;
  /** A step's changes (JSON text) as the row carries them, encoded once for all its targets. */
  changes(json: string): string;
  /** `changes` is what `changes()` returned. */
  row(target: Subject, common: string, changes: string, own: boolean): string;
}

export const TIMELINE_JSON: TimelineRowFormat = {
  common: (e, summary, about) =>
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
      about_kind: about.kind,
      about_id: about.id,
    }).slice(1, -1),
  changes: (json) => json,
  row: (t, common, changes, own) =>
    `{"subject_kind":${JSON.stringify(t.kind)},"subject_id":${JSON.stringify(t.id)},${common},"changes":${changes},"own":${own}}`,
};

/** Characters COPY text escapes (copyText). */
const COPY_SPECIAL = /[\\\n\r\t]/;

/**
 * JSON text as a COPY cell: JSON.stringify writes newlines, returns and tabs inside strings as
 * escapes, so of copyText's four characters only the backslash can occur.
 */
function copyJson(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}

/** COPY text in TIMELINE_ENTRIES column order. */
export const TIMELINE_COPY: TimelineRowFormat = {
  common: (e, summary, about) => {
    const actor = e.actor ?? '\\N';
    // Nearly every event's values need no escaping: one test over all of them, not one per cell.
    if (
      COPY_SPECIAL.test(
        e.eventId +
          e.occurredAt +
          e.recordedAt +
          e.streamId +
          e.type +
          e.source +
          (e.actor ?? '') +
          summary +
          about.kind +
          about.id,
      )
    )
      return (
        `${copyText(e.eventId)}\t${copyText(e.occurredAt)}\t${copyText(e.recordedAt)}\t${e.position.toString()}\t` +
        `${copyText(e.streamId)}\t${copyText(e.type)}\t${copyText(e.source)}\t${copyText(e.actor)}\t` +
        `${copyText(summary)}\t${copyText(about.kind)}\t${copyText(about.id)}`
      );
    return (
      `${e.eventId}\t${e.occurredAt}\t${e.recordedAt}\t${e.position.toString()}\t${e.streamId}\t${e.type}\t` +
      `${e.source}\t${actor}\t${summary}\t${about.kind}\t${about.id}`
    );
  },
  changes: copyJson,
  row: (t, common, changes, own) =>
    COPY_SPECIAL.test(t.kind + t.id)
      ? `${copyText(t.kind)}\t${copyText(t.id)}\t${common}\t${changes}\t${own ? 't' : 'f'}\n`
      : `${t.kind}\t${t.id}\t${common}\t${changes}\t${own ? 't' : 'f'}\n`,
};

/**
 * Appends the timeline rows of one stream's fold: one per step per target not already in
 * `written` (none: every target of every step, for a caller whose events and targets are unique, as
 * a whole stream's fold and timelineTargets make them), PII masked when the origin or the target is redacted. Each row is encoded once; a
 * step's changes are stringified once for all its timelines. Every row names what the event is
 * about (its subject; the changes are what it changed on the stream's aggregate); a row is `own`
 * on the stream's aggregate's timeline and on the event's subject's, and only related elsewhere.
 */
export function timelineRows(
  o: Pick<Outcome, 'origin' | 'def' | 'state' | 'steps'>,
  targetsOf: (step: FoldStep) => Subject[],
  targetRedacted: (target: Subject) => boolean,
  written: Set<string> | undefined,
  out: string[],
  format: TimelineRowFormat = TIMELINE_JSON,
): void {
  const piiPaths = o.def ? piiPathsOf(o.def, o.state) : [];
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
    const about = e.subject.kind && e.subject.id ? e.subject : o.origin;
    const common = format.common(e, summary, about);
    for (const t of targetsOf(step)) {
      if (written) {
        const rowKey = `${subjectKey(t.kind, t.id)}\0${e.eventId}`;
        if (written.has(rowKey)) continue;
        written.add(rowKey);
      }
      const hide = originRedacted || targetRedacted(t);
      const changes = hide
        ? (masked ??= format.changes(JSON.stringify(maskChanges(step.changes, piiPaths))))
        : (plain ??= format.changes(JSON.stringify(step.changes)));
      const own = sameSubject(t, o.origin) || sameSubject(t, e.subject);
      out.push(format.row(t, common, changes, own));
    }
  }
}

const sameSubject = (a: Subject, b: Subject): boolean => a.kind === b.kind && a.id === b.id;

/** The aggregate_state row of a fold (keys are AGGREGATE_STATE's columns) and the references it names. */
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

const STATE_COLUMNS = columnNames(AGGREGATE_STATE);
const REFERENCE_COLUMNS = columnNames(REFERENCE_INDEX) as (keyof ReferenceRow)[];

function stateCell(row: Record<string, unknown>, column: string): string {
  const v = row[column];
  if (column === 'tags') return copyText(arrayLiteral(v as string[]));
  if (column === 'state') return copyJson(JSON.stringify(v));
  return copyText(v as string | number | boolean | null);
}

/** A stateRowOf row as a COPY text line. */
export function stateCopyLine(row: Record<string, unknown>): string {
  let line = stateCell(row, STATE_COLUMNS[0]!);
  for (let i = 1; i < STATE_COLUMNS.length; i++) line += `\t${stateCell(row, STATE_COLUMNS[i]!)}`;
  return `${line}\n`;
}

export function referenceCopyLine(r: ReferenceRow): string {
  return `${REFERENCE_COLUMNS.map((c) => copyText(r[c])).join('\t')}\n`;
}

/** References as the insert statements' arrays. */
export function referenceArrays(refs: readonly ReferenceRow[]): string[][] {
  return [
    refs.map((r) => r.reference_id),
    refs.map((r) => r.kind),
    refs.map((r) => r.id),
    refs.map((r) => r.source),
  ];
}
