/**
 * Applying one prepared event to a state: the aggregate's evolve, then what every aggregate shares.
 * Redaction is re-applied after every event once a state is redacted, so no later event can bring
 * PII back, whatever its evolve does.
 */
import { folds, type AggregateDefinition, type BaseState } from './aggregate.js';
import type { Prepared } from './fold-order.js';
import { clearPii, piiPathsOf } from './redaction.js';
import { isSortedUnique, sortedUnique } from './tags.js';

export function applyEvent<S extends BaseState>(def: AggregateDefinition<S>, state: S, p: Prepared): void {
  const event = p.domain;
  if (folds(def, event)) def.evolve(state, event);
  if (state.redacted) clearPii(state, piiPathsOf(def, state));
  state.version += 1;
  if (state.createdAt === null) state.createdAt = event.meta.occurredAt;
  state.updatedAt = event.meta.occurredAt;
}

/** What is derived from the state rather than folded: sorted, unique tags. */
export function finalise(state: BaseState): void {
  if (!isSortedUnique(state.tags)) state.tags = sortedUnique(state.tags);
}
