/**
 * Field-level changes of one event on a plain, mutable state: snapshot the state's mutable part
 * before the event, compare after it. The result equals what `changesBetween` makes of immer's
 * patches for the same event (same paths, same before/after values, same order), without a
 * proxy per touched object or a copy of every changed container.
 *
 * Why this is exact: a frozen value cannot change, so only mutable containers need a snapshot
 * (a shallow copy of their entries). After the event, a different reference at a key is a
 * replacement, reported at that key (immer's patch is there too); the same mutable container is
 * searched further, objects key by key, arrays as a whole (changesBetween cuts paths at the first
 * array). Values put into changes are detached copies of their mutable parts, because the fold
 * keeps mutating the state afterwards.
 */
import { dict } from '../events/dict.js';
import type { Change } from './aggregate.js';
import { BOOKKEEPING, sameJson } from './changes.js';

type Container = Record<string, unknown> | unknown[];

export interface Snapshot {
  node: Container;
  /** Object keys before the event (for arrays: unused). */
  keys: string[];
  /** Entry values before the event, by key order (objects) or index (arrays). */
  values: unknown[];
  /** Snapshots of the entries that are themselves mutable containers, by position in `values`. */
  kids: (Snapshot | undefined)[] | undefined;
  /** Entries this snapshot and its kids hold (what they count against the budget). */
  size: number;
  /** The `changesSince` pass that found this container and everything under it unchanged. */
  clean: number;
}

/**
 * Numbers `changesSince` calls. The `advance` that follows a pass (foldSteps runs them back to
 * back) keeps the snapshots that pass marked clean without walking them again.
 */
let pass = 0;

function isMutable(value: unknown): value is Container {
  return typeof value === 'object' && value !== null && !Object.isFrozen(value);
}

const NO_KEYS: string[] = [];

/**
 * Shallow copies of every mutable container under `node`, or undefined once they would hold more
 * than `budget` entries in all (a state grown large: see trackedFold).
 */
export function snapshot(node: Container, budget = Infinity): Snapshot | undefined {
  const left = { entries: budget };
  return take(node, left, undefined);
}

/**
 * A snapshot of `s.node` as it is now, sharing every part of `s` whose container has not changed
 * since `s` was taken (the next event's snapshot costs a walk, and copies only what changed);
 * undefined past `budget` entries, as `snapshot`.
 */
export function advance(s: Snapshot, budget = Infinity): Snapshot | undefined {
  const left = { entries: budget };
  return renew(s, left);
}

/** The entries of `s.node` are still the ones `s` holds (same keys, same values). */
function sameEntries(s: Snapshot): boolean {
  const now = s.node;
  if (Array.isArray(now)) {
    if (now.length !== s.values.length) return false;
    for (let i = 0; i < now.length; i++) if (now[i] !== s.values[i]) return false;
    return true;
  }
  const keys = s.keys;
  let i = 0;
  for (const key in now) {
    if (i >= keys.length || key !== keys[i] || now[key] !== s.values[i]) return false;
    i++;
  }
  return i === keys.length;
}

function renew(s: Snapshot, left: { entries: number }): Snapshot | undefined {
  if (s.clean === pass) {
    left.entries -= s.size;
    return left.entries < 0 ? undefined : s;
  }
  if (!sameEntries(s)) return take(s.node, left, s);
  const start = left.entries;
  left.entries -= s.values.length;
  if (left.entries < 0) return undefined;
  const old = s.kids;
  if (!old) return s;
  let kids = old;
  for (let i = 0; i < old.length; i++) {
    const kid = old[i];
    if (!kid) continue;
    // A container frozen since is left out, as a fresh snapshot would leave it.
    let next: Snapshot | undefined;
    if (isMutable(kid.node)) {
      next = renew(kid, left);
      if (!next) return undefined;
    }
    if (next !== kid) {
      if (kids === old) kids = old.slice();
      kids[i] = next;
    }
  }
  return kids === old
    ? s
    : { node: s.node, keys: s.keys, values: s.values, kids, size: start - left.entries, clean: -1 };
}

/** A fresh snapshot of `node`; entries that are the same containers as in `was` renew its snapshots of them. */
function take(node: Container, left: { entries: number }, was: Snapshot | undefined): Snapshot | undefined {
  const start = left.entries;
  const isArray = Array.isArray(node);
  // The keys of `was` when they are still the object's keys (most events add none): no new list.
  const keys = isArray ? NO_KEYS : was && sameKeyList(node, was.keys) ? was.keys : Object.keys(node);
  let values: unknown[];
  if (isArray) values = node.slice();
  else {
    values = new Array<unknown>(keys.length);
    for (let i = 0; i < keys.length; i++) values[i] = node[keys[i]!];
  }
  left.entries -= values.length;
  if (left.entries < 0) return undefined;
  let kids: (Snapshot | undefined)[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isMutable(v)) continue;
    const prior =
      was?.kids && was.values[i] === v && (isArray || was.keys[i] === keys[i]) ? was.kids[i] : undefined;
    const kid = prior ? renew(prior, left) : take(v, left, undefined);
    if (!kid) return undefined;
    (kids ??= [])[i] = kid;
  }
  return { node, keys, values, kids, size: start - left.entries, clean: -1 };
}

