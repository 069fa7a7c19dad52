/** Persona reports (watchlist, adverse media, PEP, …), kept by the aggregate they run against: an inquiry or an account. */
import type { Dict } from '../events/dict.js';
import type { ReportAction, ReportEvent } from '../events/domain/persona.js';
import { statusKey } from './status.js';

export interface ReportSummary {
  /** `watchlist`, `politically-exposed-person`, … (the part after `report/`). */
  type: string;
  /** pending, ready, errored. */
  status: string | null;
  matched: boolean;
  dismissed: boolean;
}

/** The report's entry, created with its type the first time; its sent status, else the one implied. */
export function reportEntry(
  reports: Dict<ReportSummary>,
  id: string,
  type: string,
  sent: string | null | undefined,
  implied?: string,
): ReportSummary {
  const entry = (reports[id] ??= { type, status: null, matched: false, dismissed: false });
  if (sent !== undefined) entry.status = sent === null ? null : statusKey(sent);
  else if (implied !== undefined) entry.status = implied;
  return entry;
}

/** The status a report event implies when its payload sends none; undefined: unchanged. */
const REPORT_STATUS: Record<ReportAction, string | undefined> = {
  submitted: 'pending',
  ready: 'ready',
  errored: 'errored',
  matched: undefined,
  dismissed: undefined,
  reviewed: undefined,
  changed: undefined,
};

export function reportEvent(reports: Dict<ReportSummary>, event: ReportEvent): void {
  const r = event.resource;
  if (r.kind !== 'report') return;
  const report = reportEntry(reports, r.id, r.subtype, r.status, REPORT_STATUS[event.action]);
  if (typeof r.hasMatch === 'boolean') report.matched = r.hasMatch;
  // A continuous run's `.matched` means it matches now; `.dismissed` that a reviewer dismissed it.
  if (event.action === 'matched') report.matched = true;
  if (event.action === 'dismissed') report.dismissed = true;
}
