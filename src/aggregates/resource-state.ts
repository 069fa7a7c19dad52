/** What every Persona aggregate takes from its own resource's facts: fields and tags. */
import type { Dict } from '../events/dict.js';
import type { JsonValue } from '../events/types.js';

/** Sent fields merged by name; fields not sent keep their value. */
export function takeFields(fields: Dict<JsonValue>, sent: Dict<JsonValue> | undefined): void {
  if (!sent) return;
  for (const name of Object.keys(sent)) fields[name] = sent[name] ?? null;
}

/** Tags as sent (an empty list when sent null). */
export function takeTags(state: { tags: string[] }, sent: string[] | null | undefined): void {
  if (sent !== undefined) state.tags = sent === null ? [] : [...new Set(sent)];
}

/** Sets `key` when the fact was sent (undefined means not sent). */
export function take<T extends object, K extends keyof T>(state: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) state[key] = value;
}
