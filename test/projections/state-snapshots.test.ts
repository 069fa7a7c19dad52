/**
 * Time travel with fold snapshots equals a full fold: streams generated as in the fold property
 * tests, delivered out of occurrence order in several appends (so late events invalidate
 * snapshots), queried after every append at random times and versions, with snapshots every few
 * events. And once a subject is redacted, neither the answer nor the snapshot store holds PII.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, type FoldOptions } from '../../src/aggregates/fold.js';
import type { AggregateDefinition, BaseState } from '../../src/aggregates/aggregate.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import type { EventStore } from '../../src/store/event-store.js';
import { MemorySnapshots } from '../../src/projections/snapshots/memory-snapshots.js';
import { SqlSnapshots } from '../../src/projections/snapshots/sql-snapshots.js';
import type { SnapshotStore } from '../../src/projections/snapshots/snapshot-store.js';
import { stateAt } from '../../src/projections/snapshots/state-at.js';
import { streamVendorId } from '../../src/events/streams.js';
import { foldCases, toEvents } from '../aggregates/arbitraries.js';

const EVERY = 3;

async function stored(store: EventStore, streamId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(streamId)) events.push(e);
  return events;
}

interface Query {
  /** Index into the stored events' times, or null for no asOf; -1 before everything. */
  at: number | null;
  version: number | null;
}

const query = fc.record({
  at: fc.option(fc.integer({ min: -1, max: 60 }), { nil: null }),
  version: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
});

async function check(
  def: AggregateDefinition<BaseState>,
  store: EventStore,
  snapshots: SnapshotStore,
  streamId: string,
  q: Query,
): Promise<BaseState | null> {
  const events = await stored(store, streamId);
  const times = events.map((e) => Date.parse(e.occurredAt)).sort((a, b) => a - b);
  const asOf = q.at === null ? undefined : q.at < 0 ? times[0]! - 1 : times[Math.min(q.at, times.length - 1)];
  const version = q.version === null ? undefined : Math.min(q.version, events.length + 1);
  const id = streamVendorId(streamId);
  const options: FoldOptions = {
    id,
    ...(asOf !== undefined ? { asOf: new Date(asOf) } : {}),
    ...(version !== undefined ? { version } : {}),
  };
  const fromSnapshots = await stateAt(
    store,
    snapshots,
    {
      def,
      streamId,
      id,
      ...(asOf !== undefined ? { asOf } : {}),
      ...(version !== undefined ? { version } : {}),
    },
    EVERY,
  );
  expect(fromSnapshots).toEqual(fold(def, events, options));
  return fromSnapshots;
}

/** `events` in a shuffled order, cut into a few appends. */
const deliveries = (count: number) =>
  fc.tuple(
    fc.shuffledSubarray(
      Array.from({ length: count }, (_, i) => i),
      { minLength: count, maxLength: count },
    ),
    fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }),
    // Mostly in occurrence order (snapshots are taken), sometimes shuffled (late events).
    fc.boolean(),
  );

for (const { name, def, stream, redaction } of foldCases) {
  describe(`state from snapshots: ${name}`, () => {
    it('equals a full fold at any time and version, after every append, with late events', async () => {
      await fc.assert(
        fc.asyncProperty(
          stream().chain((g) =>
            fc.tuple(
              fc.constant(g),
              deliveries(g.steps.length),
              fc.array(query, { minLength: 1, maxLength: 4 }),
            ),
          ),
          async ([generated, [order, cuts, shuffled], queries]) => {
            const events = toEvents(generated);
            const arrived = shuffled
              ? order.map((i) => events[i]!)
              : [...events].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
            const store = new MemoryEventStore();
            const snapshots = new MemorySnapshots();
            const streamId = events[0]!.streamId;
            let next = 0;
            for (let c = 0; next < arrived.length; c++) {
              const size = cuts[c % cuts.length]!;
              await store.append(streamId, arrived.slice(next, next + size));
              next += size;
              for (const q of queries) await check(def, store, snapshots, streamId, q);
            }
            await store.close();
          },
        ),
        { numRuns: 40 },
      );
    });

    it('after a redaction no answer and no stored snapshot holds PII', async () => {
      await fc.assert(
        fc.asyncProperty(
          stream().chain((g) => fc.tuple(fc.constant(g), fc.array(query, { minLength: 1, maxLength: 4 }))),
          async ([generated, queries]) => {
            const events = toEvents(generated);
            const store = new MemoryEventStore();
            const snapshots = new MemorySnapshots();
            const streamId = events[0]!.streamId;
            await store.append(streamId, events);
            // Snapshots are taken before the redaction arrives.
            for (const q of queries) await check(def, store, snapshots, streamId, q);
            const last = Math.max(...generated.times.map((t) => Date.parse(t)));
            const redact: NewEvent = redaction.make(new Date(last + 1000).toISOString());
            await store.append(streamId, [redact]);
            const pii = generated.steps.flatMap((s) => s.pii);
            for (const q of [...queries, { at: null, version: 1 }, { at: 0, version: null }]) {
              const json = JSON.stringify(await check(def, store, snapshots, streamId, q));
              for (const value of pii) expect(json).not.toContain(value);
            }
            expect(await snapshots.list(streamId)).toBeNull();
            await store.close();
          },
        ),
        { numRuns: 30 },
      );
    });
  });
}

describe('state from snapshots on PGlite (the snapshot table)', () => {
  it('equals a full fold, and snapshots survive a new reader', async () => {
    const { def, stream } = foldCases[0]!;
    const [generated] = fc.sample(
      stream().filter((g) => g.steps.length >= 12),
      { numRuns: 1, seed: 16 },
    );
    const client = await PgliteSqlClient.open();
    try {
      const store = await SqlEventStore.open(client);
      // In occurrence order, so every third version can be a snapshot.
      const events = toEvents(generated!).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
      const streamId = events[0]!.streamId;
      await store.append(streamId, events.slice(0, 8));
      const first = await SqlSnapshots.open(client);
      for (const version of [1, 4, 7, 8]) await check(def, store, first, streamId, { at: null, version });
      expect((await first.list(streamId))?.snapshots.map((s) => s.n)).toEqual([3, 6]);
      await store.append(streamId, events.slice(8));
      const second = await SqlSnapshots.open(client);
      for (const q of [
        { at: 2, version: null },
        { at: 9, version: 5 },
        { at: null, version: events.length },
      ])
        await check(def, store, second, streamId, q);
    } finally {
      await client.close();
    }
  });
});
