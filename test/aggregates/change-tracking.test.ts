/**
 * The fold engine finds each event's changes two ways (src/aggregates/fold.ts): by comparing a
 * snapshot of the state before the event with the state after it, and, for states past the snapshot
 * budget, by one immer produceWithPatches per event. Both must report the same changes, event for
 * event, and an equal state. Checked on the property generators' streams (shuffled, with
 * redactions), on whole generated two-vendor feeds of every aggregate kind, and with a small budget
 * that hands most streams from one way to the other in the middle.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateDefinition, BaseState } from '../../src/aggregates/aggregate.js';
import { foldChangesFromStart, selectForFold } from '../../src/aggregates/fold.js';
import { aggregateForStream } from '../../src/aggregates/registry.js';
import { streamVendorId } from '../../src/events/streams.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import { recordAll } from '../support/given.js';
import { generateFeed } from '../projections/feed.js';
import { foldCases, toEvents } from './arbitraries.js';

const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** The stream folded by snapshots only, by patches only, and with `budget`; all must agree. */
function compare(
  def: AggregateDefinition<BaseState>,
  events: readonly RecordedEvent[],
  budget = Infinity,
): number {
  const selected = selectForFold(events);
  if (selected.length === 0) return 0;
  const id = streamVendorId(selected[0]!.streamId);
  const byPatches = foldChangesFromStart(def, id, selected, 0);
  const bySnapshots = foldChangesFromStart(def, id, selected, budget);
  expect(bySnapshots.steps.map((s) => s.event.eventId)).toEqual(byPatches.steps.map((s) => s.event.eventId));
  bySnapshots.steps.forEach((step, i) => {
    expect(json(step.changes), `changes of ${step.event.type}`).toEqual(json(byPatches.steps[i]!.changes));
  });
  expect(json(bySnapshots.state)).toEqual(json(byPatches.state));
  return selected.length;
}

const cases = foldCases;

describe('changes by snapshot equal one produceWithPatches per event', () => {
  for (const { name, def, stream, redaction } of cases) {
    it(`${name}: any arrival order, with and without a redaction`, () => {
      fc.assert(
        fc.property(
          stream().chain((g) =>
            fc.tuple(
              fc.constant(g),
              fc.shuffledSubarray(
                Array.from({ length: g.steps.length }, (_, i) => i),
                { minLength: g.steps.length, maxLength: g.steps.length },
              ),
              fc.option(fc.integer({ min: 0, max: g.steps.length })),
            ),
          ),
          ([generated, order, redactAt]) => {
            const events = toEvents(generated);
            const arrived: NewEvent[] = order.map((i) => events[i]!);
            if (redactAt !== null) {
              const times = generated.times.map((t) => Date.parse(t)).sort((a, b) => a - b);
              const at = times[redactAt] ?? times[times.length - 1]! + 2000;
              arrived.push(redaction.make(new Date(at - 500).toISOString()));
            }
            compare(def, recordAll(arrived));
          },
        ),
        { numRuns: 80 },
      );
    });
  }

  it('every stream of generated two-vendor feeds (late, duplicate and redacted deliveries)', () => {
    let events = 0;
    const kinds = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const feed = generateFeed({ people: 60, seed, late: 0.2, duplicates: 0.05, redactions: 0.2 });
      const streams = new Map<string, RecordedEvent[]>();
      for (const e of recordAll(feed)) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
      for (const [streamId, stream] of streams) {
        const def = aggregateForStream(streamId) as AggregateDefinition<BaseState> | undefined;
        if (!def) continue;
        kinds.add(def.kind);
        events += compare(def, stream);
      }
    }
    expect([...kinds].sort()).toEqual(['account', 'case', 'inquiry', 'user-profile']);
    expect(events).toBeGreaterThan(1000);
  });

  it('a small budget hands most streams to patches mid-stream, with the same changes and state', () => {
    const feed = generateFeed({ people: 40, seed: 11, late: 0.2, duplicates: 0.05, redactions: 0.2 });
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of recordAll(feed)) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
    let compared = 0;
    for (const [streamId, stream] of streams) {
      const def = aggregateForStream(streamId) as AggregateDefinition<BaseState> | undefined;
      if (!def) continue;
      // Small enough that most states outgrow it after a few events.
      compared += compare(def, stream, 40);
    }
    expect(compared).toBeGreaterThan(100);
  });
});
