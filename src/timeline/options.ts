/**
 * Timeline query options as callers pass them (library, CLI flags, HTTP query strings) and their
 * validated, normalised form. Validation errors are InvalidQueryError naming the option.
 */
import { checkQueryText, InvalidQueryError } from './errors.js';
import type { TimelineOrder } from './cursor.js';

export interface TimelineOptions {
  /** Entries that occurred at or after this time. */
  from?: Date | string;
  /** Entries that occurred before this time (exclusive). */
  to?: Date | string;
  /** Exact event types and globs: `['inquiry.completed', 'report/*', 'TICKET_*']`. */
  types?: string | string[];
  /** Who did it: exact actor ids or globs (`*@acme.com`). */
  actor?: string | string[];
  /** Also show related subjects: an account's inquiries, cases, verifications and reports; a profile's sessions, documents and tickets. */
  includeRelated?: boolean;
  /** `asc` (oldest first, the default) or `desc` (newest first). */
  order?: TimelineOrder;
  /** Page size, 1..1000, default 100. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface NormalisedTimelineOptions {
  from: string | null;
  to: string | null;
  types: string[];
  actors: string[];
  includeRelated: boolean;
  order: TimelineOrder;
  limit: number;
  cursor: string | null;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export function toIsoTime(option: string, value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidQueryError(option, `not a date/time: ${JSON.stringify(String(value)).slice(0, 60)}`);
  return date.toISOString();
}

function list(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : value.split(',');
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

export function normaliseTimelineOptions(options: TimelineOptions = {}): NormalisedTimelineOptions {
  const order = options.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw new InvalidQueryError('order', 'must be "asc" or "desc"');
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidQueryError('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const from = options.from === undefined ? null : toIsoTime('from', options.from);
  const to = options.to === undefined ? null : toIsoTime('to', options.to);
  const types = list(options.types).map((t) => checkQueryText('types', t));
  const actors = list(options.actor).map((a) => checkQueryText('actor', a));
  if (types.length > 100 || actors.length > 100) throw new InvalidQueryError('types', 'at most 100 patterns');
  return {
    from,
    to,
    types,
    actors,
    includeRelated: options.includeRelated ?? false,
    order,
    limit,
    cursor: options.cursor ?? null,
  };
}
