/**
 * Small readers over normalised event data. Vendor payloads are partial (attribute blocklists,
 * optional fields), so every reader returns `undefined` for "not sent" and never throws.
 */
import type { JsonObject, JsonValue } from '../events/types.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or undefined. */
export function objectAt(source: unknown, key: string): JsonObject | undefined {
  if (!isObject(source)) return undefined;
  const value = source[key];
  return isObject(value) ? value : undefined;
}

/** True when `key` was sent (even as null): "missing" means "not sent", null means "cleared". */
export function has(source: unknown, key: string): boolean {
  return isObject(source) && Object.prototype.hasOwnProperty.call(source, key) && source[key] !== undefined;
}

/** A string or null when sent as such; numbers are stringified (ids sometimes arrive as numbers). */
export function stringOrNull(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** First of `keys` that was sent as a string or null. */
export function pickString(source: unknown, ...keys: string[]): string | null | undefined {
  if (!isObject(source)) return undefined;
  for (const key of keys) {
    const value = stringOrNull(source[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

export function stringArray(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** Epoch milliseconds (AiPrise) or an ISO string, as an ISO string. */
export function isoTime(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  }
  return undefined;
}

/** Structural equality of JSON values; key order does not matter, `undefined` keys are ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys) {
    if (!jsonEqual(ao[key], bo[key])) return false;
  }
  return true;
}

/**
 * A plain deep copy, so state never aliases event data: the fold freezes its result, and
 * freezing must not reach into the caller's events. Hand-written because structuredClone is
 * several times slower on the small objects vendors send.
 */
export function copyJson<T extends JsonValue>(value: T): T {
  return copy(value, false);
}

/**
 * A deep copy, frozen. For values the fold never edits again (history entries, replaced
 * wholesale values): immer skips frozen values when it finalises, instead of walking each one.
 */
export function frozenJson<T extends JsonValue>(value: T): T {
  return copy(value, true);
}

function copy<T extends JsonValue>(value: T, freeze: boolean): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => copy(item, freeze));
    return (freeze ? Object.freeze(items) : items) as T;
  }
  const out: JsonObject = {};
  for (const key in value) {
    const item = (value as JsonObject)[key];
    if (item !== undefined) out[key] = copy(item, freeze);
  }
  return (freeze ? Object.freeze(out) : out) as T;
}

/**
 * Writes a scalar only when it changed. Vendors repeat unchanged attributes on every event, and
 * on an immer draft a read costs less than a write.
 */
export function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}
