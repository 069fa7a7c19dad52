/**
 * The one contract every EventStore adapter passes. Each adapter's test file calls
 * `eventStoreContract` with a factory; tests share one store per file and keep apart by using
 * stream categories no other test uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import {
  ConcurrencyError,
  START,
  type EventBatch,
  type EventStore,
  type ExpectedVersion,
} from '../../src/store/event-store.js';
import { collect, newEvent, newEvents, uniqueCategory } from './support.js';

export interface ContractTarget {
  store: EventStore;
  cleanup?: () => Promise<void>;
}

/** Concurrency of the N x M test; slow servers may lower it. */
export interface ContractOptions {
  workers?: number;
  appendsPerWorker?: number;
}

/** What a store gives back of a written event: all of it but the category, which is the stream's. */
function stored(event: NewEvent): Omit<NewEvent, 'occurredAt' | 'category'> & { occurredAt: string } {
  const { category: _category, ...rest } = event;
  return { ...rest, occurredAt: new Date(event.occurredAt).toISOString() };
}

function withoutStoreFields(e: RecordedEvent): Omit<NewEvent, 'category'> {
  const { streamVersion: _v, position: _p, recordedAt: _r, ...rest } = e;
  return rest;
}

async function expectConflict(
  promise: Promise<unknown>,
  expected: ExpectedVersion,
  actual: number | 'no-stream',
) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect((error as ConcurrencyError).expected).toBe(expected);
  expect((error as ConcurrencyError).actual).toBe(actual);
}

