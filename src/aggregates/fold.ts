/**
 * Folding a stream into state. Fold order is occurrence order (occurredAt, then store order:
 * streamVersion, then global position), because vendors do not deliver in order.
 *
 * The whole stream folds inside ONE immer `produce`: evolve functions mutate a single draft,
 * so folding costs about what a mutable fold costs, and the result is frozen. Only the audit
 * timeline (`foldWithChanges`) pays for one `produceWithPatches` per event.
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
 * Each applied event with the field-level changes it made (dotted paths in path order; `null`
 * stands for a key that did not exist). Same selection rules as `fold`. One produce per event: for the
 * audit timeline, not for hot paths.
 */
export function foldWithChanges<S extends BaseState>(
  def: AggregateDefinition<S>,
  events: readonly RecordedEvent[],
  options: FoldOptions = {},
): EventChanges[] {
  const selected = selectForFold(events, options);
  if (selected.length === 0) return [];
  let state = produce(def.initial(idFor(selected, options)), () => undefined);
  const out: EventChanges[] = [];
  for (const event of selected) {
    const [next, patches] = produceWithPatches(state, (draft: Draft<S>) => {
      applyEvent(def, draft, event);
      finaliseState(def, draft);
    });
    out.push({ event, changes: changesBetween(state, next, patches) });
    state = next as S;
  }
  return out;
}
