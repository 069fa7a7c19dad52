/**
 * Checks shared by every adapter before an append touches storage: the events belong to the
 * stream they are appended to, and ids repeated inside one call are stored once.
 */
import type { NewEvent } from '../events/types.js';
import type { AppendBatchItem } from './event-store.js';
import { validateExpected } from './expected-version.js';

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
