/**
 * Key inflection. Persona webhooks send keys kebab-case (default), camelCase or snake_case; AiPrise
 * sends snake_case. Internally every key is camelCase and values are never touched, so the three
 * inflections of one delivery normalise to the same data.
 */
import type { JsonValue } from './types.js';

export type Inflection = 'kebab' | 'camel' | 'snake';

const SEPARATED = /[-_]+([a-zA-Z0-9])/g;

// Keys repeat across deliveries (status, created-at, …): caching the conversion keeps the hot
// path to one Map lookup per key. Bounded so hostile bodies cannot grow it without limit.
const camelCache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

/** `created-at`, `created_at`, `createdAt` -> `createdAt`. Leading separators are kept (`_id`). */
export function camelKey(key: string): string {
  if (key.indexOf('-') < 0 && key.indexOf('_') < 0) return key;
  const hit = camelCache.get(key);
  if (hit !== undefined) return hit;
  const lead = /^[-_]*/.exec(key)![0];
  const camel = lead + key.slice(lead.length).replace(SEPARATED, (_m, c: string) => c.toUpperCase());
  if (camelCache.size < CACHE_LIMIT) camelCache.set(key, camel);
  return camel;
}

/**
 * Deep copy with every object key camelCased. Recursion is safe only because callers bound the
 * depth first (see guards.ts); values are shared, strings and numbers are immutable anyway.
 * Keys in `verbatim` (camelCased names) keep their value as sent: the customer's own JSON
 * (AiPrise `client_reference_data`) is data, and renaming its keys would change it.
 */
export function camelizeKeys(value: unknown, verbatim?: ReadonlySet<string>): JsonValue {
  if (value === null || typeof value !== 'object') return value as JsonValue;
  if (Array.isArray(value)) {
    const out = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = camelizeKeys(value[i], verbatim);
    return out;
  }
  const out: { [key: string]: JsonValue } = {};
  for (const key in value) {
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      const camel = camelKey(key);
      const item = (value as Record<string, unknown>)[key];
      const copy = verbatim?.has(camel) ? (item as JsonValue) : camelizeKeys(item, verbatim);
      // `__proto__` from JSON.parse is an own data property; keep it one, never a prototype.
      if (camel === '__proto__') {
        Object.defineProperty(out, camel, {
          value: copy,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else {
        out[camel] = copy;
      }
    }
  }
  return out;
}

/** `createdAt` -> `created-at` / `created_at` / `createdAt`. Digits stay attached: `street1`. */
export function inflectKey(key: string, inflection: Inflection): string {
  if (inflection === 'camel') return key;
  const sep = inflection === 'kebab' ? '-' : '_';
  return key.replace(/[A-Z]/g, (c) => sep + c.toLowerCase());
}

/** Deep copy with every camelCase key inflected: how a vendor would have sent it. */
export function inflectKeys(value: unknown, inflection: Inflection): JsonValue {
  if (value === null || typeof value !== 'object') return value as JsonValue;
  if (Array.isArray(value)) return value.map((v) => inflectKeys(v, inflection));
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    // An own `__proto__` key stays a key (assignment would set the prototype instead).
    Object.defineProperty(out, inflectKey(k, inflection), {
      value: inflectKeys(v, inflection),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}
