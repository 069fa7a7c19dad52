/**
 * Given/when/then specs for aggregates:
 *
 *   given(account, created).when(archived).then((s) => expect(s.archived).toBe(true));
 *
 * `given` events are history, `when` events the ones under test; `then` folds them all with the
 * real fold (any order, as fold sorts) and hands the state to the check. `changes()` gives the
 * field-level changes the `when` events made, from the real foldWithChanges.
 * `recordAll` turns parsed NewEvents into RecordedEvents the way a store would.
 */
import { expect } from 'vitest';
import type { AggregateDefinition, BaseState, Change } from '../../src/aggregates/aggregate.js';
import { fold, foldWithChanges, type FoldOptions } from '../../src/aggregates/fold.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';

/** Store-like recording: per-stream versions and a global position, in the order given. */
export function recordAll(
  events: readonly NewEvent[],
  recordedAt = '2024-06-01T00:00:00.000Z',
): RecordedEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, i) => {
    const streamVersion = (versions.get(event.streamId) ?? 0) + 1;
    versions.set(event.streamId, streamVersion);
    return { ...event, streamVersion, position: BigInt(i + 1), recordedAt };
  });
}

export interface Spec<S extends BaseState> {
  when(...events: NewEvent[]): Spec<S>;
  /** Folds history and `when` events, asserts a state exists, runs `check`, returns the state. */
  then(check: (state: S) => void, options?: FoldOptions): S;
  /** Changes made by the `when` events, flattened in fold order. */
  changes(): Change[];
  /** The recorded events (history first, then `when`), as fold would receive them. */
  events(): RecordedEvent[];
}

export function given<S extends BaseState>(def: AggregateDefinition<S>, ...history: NewEvent[]): Spec<S> {
  const build = (whenEvents: NewEvent[]): Spec<S> => {
    const recorded = (): RecordedEvent[] => recordAll([...history, ...whenEvents]);
    return {
      when: (...more) => build([...whenEvents, ...more]),
      then(check, options) {
        const state = fold(def, recorded(), options);
        expect(state, 'fold produced no state').not.toBeNull();
        check(state as S);
        return state as S;
      },
      changes() {
        const ids = new Set(whenEvents.map((e) => e.eventId));
        return foldWithChanges(def, recorded())
          .filter((entry) => ids.has(entry.event.eventId))
          .flatMap((entry) => entry.changes);
      },
      events: recorded,
    };
  };
  return build([]);
}
