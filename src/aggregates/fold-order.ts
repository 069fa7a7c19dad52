/**
 * Which events a fold applies, in which order. Events are interpreted first (src/events/interpret),
 * because the interpretation decides when an event happened. Fold order is occurrence order, then
 * store order (stream version, then global position): vendors do not deliver in order. The same
 * event id twice is applied once, the first in fold order: the store already stores an id once,
 * this is a second line for merged or replayed feeds.
 */
import type { DomainEvent } from '../events/domain/domain-event.js';
import { interpret } from '../events/interpret/interpret.js';
import type { RecordedEvent } from '../events/types.js';

export interface FoldOptions {
  /** Only events that occurred at or before this time. */
  asOf?: Date | string;
  /** Only the first `version` events in fold order (after asOf, if both are given). */
  version?: number;
  /** Aggregate id; default: the vendor id of the first event's subject stream. */
  id?: string;
}

/** One event ready to fold: as stored (with the occurrence time the interpretation read) and as a domain event. */
export interface Prepared {
  event: RecordedEvent;
  domain: DomainEvent;
  at: number;
}

/** The decimal number in `s` from `from` to `to`, or -1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

const [DASH, T, COLON, DOT, Z] = ['-', 'T', ':', '.', 'Z'].map((c) => c.charCodeAt(0));

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS.sssZ` (what the store and toISOString write) read
 * without Date.parse, once per event; undefined for any other text, or for fields outside the
 * ranges where Date.UTC and Date.parse agree (two-digit years, days past the 28th, hour 24).
 */
function canonicalTime(iso: string): number | undefined {
  if (
    iso.length !== 24 ||
    iso.charCodeAt(4) !== DASH ||
    iso.charCodeAt(7) !== DASH ||
    iso.charCodeAt(10) !== T ||
    iso.charCodeAt(13) !== COLON ||
    iso.charCodeAt(16) !== COLON ||
    iso.charCodeAt(19) !== DOT ||
    iso.charCodeAt(23) !== Z
  )
    return undefined;
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  const hour = digits(iso, 11, 13);
  const minute = digits(iso, 14, 16);
  const second = digits(iso, 17, 19);
  const ms = digits(iso, 20, 23);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28 || hour < 0 || hour > 23) return undefined;
  if (minute < 0 || minute > 59 || second < 0 || second > 59 || ms < 0) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** Epoch milliseconds of an occurrence time; text that is no time sorts last. */
export function timeOf(iso: string): number {
  const fast = canonicalTime(iso);
  if (fast !== undefined) return fast;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

function compare(a: Prepared, b: Prepared): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.event.streamVersion !== b.event.streamVersion) return a.event.streamVersion - b.event.streamVersion;
  return a.event.position < b.event.position ? -1 : a.event.position > b.event.position ? 1 : 0;
}

function prepareOne(event: RecordedEvent): Prepared {
  const domain = interpret(event);
  const occurredAt = domain.meta.occurredAt;
  const stored = occurredAt === event.occurredAt ? event : { ...event, occurredAt };
  return { event: stored, domain, at: timeOf(occurredAt) };
}

/** `events` (any order) interpreted, in fold order, each event id once. */
export function prepare(events: readonly RecordedEvent[]): Prepared[] {
  const prepared = events.map(prepareOne);
  let sorted = true;
  for (let i = 1; i < prepared.length && sorted; i++)
    if (compare(prepared[i - 1]!, prepared[i]!) > 0) sorted = false;
  if (!sorted) prepared.sort(compare);
  const seen = new Set<string>();
  const out: Prepared[] = [];
  for (const p of prepared) {
    if (seen.has(p.event.eventId)) continue;
    seen.add(p.event.eventId);
    out.push(p);
  }
  return out;
}

/** The prepared events a fold with `options` applies. */
export function select(prepared: Prepared[], options: FoldOptions = {}): Prepared[] {
  let selected = prepared;
  if (options.asOf !== undefined) {
    const cutoff = options.asOf instanceof Date ? options.asOf.getTime() : Date.parse(options.asOf);
    if (Number.isNaN(cutoff)) throw new RangeError('asOf is not a valid date');
    const end = selected.findIndex((p) => p.at > cutoff);
    if (end >= 0) selected = selected.slice(0, end);
  }
  if (options.version !== undefined) {
    if (!Number.isInteger(options.version) || options.version < 0)
      throw new RangeError('version must be a non-negative integer');
    selected = selected.slice(0, options.version);
  }
  return selected;
}

/** The events a fold with these options applies, in fold order, as stored. */
export function selectForFold(events: readonly RecordedEvent[], options: FoldOptions = {}): RecordedEvent[] {
  return select(prepare(events), options).map((p) => p.event);
}
