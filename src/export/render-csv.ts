/**
 * The case file as CSV: a header row, then one row per timeline entry (quoting by csv-stringify).
 * Subject, state and verification line are in the JSON and PDF forms; this one is for sorting and
 * filtering the timeline in a spreadsheet.
 */
import { stringify } from 'csv-stringify/sync';
import { changesText, type CaseFile } from './case-file.js';

export const CSV_COLUMNS = [
  'occurred_at',
  'recorded_at',
  'subject_kind',
  'subject_id',
  'vendor',
  'vendor_event_id',
  'type',
  'actor',
  'summary',
  'changes',
] as const;

export function renderCsv(file: CaseFile): Buffer {
  const rows = file.timeline.map((e) => [
    e.occurredAt,
    e.recordedAt,
    e.subject.kind,
    e.subject.id,
    e.source,
    e.eventId,
    e.type,
    e.actor ?? '',
    e.summary,
    changesText(e),
  ]);
  return Buffer.from(stringify([[...CSV_COLUMNS], ...rows]), 'utf8');
}
