/**
 * The projections' fold: each stream's new events with their field-level changes, for
 * aggregate_state (the final state) and timeline_entries (the changes) in one pass. Events come
 * in any order and are sorted here; the work is the aggregates' (fold.ts), so the live path, the
 * refolds and the bulk path all produce the same rows.
 */
import type { AggregateDefinition, BaseState } from '../../aggregates/aggregate.js';
import {
  foldChangesByPatches,
  foldChangesFromStart as fromStart,
  sortForFold,
  type EventChanges,
} from '../../aggregates/fold.js';
import type { RecordedEvent } from '../../events/types.js';

export type FoldStep = EventChanges;

/** Continues from a stored state, which stays as it is (it may be cached). */
export function foldChangesOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  return foldChangesByPatches(def, state, sortForFold(events));
}

/** A whole stream from the aggregate's initial state (cheaper: see aggregates/tracked-fold.ts). */
export function foldChangesFromStart<S extends BaseState>(
  def: AggregateDefinition<S>,
  id: string,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  return fromStart(def, id, sortForFold(events));
}
