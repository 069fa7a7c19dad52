/**
 * Checks shared by every adapter before an append touches storage: the events belong to the
 * stream they are appended to, and ids repeated inside one call are stored once.
 */
import type { NewEvent } from '../events/types.js';
import type { AppendBatchItem, AppendResult } from './event-store.js';
import { assertExpected, validateExpected } from './expected-version.js';

export function checkAppendItems(items: AppendBatchItem[]): void {
  for (const item of items) {
    if (!item.streamId) throw new TypeError('append: streamId must not be empty');
    validateExpected(item.expectedVersion ?? 'any');
    for (const event of item.events) {
      if (event.streamId !== item.streamId) {
        throw new TypeError(
          `append: event ${event.eventId} names stream ${JSON.stringify(event.streamId)} but is appended to ${JSON.stringify(item.streamId)}`,
        );
      }
    }
  }
}

/** Splits events into first occurrences (in order) and ids already seen in `seen` (which it extends). */
export function splitRepeats(
  events: NewEvent[],
  seen: Set<string>,
): { fresh: NewEvent[]; repeated: string[] } {
  const fresh: NewEvent[] = [];
  const repeated: string[] = [];
  for (const event of events) {
    if (seen.has(event.eventId)) repeated.push(event.eventId);
    else {
      seen.add(event.eventId);
      fresh.push(event);
    }
  }
  return { fresh, repeated };
}

/** Vendor times are stored as instants; every adapter returns them in `toISOString` form. */
export function canonicalTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`append: occurredAt is not a date: ${JSON.stringify(iso)}`);
  return new Date(ms).toISOString();
}

/** Stream categories are matched as stream id prefixes (`inquiry` matches `inquiry-…`), as KurrentDB filters do. */
export function categoryPrefixes(categories: string[] | undefined): string[] | undefined {
  return categories?.map((c) => `${c}-`);
}

/** What one item of an append writes: its new events after `base`, and its duplicates. */
export interface AppendPlan {
  item: AppendBatchItem;
  newOnes: NewEvent[];
  duplicates: string[];
  /** The stream's version before this item's events. */
  base: number;
}

/**
 * Plans an append against what the store holds: ids already stored are duplicates (reported before
 * any version check, so a redelivery with a stale expected version is still a duplicate), then
 * each item's expected version is checked against its stream's version so far. `versions` (stream
 * id -> current version) is advanced past each item's new events.
 */
export function planAppend(
  items: readonly AppendBatchItem[],
  isStored: (eventId: string) => boolean,
  versions: Map<string, number>,
): AppendPlan[] {
  const seen = new Set<string>();
  return items.map((item) => {
    const { fresh, repeated } = splitRepeats(item.events, seen);
    const newOnes = fresh.filter((e) => !isStored(e.eventId));
    const duplicates = [...repeated, ...fresh.filter((e) => isStored(e.eventId)).map((e) => e.eventId)];
    const current = versions.get(item.streamId) ?? 0;
    if (newOnes.length > 0) assertExpected(item.streamId, item.expectedVersion ?? 'any', current);
    versions.set(item.streamId, current + newOnes.length);
    return { item, newOnes, duplicates, base: current };
  });
}

/** The results of planned items once written; `positionOf` gives each written event's global position. */
export function appendResults(
  plans: readonly AppendPlan[],
  positionOf: (eventId: string) => bigint,
): AppendResult[] {
  return plans.map(({ item, newOnes, duplicates, base }) => ({
    streamId: item.streamId,
    version: base + newOnes.length,
    appended: newOnes.map((e, i) => ({
      eventId: e.eventId,
      streamVersion: base + i + 1,
      position: positionOf(e.eventId),
    })),
    duplicates,
  }));
}
