/**
 * One event applied to a draft: the bookkeeping every aggregate shares, the aggregate's own
 * evolve, then redaction. Redaction is re-applied after every event once a state is redacted,
 * so no later event can bring PII back, whatever its evolve does.
 */
import type { Draft } from 'immer';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateDefinition, BaseState } from './aggregate.js';
import { clearPii } from './redaction.js';
import { isSortedUnique, sortedUnique } from './tags.js';

export function applyEvent<S extends BaseState>(
  def: AggregateDefinition<S>,
  draft: Draft<S>,
  event: RecordedEvent,
): void {
  const base = draft as Draft<BaseState>;
  base.version += 1;
  if (base.createdAt === null) base.createdAt = event.occurredAt;
  base.updatedAt = event.occurredAt;
  def.evolve(draft, event);
  if (base.redacted) clearPii(base, def.piiPaths);
}

/** Derived fields, computed once per fold rather than per event. */
export function finaliseState<S extends BaseState>(def: AggregateDefinition<S>, draft: Draft<S>): void {
  const base = draft as Draft<BaseState>;
  if (!isSortedUnique(base.tags)) base.tags = sortedUnique(base.tags);
  def.finalise?.(draft);
}
