/**
 * Readers over normalised (camelCased) payload values, shared by the interpreters. Vendor payloads
 * are partial, so each returns `undefined` for "not sent", `null` for "sent empty", and never throws.
 */
import type { JsonObject, JsonValue } from '../types.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, when it is one. */
export function objectAt(source: unknown, key: string): JsonObject | undefined {
  if (!isObject(source) || !Object.prototype.hasOwnProperty.call(source, key)) return undefined;
  const value = source[key];
  return isObject(value) ? value : undefined;
}

/** The own value at `key` (never an inherited one). */
export function valueAt(source: unknown, key: string): JsonValue | undefined {
  if (!isObject(source) || !Object.prototype.hasOwnProperty.call(source, key)) return undefined;
  return source[key];
}

/** A string or null when sent as such; finite numbers are stringified (ids sometimes arrive as numbers). */
export function textOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The first of `keys` sent as text or null. */
export function text(source: unknown, ...keys: string[]): string | null | undefined {
  return textAt(source, keys);
}

/** `text` over a list of keys held once (no argument list built per call). */
export function textAt(source: unknown, keys: readonly string[]): string | null | undefined {
  if (!isObject(source)) return undefined;
  for (let i = 0; i < keys.length; i++) {
    const value = textOf(valueAt(source, keys[i]!));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Like `text`, but an empty string counts as not sent (ids, names of things). */
export function nonEmptyText(source: unknown, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = textOf(valueAt(source, key));
    if (value) return value;
  }
  return undefined;
}

export function bool(source: unknown, key: string): boolean | null | undefined {
  const value = valueAt(source, key);
  if (value === null) return null;
  return typeof value === 'boolean' ? value : undefined;
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((v): v is string => typeof v === 'string');
}

/** A list of strings at `key`, null when sent null. */
export function textList(source: unknown, key: string): string[] | null | undefined {
  const value = valueAt(source, key);
  if (value === null) return null;
  return stringList(value);
}

const MAX_EPOCH_MS = 8.64e15;

// `2024-03-01T09:00:00.000Z`: already what toISOString would make of it (Persona's usual form).
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** An ISO time, or epoch milliseconds (AiPrise), as an ISO UTC string; text that is not a time is kept. */
export function isoTimeOf(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === 'string' && value.length === 24 && CANONICAL.test(value)) return value;
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 && value <= MAX_EPOCH_MS
      ? new Date(value).toISOString()
      : undefined;
  }
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms).toISOString();
  }
  return undefined;
}

/** The first of `keys` sent as a time (or null). */
export function time(source: unknown, ...keys: string[]): string | null | undefined {
  for (const key of keys) {
    const value = isoTimeOf(valueAt(source, key));
    if (value !== undefined) return value;
  }
  return undefined;
}
