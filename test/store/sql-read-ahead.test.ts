/**
 * With `readAhead: true` the SQL store's readAll fetches the next page while the caller consumes
 * the current one. These tests pin down what must not change with it: order, checkpoints and the
 * visibility rule across a late commit, and that a caller who stops early or a page that fails
 * leaves nothing behind (no query still running, no unhandled rejection). They run on PGlite, and
 * on PostgreSQL when it is available.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SqlClient, SqlExecutor, SqlResult } from '../../src/db/sql-client.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { collect, newEvents, uniqueCategory } from './support.js';

const pg = await probePostgres();

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A SqlClient that counts global-order page reads, started and still in flight, and can fail one
 * page read. Only page reads are counted in flight: the store's commit notifier sends its NOTIFY
 * after an append without the appender waiting for it, and that query is not the reader's. With `arrays: false` it has no `queryArrays`, so the store takes its `query` fallback.
 */
class WatchedClient implements SqlClient {
  inFlight = 0;
  pageReads = 0;
  failPage: number | undefined;
  readonly queryArrays?: SqlClient['queryArrays'];
  constructor(
    readonly inner: SqlClient,
    arrays = true,
  ) {
    if (arrays) this.queryArrays = (sql, params) => this.#watch(sql, () => inner.queryArrays!(sql, params));
  }

  get dialect(): SqlClient['dialect'] {
    return this.inner.dialect;
  }

  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>> {
    return this.#watch(sql, () => this.inner.query<Row>(sql, params));
  }

  async #watch<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const page = /order by events\.txid, events\.position limit/.test(sql);
    if (!page) return run();
    this.inFlight += 1;
    try {
      if (++this.pageReads === this.failPage) {
        await delay(5);
        throw new Error('page read failed');
      }
      return await run();
    } finally {
      this.inFlight -= 1;
    }
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  exec(sql: string): Promise<void> {
    return this.inner.exec(sql);
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.inner.listen(channel, onNotify);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

interface Backend {
  client: WatchedClient;
  store: SqlEventStore;
  cleanup(): Promise<void>;
}

function readAheadSuite(name: string, open: () => Promise<Backend>) {
  describe(`readAll read-ahead: ${name}`, () => {
    let backend: Backend;
    let client: WatchedClient;
    let store: SqlEventStore;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);

    beforeAll(async () => {
      backend = await open();
      client = backend.client;
      store = backend.store;
    });
    afterAll(async () => {
      await store?.close();
      await backend?.cleanup();
    });
    beforeEach(() => {
      client.failPage = undefined;
      unhandled.length = 0;
      process.on('unhandledRejection', onUnhandled);
    });
    afterEach(() => {
      process.off('unhandledRejection', onUnhandled);
    });

    /** A category with `count` events over 5 streams, appended in one call. */
    async function seed(count: number): Promise<string> {
      const cat = uniqueCategory('ra');
      await store.appendBatch(
        Array.from({ length: 5 }, (_, s) => ({
          streamId: `${cat}-${s}`,
          events: newEvents(`${cat}-${s}`, count / 5),
        })),
      );
      return cat;
    }

    it('asks for the next page before the caller has consumed the current one, and keeps the order', async () => {
      const cat = await seed(10);
      const expected = await collect(store.readAll({ filter: { categories: [cat] }, batchSize: 100 }));
      const before = client.pageReads;
      const seen: string[] = [];
      for await (const g of store.readAll({ filter: { categories: [cat] }, batchSize: 4 })) {
        // The first event of the first page arrives after the second page was requested.
        if (seen.length === 0) expect(client.pageReads - before).toBe(2);
        seen.push(g.checkpoint);
      }
      expect(seen).toEqual(expected.map((g) => g.checkpoint));
      // Pages of 4, 4, 2: three reads, none past the short page.
      expect(client.pageReads - before).toBe(3);
      expect(client.inFlight).toBe(0);
    });

    it('a caller that breaks early leaves no page read running', async () => {
      const cat = await seed(20);
      let n = 0;
      for await (const _ of store.readAll({ filter: { categories: [cat] }, batchSize: 5 })) {
        if (++n === 2) break;
      }
      expect(client.inFlight).toBe(0);
    });

    it('a read-ahead that fails after the caller stopped is neither reported nor left running', async () => {
      const cat = await seed(10);
      client.failPage = client.pageReads + 2;
      for await (const _ of store.readAll({ filter: { categories: [cat] }, batchSize: 5 })) break;
      expect(client.inFlight).toBe(0);
      await delay(20);
      expect(unhandled).toEqual([]);
    });

    it('a read-ahead that fails while the caller is busy surfaces where that page starts, not earlier', async () => {
      const cat = await seed(10);
      client.failPage = client.pageReads + 2;
      const seen: string[] = [];
      const reading = (async () => {
        for await (const g of store.readAll({ filter: { categories: [cat] }, batchSize: 5 })) {
          // The second page fails while the first is still being handled.
          if (seen.length === 0) await delay(30);
          seen.push(g.event.eventId);
        }
      })();
      await expect(reading).rejects.toThrow('page read failed');
      expect(seen).toHaveLength(5);
      expect(unhandled).toEqual([]);
      expect(client.inFlight).toBe(0);
    });
  });
}

readAheadSuite('PGlite', async () => {
  const client = new WatchedClient(await PgliteSqlClient.open());
  const store = await SqlEventStore.open(client, { readAhead: true });
  return { client, store, cleanup: () => client.close() };
});

readAheadSuite('PGlite, a client without queryArrays', async () => {
  const client = new WatchedClient(await PgliteSqlClient.open(), false);
  const store = await SqlEventStore.open(client, { readAhead: true });
  return { client, store, cleanup: () => client.close() };
});

describe.skipIf(!pg.available)('PostgreSQL', () => {
  let schema: TestSchema;
  readAheadSuite('PostgreSQL', async () => {
    schema = await createTestSchema(pg.url);
    const client = new WatchedClient(
      new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 4 }),
    );
    const store = await SqlEventStore.open(client, { schema: schema.schema, readAhead: true });
    return {
      client,
      store,
      cleanup: async () => {
        await client.close();
        await schema.drop();
      },
    };
  });