/** Whether anything under the snapshot's container changed in place since the snapshot. */
function changedInPlace(s: Snapshot): boolean {
  const now = s.node;
  if (Array.isArray(now)) {
    if (now.length !== s.values.length) return true;
    for (let i = 0; i < now.length; i++) if (now[i] !== s.values[i]) return true;
  } else {
    const keys = Object.keys(now);
    if (keys.length !== s.keys.length) return true;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== s.keys[i]) return true;
      if (now[keys[i]!] !== s.values[i]) return true;
    }
  }
  if (s.kids) for (const kid of s.kids) if (kid && changedInPlace(kid)) return true;
  return false;
}

/** The container as it was when the snapshot was taken, detached from the live state. */
function before(s: Snapshot): unknown {
  const values = s.values.map((v, i) => {
    const kid = s.kids?.[i];
    return kid ? before(kid) : v;
  });
  if (Array.isArray(s.node)) return values;
  const out = dict<unknown>();
  for (let i = 0; i < s.keys.length; i++) out[s.keys[i]!] = values[i];
  return out;
}

/** A copy of the value's mutable parts (frozen parts are shared: nothing can change them). */
function detach(value: unknown): unknown {
  if (!isMutable(value)) return value;
  if (Array.isArray(value)) return value.map(detach);
  const out = dict<unknown>();
  for (const key of Object.keys(value)) out[key] = detach(value[key]);
  return out;
}

/**
 * `after` is a non-empty earlier list plus entries at its end, the earlier entries untouched: the
 * same references, and none of them changed in place (immer would have copied those).
 */
function appendedOnly(snap: Snapshot | undefined, b: unknown, a: unknown): boolean {
  if (!Array.isArray(a)) return false;
  const earlier = snap ? snap.values : b;
  if (!Array.isArray(earlier) || earlier.length === 0 || a.length <= earlier.length) return false;
  for (let i = 0; i < earlier.length; i++) if (earlier[i] !== a[i]) return false;
  if (snap?.kids) for (const kid of snap.kids) if (kid && changedInPlace(kid)) return false;
  return true;
}

function record(out: Change[], path: string, snap: Snapshot | undefined, b: unknown, a: unknown): void {
  const earlier = snap ? before(snap) : b;
  if (sameJson(earlier, a)) return;
  if (appendedOnly(snap, b, a)) {
    const grown = a as unknown[];
    for (let i = snap ? snap.values.length : (b as unknown[]).length; i < grown.length; i++)
      out.push({ path: `${path}.${i}`, before: null, after: detach(grown[i] ?? null) });
    return;
  }
  out.push({ path, before: earlier ?? null, after: detach(a ?? null) });
}

/** Records the changes at `path`; true when anything there differs from the snapshot. */
function visit(
  out: Change[],
  path: string,
  b: unknown,
  a: unknown,
  kid: Snapshot | undefined,
  top: boolean,
): boolean {
  if (top && BOOKKEEPING.has(path)) return true;
  if (a !== b) {
    record(out, path, kid, b, a);
    return true;
  }
  if (!kid) return false;
  let changed: boolean;
  if (Array.isArray(a)) {
    changed = changedInPlace(kid);
    if (changed) record(out, path, kid, b, a);
  } else changed = diffObject(out, kid, path, false);
  if (!changed) kid.clean = pass;
  return changed;
}

/** The object's own keys are still exactly `keys`, in order (checked without listing them). */
function sameKeyList(now: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in now) {
    if (i >= keys.length || key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

/** Records the changes under `s`; true when its entries, or anything under them, differ from it. */
function diffObject(out: Change[], s: Snapshot, path: string, top: boolean): boolean {
  const now = s.node as Record<string, unknown>;
  const keys = s.keys;
  const values = s.values;
  const kids = s.kids;
  // Most events add no key: then every snapshot key is an own key of `now`.
  const sameKeys = sameKeyList(now, keys);
  let changed = !sameKeys;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const a = sameKeys || Object.prototype.hasOwnProperty.call(now, key) ? now[key] : undefined;
    const kid = kids === undefined ? undefined : kids[i];
    // Nothing to visit (and no path to build) for an entry that is the same immutable value.
    if (a === values[i] && !kid) continue;
    if (visit(out, path === '' ? key : `${path}.${key}`, values[i], a, kid, top)) changed = true;
  }
  if (sameKeys) return changed;
  const earlier = new Set(keys);
  for (const key of Object.keys(now))
    if (!earlier.has(key))
      visit(out, path === '' ? key : `${path}.${key}`, undefined, now[key], undefined, top);
  return true;
}

/**
 * Changes from `snap` (taken of the root state before the event) to the root's contents now,
 * sorted by path like `changesBetween`.
 */
export function changesSince(snap: Snapshot): Change[] {
  const out: Change[] = [];
  pass++;
  diffObject(out, snap, '', true);
  if (out.length < 2) return out;
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
