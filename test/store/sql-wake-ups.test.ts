/**
 * Subscribers are woken after an append commits, not by a NOTIFY inside the append: in memory for
 * subscriptions on the same client, by one NOTIFY in its own statement for everyone else. Every
 * subscription here polls once a minute, so only a wake-up can deliver before the test times out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { eventsChannel } from '../../src/store/sql/channel.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import type { EventStore } from '../../src/store/event-store.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { newEvent, uniqueCategory } from './support.js';

const SLOW_POLL = { pollIntervalMs: 60_000 };

/** Subscribes to `category` and resolves with the ids once `count` events were delivered. */
async function deliveredTo(store: EventStore, category: string, count: number) {
  const seen: string[] = [];
  let done!: () => void;
  const all = new Promise<void>((resolve) => (done = resolve));
  const subscription = store.subscribe({ filter: { categories: [category] } }, async (batch) => {
    seen.push(...batch.events.map((e) => e.eventId));
    if (seen.length >= count) done();
  });
  await subscription.caughtUp();
  return {
    seen: async () => {
      await all;
      await subscription.stop();
      return seen;
    },
  };
}

const pgProbe = await probePostgres();

describe.skipIf(!pgProbe.available)('wake-ups on PostgreSQL', () => {
  let schema: TestSchema;
  let client: PgSqlClient;
  let other: PgSqlClient;

  beforeAll(async () => {
    schema = await createTestSchema(pgProbe.url);
    client = new PgSqlClient({ connectionString: pgProbe.url, schema: schema.schema, max: 4 });
    other = new PgSqlClient({ connectionString: pgProbe.url, schema: schema.schema, max: 4 });
  });
  afterAll(async () => {
    await client?.close();
    await other?.close();
    await schema?.drop();
  });

  it('another store on the same client wakes the subscriber in memory', async () => {
    const reader = await SqlEventStore.open(client, { schema: schema.schema, ...SLOW_POLL });
    const writer = await SqlEventStore.open(client, { schema: schema.schema, ...SLOW_POLL });
    const category = uniqueCategory('local');
    const watch = await deliveredTo(reader, category, 1);
    const event = newEvent(`${category}-1`);
    await writer.append(`${category}-1`, [event]);
    expect(await watch.seen()).toEqual([event.eventId]);
    await reader.close();
    await writer.close();
  });

  it('a writer on another client (another process) wakes the subscriber through NOTIFY', async () => {
    const reader = await SqlEventStore.open(client, { schema: schema.schema, ...SLOW_POLL });
    const writer = await SqlEventStore.open(other, { schema: schema.schema, ...SLOW_POLL });
    const category = uniqueCategory('remote');
    const watch = await deliveredTo(reader, category, 3);
    const events = [newEvent(`${category}-1`), newEvent(`${category}-2`), newEvent(`${category}-3`)];
    // Concurrent appends: their NOTIFYs coalesce, and still none of the events waits for a poll.
    await Promise.all(events.map((e) => writer.append(e.streamId, [e])));
    expect((await watch.seen()).sort()).toEqual(events.map((e) => e.eventId).sort());
    await reader.close();
    await writer.close();
  });

  it("an append inside the caller's transaction wakes the subscriber after that commit", async () => {
    const store = await SqlEventStore.open(client, { schema: schema.schema, ...SLOW_POLL });
    const category = uniqueCategory('caller');
    const watch = await deliveredTo(store, category, 1);
    const event = newEvent(`${category}-1`);
    await client.transaction((tx) =>
      store.appendInTransaction(tx, [{ streamId: event.streamId, events: [event] }]),
    );
    expect(await watch.seen()).toEqual([event.eventId]);
    await store.close();
  });

  it('the NOTIFY is sent after the commit in its own statement, signed by the sender, not by the append', async () => {
    const listener = new pg.Client({ connectionString: pgProbe.url });
    await listener.connect();
    const payloads: string[] = [];
    let heard!: () => void;
    const first = new Promise<void>((resolve) => (heard = resolve));
    listener.on('notification', (message) => {
      payloads.push(message.payload ?? '');
      heard();
    });
    await listener.query(`listen ${eventsChannel(schema.schema)}`);
    const store = await SqlEventStore.open(other, { schema: schema.schema });
    const event = newEvent(`${uniqueCategory('signed')}-1`);
    await store.append(event.streamId, [event]);
    await first;
    // A NOTIFY inside the append's statement would carry an empty payload.
    expect(payloads.every((p) => /^[0-9a-f]{16}$/.test(p))).toBe(true);
    await store.close();
    await listener.end();
  });
});

describe('wake-ups on PGlite', () => {
  let client: PgliteSqlClient;
  beforeAll(async () => {
    client = await PgliteSqlClient.open();
  });
  afterAll(async () => {
    await client?.close();
  });

  it('an append wakes a subscriber of another store on the same client', async () => {
    const reader = await SqlEventStore.open(client, SLOW_POLL);
    const writer = await SqlEventStore.open(client, SLOW_POLL);
    const category = uniqueCategory('lite');
    const watch = await deliveredTo(reader, category, 2);
    const events = [newEvent(`${category}-1`), newEvent(`${category}-2`)];
    for (const e of events) await writer.append(e.streamId, [e]);
    expect(await watch.seen()).toEqual(events.map((e) => e.eventId));
    await reader.close();
    await writer.close();
  });

  it("an append inside the caller's transaction wakes the subscriber after that commit", async () => {
    const store = await SqlEventStore.open(client, SLOW_POLL);
    const category = uniqueCategory('litecaller');
    const watch = await deliveredTo(store, category, 1);
    const event = newEvent(`${category}-1`);
    await client.transaction((tx) =>
      store.appendInTransaction(tx, [{ streamId: event.streamId, events: [event] }]),
    );
    expect(await watch.seen()).toEqual([event.eventId]);
    await store.close();
  });
});
