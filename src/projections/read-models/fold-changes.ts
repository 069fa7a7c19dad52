/**
 * Continues a fold from a stored state and reports each event's field-level changes: what a
 * batch needs for aggregate_state (the final state) and timeline_entries (the changes) in one
 * pass. The aggregates' foldWithChanges starts from the initial state and does not return the
 * state, so this runs the same steps (applyEvent + finaliseState per event, and the same
 * changesBetween) from any state. Refolds pass the initial state, so both paths produce the same rows.
 */
import { produceWithPatches, type Draft } from 'immer';
import type { AggregateDefinition, BaseState, Change } from '../../aggregates/aggregate.js';
import { applyEvent, finaliseState } from '../../aggregates/apply.js';
import { changesBetween } from '../../aggregates/changes.js';
import { sortForFold } from '../../aggregates/fold.js';
import type { RecordedEvent } from '../../events/types.js';

export interface FoldStep {
  event: RecordedEvent;
  changes: Change[];
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
    steps.push({ event, changes: changesBetween(current, next, patches) });
    current = next as S;
  }
  return { state: current, steps };
}
