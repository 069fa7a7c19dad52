/**
 * Retention, legal hold and purge on PostgreSQL and PGlite: a purge removes what is past retention
 * and not held from events, read models and quarantine, records itself, and leaves a chain that
 * still verifies; a hold protects the subject and the streams that name it until released.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import type { StoreOption } from '../../src/projector/types.js';
import { PurgeUnsupportedError } from '../../src/record/retention/purge.js';
import { migrateAccessLog, SqlAccessLog } from '../../src/access/access-log.js';
import { accountResource, inquiryResource, personaDelivery, randomId } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();
// Each test opens its own PGlite: seconds apiece on a loaded machine.
const schemas: TestSchema[] = [];
afterAll(async () => {
  for (const s of schemas.splice(0)) await s.drop();
});

/** Six years from now: everything stored today is past a five-year retention then. */
const SIX_YEARS_ON = new Date(Date.now() + 6 * 366 * 24 * 3600 * 1000).toISOString();

async function seed(c: Composition) {
  const held = randomId('act');
  const other = randomId('act');
  const inquiry = randomId('inq');
  for (const body of [
    personaDelivery({ name: 'account.created', resource: accountResource({ id: held }) }),
    personaDelivery({ name: 'account.created', resource: accountResource({ id: other }) }),
    personaDelivery({
      name: 'inquiry.created',
      resource: inquiryResource({ id: inquiry, accountId: held }),
    }),
  ])
    expect((await c.projector.ingest('persona', body)).outcome).toBe('appended');
  expect((await c.projector.ingest('persona', '{"data": {"type": "event"}}')).outcome).toBe('quarantined');
  return { held, other, inquiry };
}

/** The access log a service or the CLI would have made, with one read of `subjectId` in it. */
async function accessLogWithOneRead(c: Composition, subjectId: string): Promise<SqlAccessLog> {
  const { sql, schema } = c.opened;
  await migrateAccessLog(sql, schema === 'public' ? {} : { schema });
  const log = new SqlAccessLog(sql);
  await log.record({
    tokenName: 'alice',
    subjectKind: 'account',
    subjectId,
    what: 'state',
    channel: 'api',
    remote: '127.0.0.1',
  });
  return log;
}

const backends: { name: string; skip: boolean; open(): Promise<StoreOption> }[] = [
  { name: 'PGlite', skip: false, open: async () => ({ pglite: 'memory://' }) },
  {
    name: 'PostgreSQL',
    skip: !pg.available,
    async open() {
      const schema = await createTestSchema(pg.url, 'pp_retain');
      schemas.push(schema);
      return { postgres: pg.url, schema: schema.schema };
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`retention: ${backend.name}`, { timeout: 120_000 }, () => {
    it('purges what is past retention and not held, records it, and the chain still verifies', async () => {
      const c = await compose({ store: await backend.open(), allowUnsigned: true });
      try {
        const ids = await seed(c);
        const log = await accessLogWithOneRead(c, ids.other);
        await expect(c.opened.sql.query('delete from access_log')).rejects.toThrow(/append-only/);
        expect((await c.projector.record.verify()).intact).toBe(true);
        const hold = await c.projector.record.hold('account', ids.held, { reason: 'litigation 22-481' });
        expect(hold).toMatchObject({ kind: 'account', id: ids.held, releasedAt: null });
        expect(await c.projector.record.holds()).toHaveLength(1);

        // Nothing is past five years today.
        expect(await c.projector.record.purge({ dryRun: true })).toMatchObject({
          streams: [],
          accessLogEntries: 0,
        });

        const plan = await c.projector.record.purge({ dryRun: true, asOf: SIX_YEARS_ON });
        expect(plan).toMatchObject({
          dryRun: true,
          purgeId: null,
          events: 1,
          quarantined: 1,
          accessLogEntries: 1,
        });
        expect(plan.streams.map((s) => s.streamId)).toEqual([`account-${ids.other}`]);
        expect(plan.held.sort()).toEqual([`account-${ids.held}`, `inquiry-${ids.inquiry}`].sort());
        expect(await c.projector.state('account', ids.other)).not.toBeNull(); // dry run changed nothing

        const done = await c.projector.record.purge({ asOf: SIX_YEARS_ON, actor: 'retention-job' });
        expect(done).toMatchObject({ purgeId: expect.stringMatching(/^purge_/), accessLogEntries: 1 });
        expect(await log.list()).toEqual([]);
        // Outside a purge the log stays append-only.
        await log.record({
          tokenName: 'bob',
          subjectKind: 'account',
          subjectId: ids.held,
          what: 'timeline',
          channel: 'console',
          remote: '127.0.0.1',
        });
        await expect(c.opened.sql.query('delete from access_log')).rejects.toThrow(/append-only/);
        expect(await c.projector.state('account', ids.other)).toBeNull();
        expect((await c.projector.timeline('account', ids.other)).entries).toEqual([]);
        expect(await c.projector.state('account', ids.held)).not.toBeNull();
        expect(await c.projector.quarantine.list({ status: 'all' })).toEqual([]);
        const { rows } = await c.opened.sql.query<{ actor: string; events: number; streams: string[] }>(
          'select actor, events, streams, access_log_entries from record_purges',
        );
        expect(rows).toEqual([
          { actor: 'retention-job', events: 1, streams: [`account-${ids.other}`], access_log_entries: 1 },
        ]);
        const verified = await c.projector.record.verify();
        expect(verified).toMatchObject({ intact: true, purged: 1, checked: 3 });

        // Released, the held account and the inquiry that names it go on the next purge.
        expect(await c.projector.record.release('account', ids.held)).toMatchObject({
          releasedBy: 'operator',
        });
        expect(await c.projector.record.release('account', ids.held)).toBeNull();
        const second = await c.projector.record.purge({ asOf: SIX_YEARS_ON });
        expect(second.streams.map((s) => s.streamId).sort()).toEqual(
          [`account-${ids.held}`, `inquiry-${ids.inquiry}`].sort(),
        );
        expect(await c.projector.state('inquiry', ids.inquiry)).toBeNull();
        expect((await c.projector.record.verify()).intact).toBe(true);
      } finally {
        await c.projector.close();
      }
    });
  });
}

describe('retention: memory store', { timeout: 120_000 }, () => {
  it('refuses to purge (it cannot delete)', async () => {
    const c = await compose({ store: 'memory', allowUnsigned: true });
    try {
      await expect(c.projector.record.purge({ dryRun: true })).rejects.toThrow(PurgeUnsupportedError);
    } finally {
      await c.projector.close();
    }
  });
});
