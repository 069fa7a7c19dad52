/**
 * Continues a fold from a stored state and reports each event's field-level changes: what a
 * batch needs for aggregate_state (the final state) and timeline_entries (the changes) in one
 * pass. The aggregates' foldWithChanges starts from the initial state and does not return the
 * state, so this runs the same steps (applyEvent + finaliseState per event, as foldWithChanges
 * does) from any state. Refolds pass the initial state, so both paths produce the same rows.
 */
import { produceWithPatches, type Draft, type Patch } from 'immer';
import type { AggregateDefinition, BaseState, Change } from '../../aggregates/aggregate.js';
import { applyEvent, finaliseState } from '../../aggregates/apply.js';
import { sortForFold } from '../../aggregates/fold.js';
import type { RecordedEvent } from '../../events/types.js';

export interface FoldStep {
  event: RecordedEvent;
  changes: Change[];
}

const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt']);

function child(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** Patch paths are cut at the first array, so a list reads as a whole before and after (as foldWithChanges does). */
function toChanges(before: unknown, after: unknown, patches: readonly Patch[]): Change[] {
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
    if (a === b) continue;
    changes.push({ path: dotted, before: b ?? null, after: a ?? null });
  }
  return changes;
}

export function foldChangesOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  let current = state;
  const steps: FoldStep[] = [];
  for (const event of sortForFold(events)) {
    const [next, patches] = produceWithPatches(current, (draft: Draft<S>) => {
      applyEvent(def, draft, event);
      finaliseState(def, draft);
    });
    steps.push({ event, changes: toChanges(current, next, patches) });
    current = next as S;
  }
  return { state: current, steps };
}
