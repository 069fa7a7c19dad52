/**
 * Field-level changes of one event, from immer patches: `{ path, before, after }` with dotted
 * paths, for the audit timeline. Shared by foldWithChanges and the projections' batch fold so both
 * report the same rows.
 */
import type { Patch } from 'immer';
import type { Change } from './aggregate.js';

/**
 * Equality of JSON values, whatever their objects' prototypes. Evolve writes what each event
 * sends, and vendors repeat unchanged attributes (every Persona event repeats every field): a value
 * replaced by an equal one is not a change.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const list = b as unknown[];
    if (a.length !== list.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], list[i])) return false;
    return true;
  }
  // Keys holding undefined count as absent. Plain loops: this runs for every value an event rewrites.
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(x)) {
    const value = x[k];
    if (value === undefined) continue;
    if (!sameJson(value, y[k])) return false;
    defined++;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) defined--;
  return defined === 0;
}

/** Bookkeeping every event touches; not a change a reviewer needs. */
export const BOOKKEEPING: ReadonlySet<string> = new Set(['version', 'createdAt', 'updatedAt']);

function child(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string | number, unknown>)[key]
    : undefined;
}

/** `after` is a non-empty `before` plus entries at the end, the earlier entries untouched (same references). */
function appendedOnly(before: unknown, after: unknown): before is unknown[] {
  if (!Array.isArray(before) || before.length === 0 || !Array.isArray(after) || after.length <= before.length)
    return false;
  for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) return false;
  return true;
}

/**
 * Paths are cut at the first array, so a list edit (`tags`) reads as the whole list before and
 * after. A non-empty list that only grew at its end (`addressHistory`, `comments`) reports just
 * the new entries (`addressHistory.12`: null -> entry): repeating the whole history on every event
 * would make a long stream's timeline grow with the square of its length.
 */
export function changesBetween(before: unknown, after: unknown, patches: readonly Patch[]): Change[] {
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const patch of patches) {
    let a = after;
    let b = before;
    let depth = 0;
    for (; depth < patch.path.length; depth++) {
      if (Array.isArray(a) || Array.isArray(b)) break;
      const key = patch.path[depth] as string | number;
      a = child(a, key);
      b = child(b, key);
    }
    const dotted = patch.path.slice(0, depth).join('.');
    if (seen.has(dotted) || BOOKKEEPING.has(dotted)) continue;
    seen.add(dotted);
    if (sameJson(a, b)) continue;
    if (appendedOnly(b, a)) {
      const grown = a as unknown[];
      for (let i = b.length; i < grown.length; i++)
        changes.push({ path: `${dotted}.${i}`, before: null, after: grown[i] ?? null });
      continue;
    }
    changes.push({ path: dotted, before: b ?? null, after: a ?? null });
  }
  // Patch order follows immer's internals; path order is stable and reads well.
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
