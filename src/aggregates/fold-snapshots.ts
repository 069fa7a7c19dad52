/**
 * Folding from a snapshot: the pure half of time travel with snapshots (the stored half is in
 * src/projections/snapshots). A snapshot at stream version n is the state after events 1..n, valid
 * while those n events are also the first n in fold order: every other event of the stream must
 * occur at or after the latest of them (`maxAt`). Fold order breaks ties by stream version, so an
 * event of version > n at exactly `maxAt` still comes after them.
 */
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState } from './aggregate.js';
import { applyEvent, finalise } from './apply.js';
import { prepare } from './fold-order.js';
import { copyState, deepFreeze } from './state-copy.js';

/** A fold checkpoint: the state after stream versions 1..n. */
export interface FoldSnapshot<S> {
  n: number;
  /** The latest occurrence time (ms) among events 1..n, as the fold reads it. */
  maxAt: number;
  state: S;
}

/** The virtual snapshot before the first event. */
export function initialSnapshot<S extends BaseState>(
  def: AggregateDefinition<S>,
  id: string,
): FoldSnapshot<S> {
  return { n: 0, maxAt: Number.NEGATIVE_INFINITY, state: def.initial(id) };
}

/** The earliest occurrence time among `events` as the fold reads it (+Infinity for none). */
export function earliestAt(events: readonly RecordedEvent[]): number {
  let min = Number.POSITIVE_INFINITY;
  for (const p of prepare(events)) min = Math.min(min, p.at);
  return min;
}

/**
 * Folds `tail` (the events after `base.n`, in stream order, versions base.n+1 onwards, none
 * before base.maxAt) onto `base`, and returns the new snapshots at every multiple of `every`
 * where the stream-order prefix is also the fold-order prefix, plus the state after all of them.
 * Null state when nothing was ever applied.
 */
export function foldTail<S extends BaseState>(
  def: AggregateDefinition<S>,
  base: FoldSnapshot<S>,
  tail: readonly RecordedEvent[],
  every: number,
): { snapshots: FoldSnapshot<S>[]; state: S | null } {
  const ordered = prepare(tail);
  // Stream order of the tail: prefix maxima and suffix minima of the fold times.
  const byVersion = [...ordered].sort((a, b) => a.event.streamVersion - b.event.streamVersion);
  const suffixMin: number[] = new Array<number>(byVersion.length + 1);
  suffixMin[byVersion.length] = Number.POSITIVE_INFINITY;
  for (let i = byVersion.length - 1; i >= 0; i--)
    suffixMin[i] = Math.min(byVersion[i]!.at, suffixMin[i + 1]!);
  const snapshots: FoldSnapshot<S>[] = [];
  const state = copyState(def, base.state);
  let prefixMax = base.maxAt;
  // Versions must follow base.n without gaps for n to name the prefix (they do in a store).
  let contiguous = true;
  for (let i = 0; i < ordered.length; i++) {
    applyEvent(def, state, ordered[i]!);
    prefixMax = Math.max(prefixMax, byVersion[i]!.at);
    if (byVersion[i]!.event.streamVersion !== base.n + i + 1) contiguous = false;
    const n = base.n + i + 1;
    if (contiguous && n % every === 0 && prefixMax <= suffixMin[i + 1]!) {
      finalise(state);
      snapshots.push({ n, maxAt: prefixMax, state: deepFreeze(copyState(def, state)) });
    }
  }
  if (base.n === 0 && ordered.length === 0) return { snapshots, state: null };
  finalise(state);
  return { snapshots, state: deepFreeze(state) };
}
