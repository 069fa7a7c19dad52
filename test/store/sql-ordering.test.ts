/**
 * The no-skip guarantee on real PostgreSQL: a transaction that took the lower position but commits
 * last is still delivered, once, before the later position.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/events/types.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { collect, newEvent } from './support.js';

const pg = await probePostgres();

describe.skipIf(!pg.available)('global order on PostgreSQL', () => {
  let schema: TestSchema;
  let client: PgSqlClient;
  let store: SqlEventStore;

  beforeAll(async () => {
    schema = await createTestSchema(pg.url);
    client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 4 });
    // readAll waits up to headWaitMs for commits made before the call to become readable; the first
    // test reads while an older transaction is held open on purpose, so half a second shows the same.
    store = await SqlEventStore.open(client, { schema: schema.schema, headWaitMs: 500 });
  });
  afterAll(async () => {
    await store?.close();
    await client?.close();
    await schema?.drop();
  });

  it('a subscriber sees a late-committing lower position and the earlier-committed higher one, once each, in order', async () => {
    const seen: RecordedEvent[] = [];
    const subscription = store.subscribe({ filter: { categories: ['order'] } }, async (batch) => {
      seen.push(...batch.events);
    });
    await subscription.caughtUp();

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedA = new Promise<void>((resolve) => (inserted = resolve));
    const a = newEvent('order-a');
    const b = newEvent('order-b');

    const txA = client.transaction(async (tx) => {
      const [result] = await store.appendInTransaction(tx, [{ streamId: 'order-a', events: [a] }]);
      inserted();
      await gate;
      return result!;
    });
    await insertedA;
    const resultB = await store.append('order-b', [b]);
    expect(await store.hasEvent(b.eventId)).toBe(true);
    // B is committed but not readable while A, which holds an older transaction id, is open.
    expect(await collect(store.readAll({ filter: { categories: ['order'] } }))).toEqual([]);

    const caughtUp = subscription.caughtUp();
    release();
    const resultA = await txA;
    await caughtUp;
    await subscription.stop();

    expect(resultA.appended[0]!.position < resultB.appended[0]!.position).toBe(true);
    expect(seen.map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    const all = await collect(store.readAll({ filter: { categories: ['order'] } }));
    expect(all.map((g) => g.event.eventId)).toEqual([a.eventId, b.eventId]);
  });

  it('a wake-up after the append wakes a live subscriber (no polling needed)', async () => {
    const slow = await SqlEventStore.open(client, { schema: schema.schema, pollIntervalMs: 60_000 });
    const seen: string[] = [];
    let notify!: () => void;
    const delivered = new Promise<void>((resolve) => (notify = resolve));
    const subscription = slow.subscribe({ filter: { categories: ['live'] } }, async (batch) => {
      seen.push(...batch.events.map((e) => e.eventId));
      notify();
    });
    await subscription.caughtUp();
    const event = newEvent('live-1');
    await slow.append('live-1', [event]);
    // With a 60 s poll interval only the notification can deliver this before the test timeout.
    await delivered;
    expect(seen).toEqual([event.eventId]);
    await subscription.stop();
  });
});
