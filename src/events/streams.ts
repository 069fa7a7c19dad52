/**
 * Stream naming: `<category>-<vendorId>`. Aggregates use their kind as the category
 * (`inquiry-inq_1`, `user-profile-up_1`); other Persona resources use `persona-<family>`
 * (`persona-verification-ver_1`), other AiPrise resources `aiprise-<family>`.
 */
import { AGGREGATE_KINDS, type AggregateKind } from './types.js';

export function streamIdFor(category: string, id: string): string {
  return `${category}-${id}`;
}

/** Categories that are not aggregates but are known; extended by the catalog at load time. */
const knownCategories = new Set<string>(AGGREGATE_KINDS);

export function registerCategories(categories: Iterable<string>): void {
  for (const c of categories) knownCategories.add(c);
}

/**
 * Category of a stream id: the longest known category followed by `-`, else everything before
 * the last `-` (ids of unknown resources), else the whole id.
 */
export function streamCategory(streamId: string): string {
  let best = '';
  for (const c of knownCategories) {
    if (c.length > best.length && streamId.length > c.length + 1 && streamId.startsWith(`${c}-`)) best = c;
  }
  if (best) return best;
  const cut = streamId.lastIndexOf('-');
  return cut > 0 ? streamId.slice(0, cut) : streamId;
}

/** The vendor id part of a stream id. */
export function streamVendorId(streamId: string): string {
  const category = streamCategory(streamId);
  return category === streamId ? streamId : streamId.slice(category.length + 1);
}

export function isAggregateKind(kind: string): kind is AggregateKind {
  return (AGGREGATE_KINDS as readonly string[]).includes(kind);
}
