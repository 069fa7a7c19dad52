/**
 * Masks PII in timeline changes once a subject is redacted. A change is PII when its path lies
 * under a PII path (`address.city` under `address`) or holds one (`documents` holds
 * `documents.*.url`): the whole value is masked rather than picked apart. Empty values stay as
 * they are: they reveal nothing and show that a field was cleared.
 */
import { REDACTED_MASK } from '../../aggregates/redaction.js';
import type { Change } from '../../aggregates/aggregate.js';

function segmentsMatch(pattern: readonly string[], path: readonly string[]): boolean {
  const n = Math.min(pattern.length, path.length);
  for (let i = 0; i < n; i++) {
    if (pattern[i] !== '*' && pattern[i] !== path[i]) return false;
  }
  return true;
}

/** PII path lists are a few fixed arrays per aggregate: each is split into segments once. */
const SPLIT = new WeakMap<readonly string[], readonly (readonly string[])[]>();

function patternsOf(piiPaths: readonly string[]): readonly (readonly string[])[] {
  let patterns = SPLIT.get(piiPaths);
  if (!patterns) {
    patterns = piiPaths.map((p) => p.split('.'));
    SPLIT.set(piiPaths, patterns);
  }
  return patterns;
}

/** True when a change at `path` may carry a value of one of the PII paths. */
export function touchesPii(path: string, piiPaths: readonly string[]): boolean {
  if (piiPaths.length === 0) return false;
  const segments = path === '' ? [] : path.split('.');
  return patternsOf(piiPaths).some((p) => segmentsMatch(p, segments));
}

function mask(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (Array.isArray(value) && value.length === 0) return value;
  return REDACTED_MASK;
}

export function maskChanges(changes: readonly Change[], piiPaths: readonly string[]): Change[] {
  return changes.map((c) =>
    touchesPii(c.path, piiPaths) ? { path: c.path, before: mask(c.before), after: mask(c.after) } : c,
  );
}
