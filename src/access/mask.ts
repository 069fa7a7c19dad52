/**
 * PII masking for tokens without `read:pii`, from the same PII paths that redaction clears
 * (each aggregate's `piiPaths`), so one list decides what redaction removes and what a `read`
 * token does not see. Values become `[redacted]`; null and empty values stay as they are.
 */
import { aggregateFor, type AggregateState } from '../aggregates/registry.js';
import { maskPii, piiPathsOf, REDACTED_MASK } from '../aggregates/redaction.js';
import { isAggregateKind } from '../events/streams.js';
import { maskChanges } from '../projections/read-models/mask.js';
import type { TimelineEntry, TimelinePage } from '../timeline/entry.js';

export function maskState<S extends AggregateState>(state: S): S {
  const def = aggregateFor(state.kind);
  return maskPii(piiPathsOf(def, state as never), '', state) as S;
}

function maskValue(value: unknown): unknown {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return value;
  return REDACTED_MASK;
}

/**
 * A subject the catalog has no aggregate for (a Persona verification or report, an AiPrise
 * session) has no PII list: all of its change values are masked.
 */
export function maskEntry(entry: TimelineEntry): TimelineEntry {
  const kind = entry.subject.kind;
  const changes = isAggregateKind(kind)
    ? maskChanges(entry.changes, aggregateFor(kind).piiPaths)
    : entry.changes.map((c) => ({ path: c.path, before: maskValue(c.before), after: maskValue(c.after) }));
  return { ...entry, changes };
}

export function maskPage(page: TimelinePage): TimelinePage {
  return { ...page, entries: page.entries.map(maskEntry) };
}
