/**
 * One chain keeper per installation: a second process stands by and takes the keeper's lock over
 * when the first stops, so the chain keeps growing (two compositions on one PostgreSQL schema).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import { readHead } from '../../src/record/chain-statements.js';
import { startChainKeeper } from '../../src/record/chain-keeper.js';
import { accountResource, personaDelivery, randomId } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();

describe.skipIf(!pg.available)('chain keeper: standby takes over', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  const open: Composition[] = [];
  afterAll(async () => {
    for (const c of open) await c.projector.close().catch(() => undefined);
    await schema?.drop();
  });

  it('chains what is appended after the holder stopped', async () => {
    schema = await createTestSchema(pg.url, 'pp_keeper');
    const store = { postgres: pg.url, schema: schema.schema };
    const first = await compose({ store, allowUnsigned: true });
    open.push(first);
    const account = randomId('act');
    const ingest = async (c: Composition) =>
      expect(
        (
          await c.projector.ingest(
            'persona',
            personaDelivery({ name: 'account.tag-added', resource: accountResource({ id: account }) }),
          )
        ).outcome,
      ).toBe('appended');
    await ingest(first);
    expect((await first.projector.record.verify()).head.seq).toBe(1);

    // A second process: its keeper finds the lock held and stands by.
    const second = await compose({ store, allowUnsigned: true });
    open.push(second);
    const standby = await startChainKeeper({
      store: second.opened.stored,
      sql: second.opened.sql,
      standbyRetryMs: 50,
    });
    try {
      expect(standby.local).toBe(false);
      await first.projector.close();
      open.shift();
      await ingest(second);
      await expect.poll(() => standby.local, { timeout: 30_000 }).toBe(true);
      await standby.caughtUp();
      expect((await readHead(second.opened.sql)).seq).toBe(2);
    } finally {
      await standby.stop();
    }
  });
});
