/**
 * The bulk path folds each stream once, whole, from its first event (src/projections/read-models/
 * bulk.ts, through foldChangesOnto); the aggregates' foldWithChanges is the reference for what
 * each event changed. On generated streams both must apply the same events in the same order,
 * with the same changes per event, and end in the same state as fold().
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/aggregates/aggregate.js';
import { fold, foldWithChanges } from '../../src/aggregates/fold.js';
import { aggregateForStream, type AggregateState } from '../../src/aggregates/registry.js';
import { streamVendorId } from '../../src/events/streams.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import { foldChangesOnto } from '../../src/projections/read-models/fold-changes.js';
import { recordAll } from '../support/given.js';
import { generateFeed } from './feed.js';

/** foldWithChanges lists changes in path order; a timeline row keeps immer's patch order. */
const byPath = (changes: readonly Change[]): Change[] =>
  [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

describe('bulk fold changes', () => {
  it('equal foldWithChanges event for event, on generated streams in any arrival order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (seed, late, redactions) => {
          const seen = new Set<string>();
          const feed: NewEvent[] = [];
          for (const e of generateFeed({ people: 3, seed, late, duplicates: 0.2, redactions })) {
            if (seen.has(e.eventId)) continue;
            seen.add(e.eventId);
            feed.push(e);
          }
          const streams = new Map<string, RecordedEvent[]>();
          for (const e of recordAll(feed)) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
          let checked = 0;
          for (const [streamId, events] of streams) {
            const def = aggregateForStream(streamId);
            if (!def) continue;
            // The bulk path reads a stream in stream-version order; the fold sorts it into occurrence order.
            const bulk = foldChangesOnto(
              def,
              def.initial(streamVendorId(streamId)) as AggregateState,
              events,
            );
            const reference = foldWithChanges(def, events);
            expect(bulk.steps.map((s) => s.event.eventId)).toEqual(reference.map((r) => r.event.eventId));
            bulk.steps.forEach((step, i) => expect(byPath(step.changes)).toEqual(reference[i]!.changes));
            expect(bulk.state).toEqual(fold(def, events));
            checked += 1;
          }
          expect(checked).toBeGreaterThanOrEqual(9);
        },
      ),
      { numRuns: 40 },
    );
  });
});
