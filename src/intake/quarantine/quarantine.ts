/**
 * Quarantine: deliveries whose signature was valid (or that came from a trusted import) but whose
 * body could not be parsed or validated. A vendor retry would not fix them, so they are kept
 * byte-exact with the reason, and replayed through the same intake path once the code is fixed.
 * Forged deliveries never get here: they are rejected before anything is stored.
 */
import type { Problem } from '../../events/parse-result.js';
import type { Source } from '../../events/types.js';

export interface QuarantineInput {
  source: Source;
  /** The body exactly as received. */
  body: Uint8Array;
  /** Signature and vendor delivery headers only (see chooseHeaders). */
  headers: Record<string, string>;
  problems: Problem[];
  /** One-line summary of the problems (paths and codes, no values). */
  reason: string;
  receivedAt: Date;
  /** 1-based line number when the body came from an NDJSON import. */
  line?: number | null;
}

export interface QuarantineSummary {
  id: string;
  source: Source;
  reason: string;
  problems: Problem[];
  line: number | null;
  bytes: number;
  /** First time this body was quarantined, ISO. */
  receivedAt: string;
  /** How many times this exact body arrived (vendor retries, re-run imports). */
  deliveries: number;
  /** Set once a replay appended the event (or found it already stored). */
  replayedAt: string | null;
  replayedEventId: string | null;
}

export interface QuarantineEntry extends QuarantineSummary {
  body: Buffer;
  headers: Record<string, string>;
}

export interface QuarantineListOptions {
  source?: Source;
  /** Default 'pending'. */
  status?: 'pending' | 'replayed' | 'all';
  /** Entries with a larger id than this, for paging. */
  afterId?: string;
  /** Default 100. */
  limit?: number;
}

export interface QuarantineStore {
  /** Stores the body once per (source, body); a repeat returns the first entry's id with created false. */
  add(input: QuarantineInput): Promise<{ id: string; created: boolean }>;
  /** Oldest first. Bodies are left out (use get). */
  list(options?: QuarantineListOptions): Promise<QuarantineSummary[]>;
  get(id: string): Promise<QuarantineEntry | null>;
  markReplayed(id: string, eventId: string, at: Date): Promise<void>;
  /** A replay still failed: keep the newest reason so `list` shows what is wrong now. */
  recordFailedReplay(id: string, problems: Problem[], reason: string): Promise<void>;
}

/** Headers worth keeping with a quarantined body: signatures and the vendors' delivery metadata. */
const KEPT_HEADERS = [
  'persona-signature',
  'persona-webhook-attempts-made',
  'persona-webhook-attempts-left',
  'persona-webhook-first-attempted-at',
  'x-hmac-signature',
];

export function chooseHeaders(
  headers: Record<string, string | string[] | undefined> | undefined,
): Record<string, string> {
  const kept: Record<string, string> = {};
  if (!headers) return kept;
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !KEPT_HEADERS.includes(lower)) continue;
    kept[lower] = Array.isArray(value) ? value.join(' ') : value;
  }
  return kept;
}

export function isQuarantineId(id: string): boolean {
  return /^[1-9]\d{0,17}$/.test(id);
}
