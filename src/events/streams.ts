/**
 * Stream naming: `<category>-<vendorId>`. Aggregates use their kind as the category
 * (`inquiry-inq_1`, `user-profile-up_1`); other Persona resources use `persona-<family>`
 * (`persona-verification-ver_1`), other AiPrise resources `aiprise-<resource>`
 * (`aiprise-session-…`). Routing knows the category and carries it on the event (`NewEvent.category`),
 * so nothing has to split a stream id to find it: vendor ids contain `-` (AiPrise session UUIDs).
 * The one question asked of a bare stream id is whether it is an aggregate's, which needs no list
 * of categories: aggregate streams start with one of the four kinds, every other category with
 * `persona-` or `aiprise-`, and no kind is a prefix of those.
 */
import { AGGREGATE_KINDS, type AggregateKind } from './types.js';

export function streamIdFor(category: string, id: string): string {
  return `${category}-${id}`;
}

/** The aggregate whose stream this is, and its id: `user-profile-up_1` -> user-profile, up_1. */
export function aggregateOfStream(streamId: string): { kind: AggregateKind; id: string } | undefined {
  for (const kind of AGGREGATE_KINDS) {
    if (streamId.length > kind.length + 1 && streamId.startsWith(kind) && streamId[kind.length] === '-')
      return { kind, id: streamId.slice(kind.length + 1) };
  }
  return undefined;
}

/** The vendor id of an aggregate's stream (`inquiry-inq_1` -> `inq_1`); any other stream id as it is. */
export function streamVendorId(streamId: string): string {
  return aggregateOfStream(streamId)?.id ?? streamId;
}

export function isAggregateKind(kind: string): kind is AggregateKind {
  return (AGGREGATE_KINDS as readonly string[]).includes(kind);
}