export function eventStoreContract(
  name: string,
  open: () => Promise<ContractTarget>,
  options: ContractOptions = {},
) {
  describe(`EventStore contract: ${name}`, () => {
    let target: ContractTarget;
    let store: EventStore;

    beforeAll(async () => {
      target = await open();
      store = target.store;
    });
    afterAll(async () => {
      await store?.close();
      await target?.cleanup?.();
    });

    const stream = (label?: string) => `${uniqueCategory(label)}-s1`;

    it('appends and reads a stream back in order with every field intact', async () => {
      const id = stream();
      const events = newEvents(id, 3);
      const result = await store.append(id, events);
      expect(result.version).toBe(3);
      expect(result.duplicates).toEqual([]);
      expect(result.appended.map((a) => a.streamVersion)).toEqual([1, 2, 3]);
      const positions = result.appended.map((a) => a.position);
      expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!).toBe(true);

      const read = await collect(store.readStream(id));
      expect(read.map(withoutStoreFields)).toEqual(events.map(stored));
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.position)).toEqual(positions);
      for (const e of read) expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false);
      expect(await store.streamVersion(id)).toBe(3);
      expect(await store.streamVersion(`${id}-missing`)).toBe(0);
    });

    it('continues versions across appends and keeps streams apart', async () => {
      const a = stream();
      const b = stream();
      await store.append(a, newEvents(a, 2));
      await store.append(b, newEvents(b, 1));
      const more = await store.append(a, newEvents(a, 2));
      expect(more.version).toBe(4);
      expect(more.appended.map((x) => x.streamVersion)).toEqual([3, 4]);
      expect((await collect(store.readStream(a))).map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
      expect((await collect(store.readStream(b))).map((e) => e.streamId)).toEqual([b]);
    });

    it('reads a stream with from, to, direction and limit', async () => {
      const id = stream();
      await store.append(id, newEvents(id, 6));
      const versions = async (o: Parameters<EventStore['readStream']>[1]) =>
        (await collect(store.readStream(id, o))).map((e) => e.streamVersion);
      expect(await versions({ from: 3 })).toEqual([3, 4, 5, 6]);
      expect(await versions({ from: 2, to: 4 })).toEqual([2, 3, 4]);
      expect(await versions({ limit: 2 })).toEqual([1, 2]);
      expect(await versions({ direction: 'backwards' })).toEqual([6, 5, 4, 3, 2, 1]);
      expect(await versions({ direction: 'backwards', from: 4, limit: 2 })).toEqual([4, 3]);
      expect(await versions({ direction: 'backwards', from: 5, to: 3 })).toEqual([5, 4, 3]);
      expect(await collect(store.readStream(`${id}-nothing`))).toEqual([]);
    });

    describe('expected versions', () => {
      it("'no-stream' creates, then conflicts once the stream exists", async () => {
        const id = stream();
        expect((await store.append(id, [newEvent(id)], { expectedVersion: 'no-stream' })).version).toBe(1);
        await expectConflict(
          store.append(id, [newEvent(id)], { expectedVersion: 'no-stream' }),
          'no-stream',
          1,
        );
        expect(await store.streamVersion(id)).toBe(1);
      });

      it("'exists' conflicts on a missing stream and appends to an existing one", async () => {
        const id = stream();
        await expectConflict(
          store.append(id, [newEvent(id)], { expectedVersion: 'exists' }),
          'exists',
          'no-stream',
        );
        await store.append(id, [newEvent(id)]);
        expect((await store.append(id, [newEvent(id)], { expectedVersion: 'exists' })).version).toBe(2);
      });

      it('an exact version must equal the current one; 0 means the stream is new', async () => {
        const id = stream();
        await expectConflict(store.append(id, [newEvent(id)], { expectedVersion: 1 }), 1, 'no-stream');
        expect((await store.append(id, newEvents(id, 2), { expectedVersion: 0 })).version).toBe(2);
        await expectConflict(store.append(id, [newEvent(id)], { expectedVersion: 0 }), 0, 2);
        await expectConflict(store.append(id, [newEvent(id)], { expectedVersion: 1 }), 1, 2);
        await expectConflict(store.append(id, [newEvent(id)], { expectedVersion: 3 }), 3, 2);
        expect((await store.append(id, [newEvent(id)], { expectedVersion: 2 })).version).toBe(3);
        expect(await store.streamVersion(id)).toBe(3);
      });

      it("'any' appends whatever the version", async () => {
        const id = stream();
        await store.append(id, [newEvent(id)], { expectedVersion: 'any' });
        expect((await store.append(id, [newEvent(id)], { expectedVersion: 'any' })).version).toBe(2);
      });

      it('a failed append writes nothing', async () => {
        const id = stream();
        await store.append(id, newEvents(id, 1));
        const rejected = newEvents(id, 2);
        await expectConflict(store.append(id, rejected, { expectedVersion: 5 }), 5, 1);
        expect(await store.hasEvent(rejected[0]!.eventId)).toBe(false);
        expect((await collect(store.readStream(id))).length).toBe(1);
      });
    });

    describe('duplicates by event id', () => {
      it('reports a redelivered event as a duplicate and stores it once', async () => {
        const id = stream();
        const event = newEvent(id);
        await store.append(id, [event]);
        const again = await store.append(id, [event]);
        expect(again).toEqual({ streamId: id, version: 1, appended: [], duplicates: [event.eventId] });
        expect((await collect(store.readStream(id))).length).toBe(1);
        expect(await store.hasEvent(event.eventId)).toBe(true);
        expect(await store.hasEvent(`${event.eventId}-never`)).toBe(false);
      });

      it('a duplicate sent with a stale expected version is a duplicate, not a conflict', async () => {
        const id = stream();
        const first = newEvent(id);
        await store.append(id, [first], { expectedVersion: 'no-stream' });
        await store.append(id, newEvents(id, 2));
        const retry = await store.append(id, [first], { expectedVersion: 'no-stream' });
        expect(retry.duplicates).toEqual([first.eventId]);
        expect(retry.version).toBe(3);
        const exact = await store.append(id, [first], { expectedVersion: 0 });
        expect(exact.duplicates).toEqual([first.eventId]);
      });

      it('stores new events and skips known ones in one append, and repeats inside one call once', async () => {
        const id = stream();
        const known = newEvent(id);
        await store.append(id, [known]);
        const fresh = newEvent(id);
        const result = await store.append(id, [known, fresh, fresh]);
        expect(result.appended.map((a) => [a.eventId, a.streamVersion])).toEqual([[fresh.eventId, 2]]);
        expect([...result.duplicates].sort()).toEqual([known.eventId, fresh.eventId].sort());
        expect((await collect(store.readStream(id))).map((e) => e.eventId)).toEqual([
          known.eventId,
          fresh.eventId,
        ]);
      });

      it('an event id stored in one stream is a duplicate in another', async () => {
        const a = stream();
        const b = stream();
        const event = newEvent(a);
        await store.append(a, [event]);
        const result = await store.append(b, [{ ...event, streamId: b }]);
        expect(result.duplicates).toEqual([event.eventId]);
        expect(await store.streamVersion(b)).toBe(0);
      });
    });

    it('rejects events that name another stream', async () => {
      const id = stream();
      await expect(store.append(id, [newEvent(`${id}-other`)])).rejects.toThrow(TypeError);
    });

    it('readStream with raw: false returns the same events, each with its body or none', async () => {
      const id = stream();
      const events = newEvents(id, 3);
      await store.append(id, events);
      const full = await collect(store.readStream(id));
      const lean = await collect(store.readStream(id, { raw: false }));
      expect(lean.map((e) => ({ ...e, raw: '' }))).toEqual(full.map((e) => ({ ...e, raw: '' })));
      lean.forEach((e, i) => expect(['', events[i]!.raw]).toContain(e.raw));
    });

    describe('appendBatch', () => {
      it('appends to many streams in one call', async () => {
        const cat = uniqueCategory();
        const ids = [`${cat}-a`, `${cat}-b`, `${cat}-c`];
        const results = await store.appendBatch(
          ids.map((id, i) => ({ streamId: id, events: newEvents(id, i + 1) })),
        );
        expect(results.map((r) => [r.streamId, r.version])).toEqual([
          [ids[0], 1],
          [ids[1], 2],
          [ids[2], 3],
        ]);
        const all = await collect(store.readAll({ filter: { categories: [cat] } }));
        expect(all.length).toBe(6);
      });

      it('is all or nothing: one conflicting item leaves every stream untouched', async () => {
        const cat = uniqueCategory();
        const a = `${cat}-a`;
        const b = `${cat}-b`;
        await store.append(b, [newEvent(b)]);
        const batchEvents = newEvents(a, 2);
        await expect(
          store.appendBatch([
            { streamId: a, events: batchEvents, expectedVersion: 'no-stream' },
            { streamId: b, events: [newEvent(b)], expectedVersion: 'no-stream' },
          ]),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion(a)).toBe(0);
        expect(await store.streamVersion(b)).toBe(1);
        expect(await store.hasEvent(batchEvents[0]!.eventId)).toBe(false);
      });

      it('a batch mixing stored and new ids over several streams stores the new ones with contiguous versions', async () => {
        const cat = uniqueCategory();
        const a = `${cat}-a`;
        const b = `${cat}-b`;
        const storedA = newEvents(a, 2);
        await store.append(a, storedA);
        const freshA = newEvents(a, 2);
        const freshB = newEvents(b, 2);
        const [ra, rb, ra2] = await store.appendBatch([
          { streamId: a, events: [storedA[1]!, freshA[0]!, storedA[0]!] },
          { streamId: b, events: freshB },
          { streamId: a, events: [freshA[1]!] },
        ]);
        expect(ra!.duplicates.sort()).toEqual([storedA[0]!.eventId, storedA[1]!.eventId].sort());
        expect(ra!.appended.map((e) => [e.eventId, e.streamVersion])).toEqual([[freshA[0]!.eventId, 3]]);
        expect(rb!.appended.map((e) => e.streamVersion)).toEqual([1, 2]);
        expect(ra2!.appended.map((e) => [e.eventId, e.streamVersion])).toEqual([[freshA[1]!.eventId, 4]]);
        expect(ra2!.version).toBe(4);
        const read = await collect(store.readStream(a));
        expect(read.map((e) => e.eventId)).toEqual([...storedA, ...freshA].map((e) => e.eventId));
      });

      it('two items for one stream continue each other', async () => {
        const id = stream();
        const [first, second] = await store.appendBatch([
          { streamId: id, events: newEvents(id, 2), expectedVersion: 'no-stream' },
          { streamId: id, events: newEvents(id, 1), expectedVersion: 2 },
        ]);
        expect(first!.version).toBe(2);
        expect(second!.appended[0]!.streamVersion).toBe(3);
      });
    });

    it('concurrent appenders to one stream with retry on conflict end with N x M events and no holes', async () => {
      const id = stream('conc');
      const workers = options.workers ?? 4;
      const perWorker = options.appendsPerWorker ?? 10;
      let conflicts = 0;
      const worker = async () => {
        for (let i = 0; i < perWorker; i++) {
          const event = newEvent(id);
          for (;;) {
            const version = await store.streamVersion(id);
            try {
              await store.append(id, [event], { expectedVersion: version === 0 ? 'no-stream' : version });
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              conflicts += 1;
            }
          }
        }
      };
      await Promise.all(Array.from({ length: workers }, worker));
      const read = await collect(store.readStream(id));
      expect(read.length).toBe(workers * perWorker);
      expect(read.map((e) => e.streamVersion)).toEqual(
        Array.from({ length: workers * perWorker }, (_, i) => i + 1),
      );
      expect(new Set(read.map((e) => e.eventId)).size).toBe(workers * perWorker);
      expect(await store.streamVersion(id)).toBe(workers * perWorker);
      expect(conflicts).toBeGreaterThanOrEqual(0);
    });

    it("concurrent 'any' appends to new and shared streams, with overlapping event ids, store each event once and number every stream without holes", async () => {
      const shared = stream('any');
      const fresh = Array.from({ length: 3 }, (_, i) => `${uniqueCategory('anyn')}-s${i}`);
      const sharedEvents = newEvents(shared, 12);
      const freshEvents = fresh.map((id) => newEvents(id, 4));
      const workers = options.workers ?? 4;
      // Every worker sends every event, in its own order and batches: each id must land exactly once.
      const worker = async (w: number) => {
        const outcomes: { appended: string[]; duplicates: string[] }[] = [];
        for (let i = 0; i < 4; i++) {
          const pick = <T>(list: T[]) => list.filter((_, j) => (j + w + i) % 4 === i % 4 || j % 4 === i);
          const results = await store.appendBatch([
            { streamId: shared, events: pick(sharedEvents) },
            ...fresh.map((id, k) => ({ streamId: id, events: pick(freshEvents[k]!) })),
          ]);
          for (const r of results)
            outcomes.push({ appended: r.appended.map((a) => a.eventId), duplicates: r.duplicates });
        }
        return outcomes;
      };
      const outcomes = (await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)))).flat();
      for (const [id, events] of [[shared, sharedEvents], ...fresh.map((f, k) => [f, freshEvents[k]!])] as [
        string,
        NewEvent[],
      ][]) {
        const read = await collect(store.readStream(id));
        expect(read.map((e) => e.streamVersion)).toEqual(read.map((_, i) => i + 1));
        expect(read.map((e) => e.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
        expect(await store.streamVersion(id)).toBe(events.length);
      }
      // Exactly one call reported each event as appended.
      const appended = outcomes.flatMap((o) => o.appended);
      expect(appended.length).toBe(new Set(appended).size);
      expect(appended.length).toBe(sharedEvents.length + freshEvents.flat().length);
    });

    describe('readAll', () => {
      it('yields the global order with checkpoints that resume exactly after an event', async () => {
        const cat = uniqueCategory();
        const a = `${cat}-a`;
        const b = `${cat}-b`;
        const appended = [
          ...(await store.append(a, newEvents(a, 2))).appended,
          ...(await store.append(b, newEvents(b, 3))).appended,
          ...(await store.append(a, newEvents(a, 1))).appended,
        ];
        const all = await collect(store.readAll({ filter: { categories: [cat] }, batchSize: 2 }));
        expect(all.map((g) => g.event.eventId)).toEqual(appended.map((x) => x.eventId));
        expect(all.map((g) => g.event.position)).toEqual(appended.map((x) => x.position));
        for (const g of all) expect(typeof g.checkpoint).toBe('string');

        const rest = await collect(
          store.readAll({ after: all[2]!.checkpoint, filter: { categories: [cat] } }),
        );
        expect(rest.map((g) => g.event.eventId)).toEqual(appended.slice(3).map((x) => x.eventId));
        const none = await collect(
          store.readAll({ after: all[5]!.checkpoint, filter: { categories: [cat] } }),
        );
        expect(none).toEqual([]);
      });

      it('pages in order across a decimal-digit boundary of positions (numeric, not text, order)', async () => {
        const cat = uniqueCategory();
        const items = Array.from({ length: 110 }, (_, i) => ({
          streamId: `${cat}-${i}`,
          events: newEvents(`${cat}-${i}`, 10),
        }));
        const results = await store.appendBatch(items);
        const expected = results.flatMap((r) => r.appended.map((a) => a.eventId));
        const read = await collect(store.readAll({ filter: { categories: [cat] }, batchSize: 250 }));
        expect(read.map((g) => g.event.eventId)).toEqual(expected);
      });

      it('headCheckpoint is where the last event left off', async () => {
        const id = stream();
        await store.append(id, newEvents(id, 2));
        const head = await store.headCheckpoint();
        expect(head).not.toBe(START);
        expect(await collect(store.readAll({ after: head }))).toEqual([]);
        await store.append(id, newEvents(id, 1));
        const after = await collect(store.readAll({ after: head }));
        expect(after.map((g) => g.event.streamVersion)).toEqual([3]);
      });

      it('filters by category prefix and by type', async () => {
        const catA = uniqueCategory();
        const catB = uniqueCategory();
        const a = `${catA}-x_1`;
        const b = `${catB}-y_1`;
        await store.append(a, [
          newEvent(a, { type: 'inquiry.created' }),
          newEvent(a, { type: 'inquiry.completed' }),
        ]);
        await store.append(b, [newEvent(b, { type: 'inquiry.created' })]);
        const onlyA = await collect(store.readAll({ filter: { categories: [catA] } }));
        expect(onlyA.map((g) => g.event.streamId)).toEqual([a, a]);
        const both = await collect(
          store.readAll({ filter: { categories: [catA, catB], types: ['inquiry.created'] } }),
        );
        expect(both.map((g) => g.event.streamId)).toEqual([a, b]);
        const none = await collect(store.readAll({ filter: { categories: [catA], types: ['no.such'] } }));
        expect(none).toEqual([]);
        // A category is a whole prefix segment: `catA` does not match a stream of `catA` + 'z'.
        const lookalike = `${catA}z-1`;
        await store.append(lookalike, [newEvent(lookalike)]);
        expect((await collect(store.readAll({ filter: { categories: [catA] } }))).length).toBe(2);
      });
    });

    describe('raw: false (leave out the delivery body)', () => {
      it('readAll returns the same events, in the same order, with checkpoints that resume the same way, and raw empty', async () => {
        const cat = uniqueCategory();
        const items = [0, 1, 2].map((i) => ({
          streamId: `${cat}-${i}`,
          events: newEvents(`${cat}-${i}`, 3),
        }));
        await store.appendBatch(items);
        const filter = { categories: [cat] };
        const full = await collect(store.readAll({ filter, batchSize: 4 }));
        const lean = await collect(store.readAll({ filter, batchSize: 4, raw: false }));
        expect(full).toHaveLength(9);
        // readAll hands out exactly what readStream does (adapters may map the two paths apart).
        const streams = await Promise.all(items.map((i) => collect(store.readStream(i.streamId))));
        const byId = new Map(streams.flat().map((e) => [e.eventId, e]));
        for (const g of full) expect(g.event).toEqual(byId.get(g.event.eventId));
        // The default keeps the body exactly as appended.
        const sent = new Map(items.flatMap((i) => i.events).map((e) => [e.eventId, e.raw]));
        for (const g of full) expect(g.event.raw).toBe(sent.get(g.event.eventId));
        expect(lean.map((g) => g.event.raw)).toEqual(lean.map(() => ''));
        expect(lean.map((g) => g.checkpoint)).toEqual(full.map((g) => g.checkpoint));
        expect(lean.map((g) => ({ ...g.event, raw: '' }))).toEqual(
          full.map((g) => ({ ...g.event, raw: '' })),
        );
        const rest = await collect(store.readAll({ after: lean[4]!.checkpoint, filter, raw: false }));
        expect(rest.map((g) => g.event.eventId)).toEqual(full.slice(5).map((g) => g.event.eventId));
        expect(rest.every((g) => g.event.raw === '')).toBe(true);
        // The stored body is untouched: a default read still has it.
        const [again] = await collect(store.readStream(`${cat}-0`, { limit: 1 }));
        expect(again!.raw).toBe(items[0]!.events[0]!.raw);
      });

      it('a subscription with raw: false delivers every event once, in order, with raw empty', async () => {
        const cat = uniqueCategory();
        const id = `${cat}-s`;
        const events = newEvents(id, 3);
        await store.append(id, events);
        const seen: RecordedEvent[] = [];
        const subscription = store.subscribe(
          { filter: { categories: [cat] }, batchSize: 2, raw: false },
          async (batch: EventBatch) => {
            seen.push(...batch.events);
          },
        );
        try {
          await subscription.caughtUp();
          await store.append(id, newEvents(id, 1));
          await subscription.caughtUp();
        } finally {
          await subscription.stop();
        }
        expect(seen.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4]);
        expect(seen.map((e) => e.eventId).slice(0, 3)).toEqual(events.map((e) => e.eventId));
        expect(seen.every((e) => e.raw === '')).toBe(true);
        expect(seen[0]!.data).toEqual(events[0]!.data);
      });
    });

    it('a subscription catches up, then follows live appends, each event once and in order', async () => {
      const cat = uniqueCategory();
      const id = `${cat}-s`;
      const other = `${uniqueCategory()}-s`;
      await store.append(id, newEvents(id, 3));
      const seen: RecordedEvent[] = [];
      const checkpoints: string[] = [];
      const subscription = store.subscribe(
        { filter: { categories: [cat] }, batchSize: 2 },
        async (batch: EventBatch) => {
          seen.push(...batch.events);
          checkpoints.push(batch.checkpoint);
        },
      );
      try {
        await subscription.caughtUp();
        expect(seen.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
        await store.append(id, newEvents(id, 2));
        await store.append(other, newEvents(other, 1));
        await store.appendBatch([{ streamId: id, events: newEvents(id, 2) }]);
        await subscription.caughtUp();
        expect(seen.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(seen.every((e) => e.streamId === id)).toBe(true);
        const resumed = await collect(
          store.readAll({ after: checkpoints[checkpoints.length - 1]!, filter: { categories: [cat] } }),
        );
        expect(resumed).toEqual([]);
      } finally {
        await subscription.stop();
      }
    });

    it('a subscription started from a checkpoint delivers only what follows it', async () => {
      const id = stream();
      await store.append(id, newEvents(id, 2));
      const head = await store.headCheckpoint();
      await store.append(id, newEvents(id, 2));
      const seen: number[] = [];
      const subscription = store.subscribe({ after: head }, async (batch) => {
        for (const e of batch.events) if (e.streamId === id) seen.push(e.streamVersion);
      });
      try {
        await subscription.caughtUp();
        expect(seen).toEqual([3, 4]);
      } finally {
        await subscription.stop();
      }
    });

    it('stores a 1 MB payload intact', async () => {
      const id = stream();
      const big = 'x'.repeat(1024 * 1024);
      const event = newEvent(id, {
        raw: JSON.stringify({ big }),
        data: { big, list: Array.from({ length: 1000 }, (_, i) => i) },
      });
      await store.append(id, [event]);
      const [read] = await collect(store.readStream(id));
      expect(read!.raw.length).toBe(event.raw.length);
      expect(read!.raw).toBe(event.raw);
      expect(read!.data).toEqual(event.data);
    });

    it('handles unicode and odd stream ids: quotes, slashes, percent, underscores, emoji', async () => {
      const cat = uniqueCategory();
      const ids = [`${cat}-it's "quoted"`, `${cat}-a/b\\c`, `${cat}-100%_done`, `${cat}-ünï-😀-日本`];
      for (const id of ids) {
        const event = newEvent(id, {
          data: { name: 'Zoë 😀 日本語', quote: `"'\\`, nul: 'a\u00e9' },
          raw: '{"name":"Zoë 😀 日本語"}',
          actor: 'José 🚀',
        });
        await store.append(id, [event], { expectedVersion: 'no-stream' });
        const [read] = await collect(store.readStream(id));
        expect(read!.streamId).toBe(id);
        expect(read!.data).toEqual(event.data);
        expect(read!.raw).toBe(event.raw);
        expect(read!.actor).toBe('José 🚀');
        expect(await store.streamVersion(id)).toBe(1);
      }
      const all = await collect(store.readAll({ filter: { categories: [cat] } }));
      expect(all.map((g) => g.event.streamId)).toEqual(ids);
      // `%` and `_` in a category are literal, not LIKE wildcards.
      const wild = `${cat}%_w-1`;
      await store.append(wild, [newEvent(wild)]);
      expect(await collect(store.readAll({ filter: { categories: [`${cat}%_w`] } }))).toHaveLength(1);
      expect(await collect(store.readAll({ filter: { categories: [`${cat}__w`] } }))).toHaveLength(0);
    });

    it('answers ping', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
