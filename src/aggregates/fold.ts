/**
 * The fold engine: a stream of stored events -> the state of one aggregate, and optionally each
 * event's field-level changes (for the audit timeline).
 *
 * Evolve runs on a plain state this module owns: a fresh initial state, or a copy of a stored one.
 * Changes are found by comparing a snapshot of the state taken before each event with the state
 * after it (tracked-changes.ts). A snapshot copies the whole state, so a state grown large (a long
 * stream with thousands of history entries) continues with one immer `produceWithPatches` per event
 * instead, which pays only for what each event touches. Either way evolve is the same plain code.
 * Results are deeply frozen.
 */
import { enableArrayMethods, enablePatches, produceWithPatches } from 'immer';
import { streamVendorId } from '../events/streams.js';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState, Change } from './aggregate.js';
import { applyEvent, finalise } from './apply.js';
import { clearPii, piiPathsOf } from './redaction.js';
import { changesBetween } from './changes.js';
import { prepare, select, type FoldOptions, type Prepared } from './fold-order.js';
import { copyState, deepFreeze } from './state-copy.js';
import { advance, changesSince, snapshot } from './tracked-changes.js';

export type { FoldOptions } from './fold-order.js';
export { selectForFold } from './fold-order.js';

enablePatches();
enableArrayMethods();

export interface EventChanges {
  /** The event as stored, with the occurrence time the interpretation read. */
  event: RecordedEvent;
  /** Field-level changes the event made; bookkeeping (version, createdAt, updatedAt) left out. */
  changes: Change[];
}

export interface FoldWithChanges<S> {
  state: S;
  steps: EventChanges[];
}

/**
 * Mutable entries a snapshot may copy per event. Typical states hold 50-300; past this the fold
 * continues with immer patches, whose cost does not grow with the state.
 */
export const SNAPSHOT_BUDGET = 2_000;

function idFor(selected: readonly Prepared[], options: FoldOptions): string {
  return options.id ?? streamVendorId(selected[0]!.event.streamId);
}

function applyAll<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  selected: readonly Prepared[],
): S {
  for (const p of selected) applyEvent(def, state, p);
  finalise(state);
  return deepFreeze(state);
}

/**
 * State of the aggregate after `events` (any order), frozen; null when nothing applies. With
 * `asOf` or `version` it is a past state; redaction is permanent, so a past state of a subject that
 * is redacted by a later event shows no PII either: it comes out redacted, PII cleared, its
 * statuses, ids and times as they were.
 */
export function fold<S extends BaseState>(
  def: AggregateDefinition<S>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): S | null {
  const prepared = prepare(events);
  const selected = select(prepared, options);
  if (selected.length === 0) return null;
  const id = idFor(selected, options);
  if (selected.length === prepared.length) return applyAll(def, def.initial(id), selected);
  const past = def.initial(id);
  for (const p of selected) applyEvent(def, past, p);
  const now = def.initial(id);
  for (const p of prepared) applyEvent(def, now, p);
  if (now.redacted) {
    past.redacted = true;
    clearPii(past, piiPathsOf(def, now));
  }
  finalise(past);
  return deepFreeze(past);
}

/**
 * Continues a fold: applies `events`, which must come after the state's own events in fold order,
 * to a copy of `state` (which stays as it is). Duplicates are removed within `events` only.
 */
export function foldOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): S {
  const selected = prepare(events);
  if (selected.length === 0) return state;
  return applyAll(def, copyState(def, state), selected);
}

/** Each event applied to `state` (owned, mutable), with its changes. */
function foldSteps<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  selected: readonly Prepared[],
  budget: number,
  frozen = true,
): FoldWithChanges<S> {
  const steps: EventChanges[] = [];
  let i = 0;
  // Each event's snapshot is the previous one advanced: only what the event changed is copied again.
  let snap = selected.length > 0 ? snapshot(state as unknown as Record<string, unknown>, budget) : undefined;
  for (; i < selected.length && snap; i++) {
    const p = selected[i]!;
    applyEvent(def, state, p);
    finalise(state);
    steps.push({ event: p.event, changes: changesSince(snap) });
    if (i + 1 < selected.length) snap = advance(snap, budget);
  }
  let current = state;
  for (; i < selected.length; i++) {
    const p = selected[i]!;
    const [next, patches] = produceWithPatches(current, (draft) => {
      applyEvent(def, draft as S, p);
      finalise(draft as S);
    });
    steps.push({ event: p.event, changes: changesBetween(current, next, patches) });
    current = next as S;
  }
  return { state: frozen ? deepFreeze(current) : current, steps };
}

/**
 * `events` folded from the aggregate's initial state, with each event's changes. `frozen: false`
 * leaves the state unfrozen, for a caller that only serialises it and never hands it out (a bulk load).
 */
export function foldChangesFromStart<S extends BaseState>(
  def: AggregateDefinition<S>,
  id: string,
  events: readonly RecordedEvent[],
  budget = SNAPSHOT_BUDGET,
  frozen = true,
): FoldWithChanges<S> {
  return foldSteps(def, def.initial(id), prepare(events), budget, frozen);
}

/** `events` folded onto a copy of `state` (a stored or cached state, left as it is), with each event's changes. */
export function foldChangesOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
  budget = SNAPSHOT_BUDGET,
  frozen = true,
): FoldWithChanges<S> {
  return foldSteps(def, copyState(def, state), prepare(events), budget, frozen);
}

/**
 * `events` folded onto `state` itself, with each event's changes: for a caller that owns the state
 * (an unfrozen result of an earlier fold that nobody else holds) and gives it up. No copy is made
 * and the result is left unfrozen; it is `state` itself unless the state has grown past the
 * snapshot budget (then immer's copy, which immer may have frozen).
 */
export function foldChangesInPlace<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
  budget = SNAPSHOT_BUDGET,
): FoldWithChanges<S> {
  return foldSteps(def, state, prepare(events), budget, false);
}

/**
 * Each applied event with the field-level changes it made (dotted paths in path order; `null`
 * stands for a key that did not exist). Same selection rules as `fold`. For the audit timeline.
 */
export function foldWithChanges<S extends BaseState>(
  def: AggregateDefinition<S>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): EventChanges[] {
  const selected = select(prepare(events), options);
  if (selected.length === 0) return [];
  return foldSteps(def, def.initial(idFor(selected, options)), selected, SNAPSHOT_BUDGET).steps;
}
