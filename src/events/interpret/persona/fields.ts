/**
 * Persona typed field values: `fields.<name> = { type, value }`, with `{type, value}` nested inside
 * hashes and arrays. An entry that comes without a `value` key (`{"type": "string"}`) is empty:
 * null, not an object.
 */
import { dict, setOwn, type Dict } from '../../dict.js';
import type { JsonObject, JsonValue } from '../../types.js';
import { isObject } from '../read.js';

function isTyped(value: JsonObject): boolean {
  return typeof value.type === 'string';
}

/** One typed value unwrapped to its plain value, hashes to objects and arrays to lists. */
export function fieldValue(field: JsonValue | undefined): JsonValue {
  if (field === undefined) return null;
  if (Array.isArray(field)) return field.map(fieldValue);
  if (!isObject(field)) return field;
  if (!isTyped(field)) return plainHash(field);
  if (!Object.prototype.hasOwnProperty.call(field, 'value')) return null;
  const value = field.value;
  if (Array.isArray(value)) return value.map(fieldValue);
  if (isObject(value)) return plainHash(value);
  return value ?? null;
}

function plainHash(hash: JsonObject): JsonObject {
  const out = dict<JsonValue>();
  for (const key of Object.keys(hash)) setOwn(out, key, fieldValue(hash[key]));
  return out;
}

/** The `fields` attribute unwrapped, by field name; undefined when not sent. */
export function fieldsOf(attributes: JsonObject): Dict<JsonValue> | undefined {
  if (!Object.prototype.hasOwnProperty.call(attributes, 'fields')) return undefined;
  const sent = attributes.fields;
  if (!isObject(sent)) return undefined;
  const out = dict<JsonValue>();
  for (const name of Object.keys(sent)) setOwn(out, name, fieldValue(sent[name]));
  return out;
}
