/**
 * The tracked fold (src/aggregates/tracked-fold.ts) must report exactly what one immer
 * produceWithPatches per event reports: the same changes, event for event, and an equal state.
 * Checked on the property generators' streams (shuffled, with redactions) and on whole
 * generated two-vendor feeds, every aggregate kind; each case also checks that the tracked fold
 * took the stream itself rather than handing it to immer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AggregateDefinition, BaseState } from '../../src/aggregates/aggregate.js';
import { foldChangesByPatches, selectForFold } from '../../src/aggregates/fold.js';
import { aggregateForStream } from '../../src/aggregates/registry.js';
import { trackedFold } from '../../src/aggregates/tracked-fold.js';
import { userProfile } from '../../src/aggregates/user-profile.js';
import { streamVendorId } from '../../src/events/streams.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import { recordAll } from '../support/given.js';
import { generateFeed } from '../projections/feed.js';
import { foldCases, profileRedaction, toEvents } from './arbitraries.js';

/** Both folds of one stream; JSON round trips compare values, not frozenness. */
function compare(def: AggregateDefinition<BaseState>, events: readonly RecordedEvent[]): number {
  const selected = selectForFold(events);
  if (selected.length === 0) return 0;
  const id = streamVendorId(selected[0]!.streamId);
  const reference = foldChangesByPatches(def, def.initial(id), selected);
  const tracked = trackedFold(def, def.initial(id), selected);
  expect(tracked, 'the tracked fold handed the stream to immer').toBeDefined();
  const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
  expect(tracked!.steps.map((s) => s.event.eventId)).toEqual(reference.steps.map((s) => s.event.eventId));
  tracked!.steps.forEach((step, i) => {
    expect(json(step.changes), `changes of ${step.event.type}`).toEqual(json(reference.steps[i]!.changes));
  });
  expect(json(tracked!.state)).toEqual(json(reference.state));
  return selected.length;
}

const cases = foldCases;

describe('tracked fold equals one produceWithPatches per event', () => {
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

  it('past the snapshot budget the rest of the stream goes to immer, with the same changes and state', () => {
    let stopped = 0;
    const feed = generateFeed({ people: 40, seed: 11, late: 0.2, duplicates: 0.05, redactions: 0.2 });
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of recordAll(feed)) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
    for (const [streamId, stream] of streams) {
      const def = aggregateForStream(streamId) as AggregateDefinition<BaseState> | undefined;
      if (!def) continue;
      const selected = selectForFold(stream);
      const id = streamVendorId(streamId);
      const reference = foldChangesByPatches(def, def.initial(id), selected);
      // A budget small enough that most states outgrow it after a few events.
      const tracked = trackedFold(def, def.initial(id), selected, 40)!;
      let { state, steps } = tracked;
      if (tracked.stoppedAt !== undefined) {
        stopped += 1;
        const rest = foldChangesByPatches(def, state, selected.slice(tracked.stoppedAt));
        state = rest.state;
        steps = [...steps, ...rest.steps];
      }
      const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
      expect(json(steps.map((s) => s.changes))).toEqual(json(reference.steps.map((s) => s.changes)));
      expect(json(state)).toEqual(json(reference.state));
    }
    expect(stopped).toBeGreaterThan(10);
  });

  it('a write into a frozen value hands the stream to immer, which copies on write', () => {
    const def = userProfile as unknown as AggregateDefinition<BaseState>;
    const frozenWriter: AggregateDefinition<BaseState> = {
      ...def,
      evolve: (draft) => {
        (draft.tags as string[]).push('x');
      },
    };
    const [event] = recordAll(toEvents({ steps: [profileRedaction], times: ['2024-01-01T00:00:00.000Z'] }));
    const initial = { ...def.initial('up_frozen'), tags: Object.freeze([]) as unknown as string[] };
    expect(trackedFold(frozenWriter, initial, [event!])).toBeUndefined();
    expect(foldChangesByPatches(frozenWriter, initial, [event!]).state.tags).toEqual(['x']);
  });
});
