/**
 * The projections' fold: each stream's new events with their field-level changes, for
 * aggregate_state (the final state) and timeline_entries (the changes) in one pass. Events come
 * in any order; the aggregates' fold engine orders them, so the live path, the refolds and the bulk
 * path all produce the same rows.
 *
 * The states these return are left unfrozen: a batch only encodes them and hands them to the run's
 * cache (state-cache.ts), which owns them from then on, so the next batch can fold onto one in place.
 */
import type { AggregateDefinition, BaseState } from '../../aggregates/aggregate.js';
import {
  foldChangesFromStart as fromStart,
  foldChangesInPlace as inPlace,
  foldChangesOnto as onto,
  SNAPSHOT_BUDGET,
  type EventChanges,
} from '../../aggregates/fold.js';
import type { RecordedEvent } from '../../events/types.js';

export type FoldStep = EventChanges;

/** Continues from a stored state, which stays as it is (read from the table: a copy is folded). */
export function foldChangesOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  return onto(def, state, events, SNAPSHOT_BUDGET, false);
}

/** Continues from a state this run owns (StoredRow.owned), folding onto it in place. */
export function foldChangesInPlace<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  return inPlace(def, state, events);
}

/** A whole stream from the aggregate's initial state. */
export function foldChangesFromStart<S extends BaseState>(
  def: AggregateDefinition<S>,
  id: string,
  events: readonly RecordedEvent[],
): { state: S; steps: FoldStep[] } {
  return fromStart(def, id, events, SNAPSHOT_BUDGET, false);
}