  describe('global order with read-ahead across a late commit', () => {
    let client: PgSqlClient;
    let store: SqlEventStore;
    let own: TestSchema;
    beforeAll(async () => {
      own = await createTestSchema(pg.url);
      client = new PgSqlClient({ connectionString: pg.url, schema: own.schema, max: 4 });
      // A short wait, so readAll answers with what is readable while the old transaction is open.
      store = await SqlEventStore.open(client, { schema: own.schema, headWaitMs: 50, readAhead: true });
    });
    afterAll(async () => {
      await store?.close();
      await client?.close();
      await own?.drop();
    });

    it('pages stop below an open older transaction and resume after it commits, each event once, in order', async () => {
      const cat = uniqueCategory('late');
      const filter = { categories: [cat] };
      const first = await store.append(`${cat}-x`, newEvents(`${cat}-x`, 3));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inserted!: () => void;
      const insertedLate = new Promise<void>((resolve) => (inserted = resolve));
      const late = newEvents(`${cat}-late`, 1);
      const lateTx = client.transaction(async (tx) => {
        const [result] = await store.appendInTransaction(tx, [{ streamId: `${cat}-late`, events: late }]);
        inserted();
        await gate;
        return result!;
      });
      await insertedLate;
      const after = await store.append(`${cat}-y`, newEvents(`${cat}-y`, 4));

      const early = await collect(store.readAll({ filter, batchSize: 2 }));
      expect(early.map((g) => g.event.eventId)).toEqual(first.appended.map((a) => a.eventId));

      release();
      const lateResult = await lateTx;
      const rest = await collect(store.readAll({ filter, batchSize: 2, after: early.at(-1)!.checkpoint }));
      const expected = [...lateResult.appended, ...after.appended].map((a) => a.eventId);
      expect(rest.map((g) => g.event.eventId)).toEqual(expected);
      // The late event took a lower position than the ones committed before it, and still comes first.
      expect(lateResult.appended[0]!.position < after.appended[0]!.position).toBe(true);
      const all = await collect(store.readAll({ filter, batchSize: 2, raw: false }));
      expect(all.map((g) => g.checkpoint)).toEqual([...early, ...rest].map((g) => g.checkpoint));
    });
  });
});
