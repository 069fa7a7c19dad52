/**
 * Applying events to a draft: the aggregate's own evolve, redaction, and the bookkeeping
 * every aggregate shares. Redaction is re-applied after every event once a state is redacted,
 * so no later event can bring PII back, whatever its evolve does.
 *
 * Bookkeeping (version, createdAt, updatedAt) is written once per batch, not per event: each
 * write to a draft goes through an immer proxy trap, and on long streams those add up.
 */
import type { Draft } from 'immer';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState } from './aggregate.js';
import { clearPii } from './redaction.js';
import { isSortedUnique, sortedUnique } from './tags.js';

/** Applies `events`, already in fold order, to the draft. */
export function applyEvents<S extends BaseState>(
  def: AggregateDefinition<S>,
  draft: Draft<S>,
  events: readonly RecordedEvent[],
): void {
  if (events.length === 0) return;
  const base = draft as Draft<BaseState>;
  for (const event of events) {
    def.evolve(draft, event);
    if (base.redacted) clearPii(base, def.piiPaths);
  }
  base.version += events.length;
  if (base.createdAt === null) base.createdAt = (events[0] as RecordedEvent).occurredAt;
  base.updatedAt = (events[events.length - 1] as RecordedEvent).occurredAt;
}

/** Applies one event (the timeline's per-event produce). */
export function applyEvent<S extends BaseState>(
  def: AggregateDefinition<S>,
  draft: Draft<S>,
  event: RecordedEvent,
): void {
  applyEvents(def, draft, [event]);
}

/** Derived fields, computed once per fold rather than per event. */
export function finaliseState<S extends BaseState>(def: AggregateDefinition<S>, draft: Draft<S>): void {
  const base = draft as Draft<BaseState>;
  if (!isSortedUnique(base.tags)) base.tags = sortedUnique(base.tags);
  def.finalise?.(draft);
}
