/**
 * The fold with per-event changes, on a plain mutable state instead of one immer
 * `produceWithPatches` per event (see tracked-changes.ts for why the changes are the same): no
 * proxy per touched object and no copy per changed container, about 2x the events/s on the short
 * streams real feeds have (bench:fold).
 *
 * Evolve functions are written for drafts and mutate; on a plain state they mutate it in place,
 * which is fine for a state no one else holds: this starts from a fresh initial state. Values the
 * aggregates freeze (tags, history entries, replaced composites) cannot be written in place: such a
 * write throws here (ES modules are strict), and the caller then folds the stream with immer, which
 * copies frozen values on write. Any other error does the same, so the immer fold stays the reference.
 * A state that outgrows the snapshot budget is handed to immer at an event boundary (stoppedAt).
 */
import type { Draft } from 'immer';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState, Change } from './aggregate.js';
import { applyEvent, finaliseState } from './apply.js';
import { changesSince, snapshot } from './tracked-changes.js';

export interface TrackedFold<S> {
  state: S;
  steps: { event: RecordedEvent; changes: Change[] }[];
  /**
   * Set when the state grew past the snapshot budget: the index of the first event NOT applied.
   * `state` is valid after the events before it; the caller continues with immer from there.
   */
  stoppedAt?: number;
}

/**
 * Mutable entries (keys and list items outside frozen values) a snapshot may copy per event. A
 * typical state has 50-200; a long stream can keep thousands in a growing record, and copying them
 * on every event would make it quadratic, where immer pays only for what an event touches.
 */
export const SNAPSHOT_BUDGET = 2_000;

/** Folds `events` (in fold order) onto `initial`, a fresh state it may mutate; undefined: fold with immer instead. */
export function trackedFold<S extends BaseState>(
  def: AggregateDefinition<S>,
  initial: S,
  events: readonly RecordedEvent[],
  budget = SNAPSHOT_BUDGET,
): TrackedFold<S> | undefined {
  const state = initial as Draft<S>;
  const steps: TrackedFold<S>['steps'] = [];
  try {
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      const snap = snapshot(state as unknown as Record<string, unknown>, budget);
      if (!snap) return { state: initial, steps, stoppedAt: i };
      applyEvent(def, state, event);
      finaliseState(def, state);
      steps.push({ event, changes: changesSince(snap) });
    }
  } catch {
    return undefined;
  }
  return { state: initial, steps };
}
