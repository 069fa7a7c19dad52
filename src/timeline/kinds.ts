/**
 * Which kinds have a timeline: the four aggregates, and the vendors' other resources, whose
 * categories all start with `persona-` or `aiprise-` (`persona-verification`, `aiprise-session`;
 * Persona adds resource families at any time, so they are recognised by prefix, not by a list).
 */
import { isAggregateKind } from '../events/streams.js';
import { AGGREGATE_KINDS } from '../events/types.js';

const RESOURCE_KIND = /^(persona|aiprise)-[a-z][a-z0-9-]*$/;

export function isTimelineKind(kind: string): boolean {
  return isAggregateKind(kind) || RESOURCE_KIND.test(kind);
}

/** The one message for a kind nothing knows, in the API and the CLI alike. */
export function unknownKindMessage(kind: string): string {
  return `unknown kind ${JSON.stringify(kind)}: one of ${AGGREGATE_KINDS.join(', ')} (timelines also take persona-<resource> and aiprise-<resource>)`;
}
