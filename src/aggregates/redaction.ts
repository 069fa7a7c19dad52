/**
 * Redaction, driven by each aggregate's `piiPaths` so one list decides what is cleared in
 * state and what the timeline masks. A path is dotted; `*` matches any one key or index:
 * `name`, `fields.*`, `sessions.*.email`.
 *
 * Clearing rule at a matched leaf: arrays become `[]`, anything else `null`. Writes happen only
 * when the value is not already cleared, so re-applying redaction after later events (which the
 * fold does, so nothing re-introduces PII) yields no spurious changes.
 */

import type { AggregateDefinition, BaseState } from './aggregate.js';

export const REDACTED_MASK = '[redacted]';

/** The PII paths of `state`: the aggregate's own, plus those its state makes PII. */
export function piiPathsOf<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S | null | undefined,
): readonly string[] {
  const extra = state && def.piiPathsWhen ? def.piiPathsWhen(state) : [];
  return extra.length === 0 ? def.piiPaths : [...def.piiPaths, ...extra];
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function childKeys(container: Container): string[] {
  return Array.isArray(container) ? container.map((_, i) => String(i)) : Object.keys(container);
}

function get(container: Container, key: string): unknown {
  return (container as Record<string, unknown>)[key];
}

function isCleared(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * Clears the path under `container` and returns the container to keep: the same one, or a
 * copy when it was frozen (a value from an earlier fold, reached without a draft because a
 * list around it was swapped for a plain copy; see lists.ts).
 */
function clearPath(container: Container, segments: readonly string[], from: number): Container {
  let target = container;
  const writable = (): Record<string, unknown> => {
    if (Object.isFrozen(target)) target = Array.isArray(target) ? [...target] : { ...target };
    return target as Record<string, unknown>;
  };
  const segment = segments[from] as string;
  const last = from === segments.length - 1;
  for (const key of segment === '*' ? childKeys(container) : [segment]) {
    const child = get(target, key);
    if (last) {
      if (!isCleared(child)) writable()[key] = Array.isArray(child) ? [] : null;
    } else if (isContainer(child)) {
      const next = clearPath(child, segments, from + 1);
      if (next !== child) writable()[key] = next;
    }
  }
  return target;
}

const splitCache = new Map<string, readonly string[]>();
function segmentsOf(path: string): readonly string[] {
  let segments = splitCache.get(path);
  if (!segments) {
    segments = path.split('.');
    splitCache.set(path, segments);
  }
  return segments;
}

/** Clears every PII path of a (draft) state in place and empties its tags. */
export function clearPii(state: { tags: string[] }, piiPaths: readonly string[]): void {
  if (state.tags.length > 0) state.tags = [];
  for (const path of piiPaths) clearPath(state as unknown as Container, segmentsOf(path), 0);
}

function segmentMatches(pattern: string, segment: string): boolean {
  return pattern === '*' || pattern === segment;
}

/** True when `path` is a PII path or lies inside one (`name.first` under `name`). */
export function isPiiPath(piiPaths: readonly string[], path: string): boolean {
  const segments = path.split('.');
  return piiPaths.some((pii) => {
    const pattern = segmentsOf(pii);
    return (
      pattern.length <= segments.length && pattern.every((p, i) => segmentMatches(p, segments[i] as string))
    );
  });
}

function maskInside(value: unknown, pattern: readonly string[]): unknown {
  if (pattern.length === 0)
    return value === null || (Array.isArray(value) && value.length === 0) ? value : REDACTED_MASK;
  if (!isContainer(value)) return value;
  const [head, ...rest] = pattern as [string, ...string[]];
  const copy: Container = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  for (const key of head === '*' ? childKeys(copy) : [head]) {
    if (key in copy) (copy as Record<string, unknown>)[key] = maskInside(get(copy, key), rest);
  }
  return copy;
}

/**
 * `value` (found at state path `path`) with every PII part replaced by `[redacted]`; null and
 * empty arrays stay as they are, so a timeline still shows that a value was cleared.
 */
export function maskPii(piiPaths: readonly string[], path: string, value: unknown): unknown {
  const segments = path === '' ? [] : path.split('.');
  let masked = value;
  for (const pii of piiPaths) {
    const pattern = segmentsOf(pii);
    const common = Math.min(pattern.length, segments.length);
    let matches = true;
    for (let i = 0; i < common; i++)
      if (!segmentMatches(pattern[i] as string, segments[i] as string)) matches = false;
    if (!matches) continue;
    masked = maskInside(masked, pattern.slice(common));
  }
  return masked;
}
