/** Reading what a batch needs of aggregate_state: stored rows, and which subjects are redacted. */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import type { Subject } from '../../events/types.js';
import { subjectKey, type StoredRow } from './plan.js';
import type { StateCache } from './state-cache.js';
import { selectRedacted, selectStoredStates } from './statements.js';

/** Stored rows of `subjects`: from the cache, and from the table for the ones it may lack. */
export async function loadRows(
  tx: SqlExecutor,
  table: string,
  subjects: readonly Subject[],
  cache: StateCache | undefined,
): Promise<Map<string, StoredRow>> {
  const out = new Map<string, StoredRow>();
  const missing: Subject[] = [];
  for (const s of subjects) {
    const k = subjectKey(s.kind, s.id);
    const hit = cache?.get(k);
    if (hit) out.set(k, hit);
    else if (!cache?.complete) missing.push(s);
  }
  if (missing.length === 0) return out;
  const { rows } = await tx.query<{
    kind: string;
    id: string;
    stream_version: number;
    last_ms: number | null;
    redacted: boolean;
    state: BaseState;
  }>(selectStoredStates(table), [missing.map((s) => s.kind), missing.map((s) => s.id)]);
  for (const r of rows) {
    out.set(subjectKey(r.kind, r.id), {
      streamVersion: Number(r.stream_version),
      lastMs: r.last_ms === null ? null : Number(r.last_ms),
      redacted: r.redacted,
      state: r.state,
    });
  }
  return out;
}

/** Keys (subjectKey) of the `subjects` whose stored row is redacted. */
export async function redactedSubjects(
  tx: SqlExecutor,
  table: string,
  subjects: readonly Subject[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (subjects.length === 0) return out;
  const { rows } = await tx.query<{ kind: string; id: string }>(selectRedacted(table), [
    subjects.map((s) => s.kind),
    subjects.map((s) => s.id),
  ]);
  for (const r of rows) out.add(subjectKey(r.kind, r.id));
  return out;
}
