/**
 * A case file: everything a regulator asks about one subject, gathered in one value that the
 * JSON, CSV and PDF renderers print. PII is masked unless the reader may see it (a redacted
 * subject's PII is already gone from the state and the timeline, whoever reads it).
 */
import { createHash } from 'node:crypto';
import { maskEntry, maskState } from '../access/mask.js';
import type { AggregateState } from '../aggregates/registry.js';
import type { AggregateKind } from '../events/types.js';
import type { TimelineEntry, TimelinePage } from '../timeline/entry.js';
import type { TimelineOptions } from '../timeline/options.js';

/** What a case file is read from (the Projector fits). */
export interface CaseFileSource {
  state(kind: AggregateKind, id: string): Promise<AggregateState | null>;
  timeline(kind: string, id: string, options?: TimelineOptions): Promise<TimelinePage>;
  /**
   * The record chain's position and hash for this subject's latest event, when the installation
   * keeps a record chain (docs/record.md). Absent or null: the file says none is available.
   */
  recordChainHead?(kind: AggregateKind, id: string): Promise<RecordChainHead | null>;
}

export interface RecordChainHead {
  position: string;
  hash: string;
}

export interface CaseFileVerification {
  /** SHA-256 over the state and timeline as printed in this file (canonical JSON), hex. */
  contentSha256: string;
  /** Chain position and hash from the record, or null while the installation keeps none. */
  recordChain: RecordChainHead | null;
  /** The line the renderers print. */
  statement: string;
}

export interface CaseFile {
  subject: { kind: AggregateKind; id: string };
  generatedAt: string;
  /** Token name (or `cli:<user>`) that made the file. */
  generatedBy: string;
  includeRelated: boolean;
  /** False: PII values read `[redacted]` (the reader lacks `read:pii`, or the subject is redacted). */
  piiShown: boolean;
  state: AggregateState;
  timeline: TimelineEntry[];
  /** Every distinct actor of the timeline, sorted; `null` actors are left out. */
  actors: string[];
  verification: CaseFileVerification;
}

export interface CaseFileOptions {
  includeRelated?: boolean;
  pii: boolean;
  generatedBy: string;
  now?: Date;
}

const PAGE = 1000;

export async function buildCaseFile(
  source: CaseFileSource,
  kind: AggregateKind,
  id: string,
  options: CaseFileOptions,
): Promise<CaseFile | null> {
  const current = await source.state(kind, id);
  if (!current) return null;
  const entries: TimelineEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await source.timeline(kind, id, {
      includeRelated: options.includeRelated ?? false,
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    entries.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  const pii = options.pii && !current.redacted;
  const state = pii ? current : maskState(current);
  const timeline = pii ? entries : entries.map(maskEntry);
  const actors = [...new Set(timeline.map((e) => e.actor).filter((a): a is string => a !== null))].sort();
  const contentSha256 = createHash('sha256').update(JSON.stringify({ state, timeline })).digest('hex');
  const recordChain = (await source.recordChainHead?.(kind, id)) ?? null;
  const statement = recordChain
    ? `Record chain position ${recordChain.position}, hash ${recordChain.hash}; content SHA-256 ${contentSha256}`
    : `No record chain in this installation; content SHA-256 ${contentSha256}`;
  return {
    subject: { kind, id },
    generatedAt: (options.now ?? new Date()).toISOString(),
    generatedBy: options.generatedBy,
    includeRelated: options.includeRelated ?? false,
    piiShown: pii,
    state,
    timeline,
    actors,
    verification: { contentSha256, recordChain, statement },
  };
}

/** A value as one line of text for the CSV and PDF: strings as they are, the rest as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** `path: before → after; …` (`arrow` for fonts without →). */
export function changesText(entry: TimelineEntry, arrow = '→'): string {
  return entry.changes
    .map((c) => `${c.path}: ${valueText(c.before) || 'none'} ${arrow} ${valueText(c.after) || 'none'}`)
    .join('; ');
}
