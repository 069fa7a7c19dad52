/**
 * What the console's templates print, from states and timeline entries: pure functions, so the
 * pages stay logic-free and these are testable alone.
 */
import type { TimelineEntry } from '../../timeline/entry.js';

export interface FieldRow {
  field: string;
  value: string;
  /** Multi-line or long: printed in a <pre>. */
  block: boolean;
}

const MAX_VALUE = 4000;

export function valueText(value: unknown, pretty = false): string {
  if (value === undefined) return '';
  if (value === null) return 'none';
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, pretty ? 2 : undefined);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

export function stateRows(state: object): FieldRow[] {
  return Object.entries(state)
    .filter(([, v]) => v !== undefined)
    .map(([field, value]) => {
      const block = typeof value === 'object' && value !== null && JSON.stringify(value).length > 60;
      return { field, value: valueText(value, block), block };
    });
}

export interface EntryView {
  /** occurredAt as ISO, for <time datetime>. */
  iso: string;
  occurredAt: string;
  recordedAt: string;
  type: string;
  source: string;
  eventId: string;
  actor: string;
  summary: string;
  /** Set when the entry is on a related subject's timeline. */
  subject: { kind: string; id: string } | null;
  changes: { path: string; before: string; after: string }[];
}

/** `2026-01-05 10:01:02Z` (milliseconds only when there are any): short enough for one line. */
export function shortTime(iso: string): string {
  return iso.replace('T', ' ').replace('.000Z', 'Z');
}

export function entryView(entry: TimelineEntry, subject: { kind: string; id: string }): EntryView {
  const own = entry.subject.kind === subject.kind && entry.subject.id === subject.id;
  return {
    iso: entry.occurredAt,
    occurredAt: shortTime(entry.occurredAt),
    recordedAt: shortTime(entry.recordedAt),
    type: entry.type,
    source: entry.source,
    eventId: entry.eventId,
    actor: entry.actor ?? 'not given',
    summary: entry.summary,
    subject: own ? null : entry.subject,
    changes: entry.changes.map((c) => ({
      path: c.path,
      before: valueText(c.before),
      after: valueText(c.after),
    })),
  };
}

/** A console URL with its query; empty values are left out. */
export function href(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function subjectHref(kind: string, id: string): string {
  return `/console/subject/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`;
}
