/**
 * The SQL store's one-statement appends (one stream or several, every event value a scalar
 * parameter, one statement per size class) on PGlite and PostgreSQL: versions reported for items that write nothing, duplicates
 * across reruns, and concurrent writers creating one new stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createTestSchema, probePostgres } from '../support/postgres.js';
import { collect, newEvents, uniqueCategory } from './support.js';

const pg = await probePostgres();

const targets: {
  name: string;
  skip: boolean;
  open: () => Promise<{ store: SqlEventStore; drop?: () => Promise<void> }>;
}[] = [
  {
    name: 'PGlite',
    skip: false,
    open: async () => ({
      store: await SqlEventStore.open(await PgliteSqlClient.open(), { ownsClient: true }),
    }),
  },
  {
    name: 'PostgreSQL',
    skip: !pg.available,
    open: async () => {
      const schema = await createTestSchema(pg.url);
      const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 8 });
      return {
        store: await SqlEventStore.open(client, { schema: schema.schema, ownsClient: true }),
        drop: () => schema.drop(),
      };
    },
  },
];

for (const target of targets) {
  describe.skipIf(target.skip)(`one-statement appends on ${target.name}`, () => {
    let store: SqlEventStore;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ store, drop } = await target.open());
    });
    afterAll(async () => {
      await store?.close();
      await drop?.();
    });

    it('an item without new events reports its stream version beside an item that writes', async () => {
      const id = `${uniqueCategory('one')}-s`;
      await store.append(id, newEvents(id, 2));
      const more = newEvents(id, 3);
      const [empty, written, repeated] = await store.appendBatch([
        { streamId: id, events: [] },
        { streamId: id, events: more },
        { streamId: id, events: [more[0]!] },
      ]);
      expect(empty!.version).toBe(2);
      expect(written!.appended.map((a) => a.streamVersion)).toEqual([3, 4, 5]);
      expect(written!.version).toBe(5);
      expect(repeated).toMatchObject({ version: 5, appended: [], duplicates: [more[0]!.eventId] });
      expect(await store.streamVersion(id)).toBe(5);
    });

    it('several streams in one statement: existing and new, with a stored id among them', async () => {
      const category = uniqueCategory('many');
      const a = `${category}-a`;
      const b = `${category}-b`;
      const [first] = newEvents(a, 1);
      await store.append(a, [first!]);
      const aMore = newEvents(a, 2);
      const bNew = newEvents(b, 2);
      const results = await store.appendBatch([
        { streamId: b, events: [] },
        { streamId: a, events: [first!, ...aMore] },
        { streamId: b, events: bNew },
      ]);
      expect(results[0]!.version).toBe(0);
      expect(results[1]).toMatchObject({ version: 3, duplicates: [first!.eventId] });
      expect(results[1]!.appended.map((x) => x.streamVersion)).toEqual([2, 3]);
      expect(results[2]!.appended.map((x) => x.streamVersion)).toEqual([1, 2]);
      const positions = [...results[1]!.appended, ...results[2]!.appended].map((x) => x.position);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      expect((await collect(store.readStream(a))).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(await store.streamVersion(b)).toBe(2);
    });

    it('several streams at and past each size class boundary: every event stored, interleaved streams numbered in order', async () => {
      for (const count of [2, 3, 16, 17, 128]) {
        const category = uniqueCategory(`size${count}`);
        const ids = [`${category}-b`, `${category}-a`, `${category}-c`];
        const perStream = ids.map((id, i) => newEvents(id, Math.floor(count / 3) + (i < count % 3 ? 1 : 0)));
        // One item per event, the streams interleaved, as a group commit hands them over.
        const items = [];
        for (let k = 0; items.length < count; k++)
          for (const events of perStream)
            if (events[k]) items.push({ streamId: events[k]!.streamId, events: [events[k]!] });
        const results = await store.appendBatch(items);
        expect(results.flatMap((r) => r.appended)).toHaveLength(count);
        for (const events of perStream) {
          if (events.length === 0) continue;
          const read = await collect(store.readStream(events[0]!.streamId));
          expect(read.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
          expect(read.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
        }
      }
    });

    it('concurrent appends creating one new stream number its events without holes', async () => {
      const id = `${uniqueCategory('race')}-s`;
      const batches = Array.from({ length: 8 }, () => newEvents(id, 3));
      await Promise.all(batches.map((events) => store.append(id, events)));
      const read = await collect(store.readStream(id));
      expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      expect(await store.streamVersion(id)).toBe(24);
    });
  });
}
