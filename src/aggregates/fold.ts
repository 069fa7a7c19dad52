/**
 * Folding a stream into state. Fold order is occurrence order (occurredAt, then store order:
 * streamVersion, then global position), because vendors do not deliver in order.
 *
 * The whole stream folds inside ONE immer `produce`: evolve functions mutate a single draft,
 * so folding costs about what a mutable fold costs, and the result is frozen. The audit
 * timeline's per-event changes come from a tracked fold on a plain state (tracked-fold.ts), or
 * from one `produceWithPatches` per event when continuing from a stored state.
 *
 * Events are de-duplicated by eventId (first one in fold order wins). The store already
 * stores an event id once; this is a defensive second line, e.g. for merged exports.
 */
import { enableArrayMethods, enablePatches, produce, produceWithPatches, type Draft } from 'immer';
import { streamVendorId } from '../events/streams.js';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState, Change } from './aggregate.js';
import { applyEvent, applyEvents, finaliseState } from './apply.js';
import { changesBetween } from './changes.js';
import { trackedFold } from './tracked-fold.js';

// Patches for foldWithChanges; array-method overrides keep push/includes on drafts cheap.
enablePatches();
enableArrayMethods();

export interface FoldOptions {
  /** Only events with occurredAt <= asOf. */
  asOf?: Date | string;
  /** Only the first `version` events in fold order (after asOf, if both are given). */
  version?: number;
  /** Aggregate id; default: the vendor id part of the first event's stream id. */
  id?: string;
}

export interface EventChanges {
  event: RecordedEvent;
  /** Field-level changes the event made; bookkeeping (version, createdAt, updatedAt) left out. */
  changes: Change[];
}

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
}

function compareStoreOrder(a: RecordedEvent, b: RecordedEvent): number {
  if (a.streamVersion !== b.streamVersion) return a.streamVersion - b.streamVersion;
  return a.position < b.position ? -1 : a.position > b.position ? 1 : 0;
}

/** Events in fold order: occurredAt, then streamVersion, then position (stable otherwise). */
export function sortForFold(events: readonly RecordedEvent[]): RecordedEvent[] {
  const times = events.map((e) => timeOf(e.occurredAt));
  let sorted = true;
  for (let i = 1; i < events.length && sorted; i++) {
    const dt = (times[i - 1] as number) - (times[i] as number);
    if (
      dt > 0 ||
      (dt === 0 && compareStoreOrder(events[i - 1] as RecordedEvent, events[i] as RecordedEvent) > 0)
    )
      sorted = false;
  }
  if (sorted) return [...events];
  const order = events.map((_, i) => i);
  order.sort(
    (i, j) =>
      (times[i] as number) - (times[j] as number) ||
      compareStoreOrder(events[i] as RecordedEvent, events[j] as RecordedEvent) ||
      i - j,
  );
  return order.map((i) => events[i] as RecordedEvent);
}

function dedupe(sorted: RecordedEvent[]): RecordedEvent[] {
  const seen = new Set<string>();
  const out: RecordedEvent[] = [];
  for (const event of sorted) {
    if (seen.has(event.eventId)) continue;
    seen.add(event.eventId);
    out.push(event);
  }
  return out;
}

/** The events a fold with these options applies, in fold order. */
export function selectForFold(events: readonly RecordedEvent[], options: FoldOptions = {}): RecordedEvent[] {
  let selected = dedupe(sortForFold(events));
  if (options.asOf !== undefined) {
    const cutoff = options.asOf instanceof Date ? options.asOf.getTime() : Date.parse(options.asOf);
    if (Number.isNaN(cutoff)) throw new RangeError('asOf is not a valid date');
    const end = selected.findIndex((e) => timeOf(e.occurredAt) > cutoff);
    if (end >= 0) selected = selected.slice(0, end);
  }
  if (options.version !== undefined) {
    if (!Number.isInteger(options.version) || options.version < 0)
      throw new RangeError('version must be a non-negative integer');
    selected = selected.slice(0, options.version);
  }
  return selected;
}

function idFor(events: readonly RecordedEvent[], options: FoldOptions): string {
  return options.id ?? streamVendorId((events[0] as RecordedEvent).streamId);
}

/** State of the aggregate after `events` (any order), frozen; null when nothing applies. */
export function fold<S extends BaseState>(
  def: AggregateDefinition<S>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): S | null {
  const selected = selectForFold(events, options);
  if (selected.length === 0) return null;
  return produce(def.initial(idFor(selected, options)), (draft: Draft<S>) => {
    applyEvents(def, draft, selected);
    finaliseState(def, draft);
  });
}

/**
 * Continues a fold: applies `events` (which must come after the state's events in fold order,
 * e.g. newly appended ones) to an existing state, in one produce. De-duplicates within `events` only.
 */
export function foldOnto<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  events: readonly RecordedEvent[],
): S {
  const selected = selectForFold(events);
  if (selected.length === 0) return state;
  return produce(state, (draft: Draft<S>) => {
    applyEvents(def, draft, selected);
    finaliseState(def, draft);
  });
}

/**
 * Each event in `selected` (fold order) applied onto `state` with one `produceWithPatches`, and the
 * field-level changes it made. `state` is left as it is (it may be a stored or cached state). The
 * reference the tracked fold (tracked-fold.ts) is checked against.
 */
export function foldChangesByPatches<S extends BaseState>(
  def: AggregateDefinition<S>,
  state: S,
  selected: readonly RecordedEvent[],
): { state: S; steps: EventChanges[] } {
  let current = state;
  const steps: EventChanges[] = [];
  for (const event of selected) {
    const [next, patches] = produceWithPatches(current, (draft: Draft<S>) => {
      applyEvent(def, draft, event);
      finaliseState(def, draft);
    });
    steps.push({ event, changes: changesBetween(current, next, patches) });
    current = next as S;
  }
  return { state: current, steps };
}

/**
 * `selected` (fold order) folded from the aggregate's initial state, with each event's changes: on
 * a plain state with tracked changes, or by patches when the tracked fold cannot take the stream.
 * Both give the same changes and an equal state; this state may be unfrozen.
 */
export function foldChangesFromStart<S extends BaseState>(
  def: AggregateDefinition<S>,
  id: string,
  selected: readonly RecordedEvent[],
): { state: S; steps: EventChanges[] } {
  const tracked = trackedFold(def, def.initial(id), selected);
  if (!tracked) return foldChangesByPatches(def, def.initial(id), selected);
  if (tracked.stoppedAt === undefined) return tracked;
  // Grown past the snapshot budget: the rest by patches, from the state reached so far.
  const rest = foldChangesByPatches(def, tracked.state, selected.slice(tracked.stoppedAt));
  return { state: rest.state, steps: [...tracked.steps, ...rest.steps] };
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
  const selected = selectForFold(events, options);
  if (selected.length === 0) return [];
  return foldChangesFromStart(def, idFor(selected, options), selected).steps;
}
