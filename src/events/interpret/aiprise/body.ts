/**
 * Where an AiPrise callback keeps its values. User-profile callbacks carry them at the top level;
 * session-channel callbacks (`event_type`) nest them under `data` and name the person who acted in
 * `author.email`. Readers here look at the top level first, then under `data`, so both channels
 * read the same.
 */
import type { JsonObject, JsonValue } from '../../types.js';
import { isObject, objectAt, valueAt } from '../read.js';

export interface Body {
  top: JsonObject;
  nested: JsonObject | undefined;
  /** Both as one object for readers that take keys: top-level keys win. */
  all: JsonObject;
}

export function bodyOf(data: JsonObject): Body {
  const nested = objectAt(data, 'data');
  return { top: data, nested, all: nested ? { ...nested, ...data } : data };
}

/** The value at `key`: at the top level, else under `data`. */
export function at(body: Body, key: string): JsonValue | undefined {
  const top = valueAt(body.top, key);
  return top !== undefined ? top : valueAt(body.nested, key);
}

/** The object at `key`, top level first. */
export function objectIn(body: Body, key: string): JsonObject | undefined {
  const value = at(body, key);
  return isObject(value) ? value : undefined;
}
