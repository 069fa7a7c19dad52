/**
 * readStreamsOrdered (the bulk rebuild's read): every event at or below a head checkpoint, in
 * (stream id, stream version) order, page by page, each event exactly as readStream returns it
 * (with or without the delivery bodies). Runs on PGlite, and on PostgreSQL when it is available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../../src/db/sql-client.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import type { RecordedEvent } from '../../src/events/types.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { START } from '../../src/store/event-store.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { collect, newEvent, newEvents, uniqueCategory, withoutArrays } from './support.js';

const pg = await probePostgres();

async function readOrdered(
  store: SqlEventStore,
  below: string,
  limit: number,
  raw?: boolean,
): Promise<{ events: RecordedEvent[]; pages: number }> {
  const events: RecordedEvent[] = [];
  let after: { streamId: string; streamVersion: number } | undefined;
  let pages = 0;
  for (;;) {
    const page = await store.readStreamsOrdered({ below, after, limit, raw });
    pages += 1;
    events.push(...page.events);
    after = page.after;
    if (page.done) break;
  }
  return { events, pages };
}

function orderedSuite(name: string, open: () => Promise<{ store: SqlEventStore; cleanup(): Promise<void> }>) {
  describe(`readStreamsOrdered: ${name}`, () => {
    let store: SqlEventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('returns each event as readStream does, in stream order, below the head only', async () => {
      const cat = uniqueCategory('ro');
      const ids = [`${cat}-b`, `${cat}-a`, `${cat}-c`];
      await store.appendBatch(ids.map((streamId, i) => ({ streamId, events: newEvents(streamId, 3 + i) })));
      // Values that must come back exactly: quotes, backslashes, unicode, nulls, numbers, nesting.
      await store.append(ids[0]!, [
        newEvent(ids[0]!, {
          actor: null,
          schemaVersion: 2,
          unknown: true,
          related: [],
          data: {
            text: 'a "quoted" \\ back\nslash é 😀',
            n: 1.5,
            big: 12345678901,
            none: null,
            list: [{}, []],
          },
        }),
      ]);
      const head = await store.headCheckpoint();
      // Appended after the head: left out.
      await store.append(ids[1]!, newEvents(ids[1]!, 2));
      await store.append(`${cat}-d`, newEvents(`${cat}-d`, 1));

      const expected = async (raw: boolean) => {
        const out: RecordedEvent[] = [];
        for (const id of [...ids].sort()) {
          const events = await collect(store.readStream(id, { raw }));
          out.push(...events.filter((e) => id !== ids[1] || e.streamVersion <= 4));
        }
        return out;
      };
      for (const raw of [false, true]) {
        const { events } = await readOrdered(store, head, 1000, raw);
        const mine = events.filter((e) => e.streamId.startsWith(cat));
        expect(mine).toEqual(await expected(raw));
        if (!raw) expect(mine.every((e) => e.raw === '')).toBe(true);
      }
    });

    it('pages by keyset: small pages return the same events as one large page', async () => {
      const cat = uniqueCategory('rp');
      await store.appendBatch(
        Array.from({ length: 4 }, (_, s) => ({
          streamId: `${cat}-${s}`,
          events: newEvents(`${cat}-${s}`, 5),
        })),
      );
      const head = await store.headCheckpoint();
      const whole = await readOrdered(store, head, 10_000);
      const paged = await readOrdered(store, head, 3);
      expect(paged.pages).toBeGreaterThan(1);
      expect(paged.events).toEqual(whole.events);
      const versions = paged.events.map((e) => `${e.streamId}/${e.streamVersion}`);
      expect(versions).toEqual(
        [...paged.events]
          .sort((x, y) =>
            x.streamId < y.streamId ? -1 : x.streamId > y.streamId ? 1 : x.streamVersion - y.streamVersion,
          )
          .map((e) => `${e.streamId}/${e.streamVersion}`),
      );
    });

    it('reads a head written with leading zeros as the same head; START reads nothing', async () => {
      const cat = uniqueCategory('rz');
      await store.append(`${cat}-x`, newEvents(`${cat}-x`, 2));
      const head = await store.headCheckpoint();
      const [txid, position] = head.split('/');
      const padded = `000${txid}/00${position}`;
      expect((await readOrdered(store, padded, 100)).events).toEqual(
        (await readOrdered(store, head, 100)).events,
      );
      expect(await store.readStreamsOrdered({ below: START, limit: 10 })).toEqual({ events: [], done: true });
    });
  });
}

orderedSuite('PGlite, rows as objects', async () => {
  const client = withoutArrays(await PgliteSqlClient.open());
  const store = await SqlEventStore.open(client);
  return { store, cleanup: () => client.close() };
});

orderedSuite('PGlite', async () => {
  const client: SqlClient = await PgliteSqlClient.open();
  const store = await SqlEventStore.open(client);
  return { store, cleanup: () => client.close() };
});

describe.skipIf(!pg.available)('PostgreSQL', () => {
  let schema: TestSchema;
  orderedSuite('PostgreSQL', async () => {
    schema = await createTestSchema(pg.url);
    const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 4 });
    const store = await SqlEventStore.open(client, { schema: schema.schema });
    return {
      store,
      cleanup: async () => {
        await client.close();
        await schema.drop();
      },
    };
  });
});
