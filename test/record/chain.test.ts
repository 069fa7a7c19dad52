/**
 * The hash chain on every backend: intact after ingest, and a row edited, deleted or swapped with
 * SQL behind the product's back is found at the right link with the right reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compose, type Composition } from '../../src/projector/composition.js';
import type { StoreOption } from '../../src/projector/types.js';
import type { SqlExecutor } from '../../src/db/sql-client.js';
import { accountResource, inquiryResource, personaDelivery, randomId } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();
// Each test opens its own PGlite: seconds apiece on a loaded machine.

async function seeded(store: StoreOption, events = 6): Promise<{ c: Composition; ids: string[] }> {
  const c = await compose({ store, allowUnsigned: true });
  const ids: string[] = [];
  const account = randomId('act');
  for (let i = 0; i < events; i++) {
    const id = randomId('evt');
    ids.push(id);
    const body =
      i % 2 === 0
        ? personaDelivery({ id, name: 'account.updated', resource: accountResource({ id: account }) })
        : personaDelivery({
            id,
            name: 'inquiry.created',
            resource: inquiryResource({ id: randomId('inq'), accountId: account }),
          });
    const result = await c.projector.ingest('persona', body);
    expect(result.outcome).toBe('appended');
  }
  return { c, ids };
}

/** The chain's seq of each stored event id, in chain order. */
async function chainIds(sql: SqlExecutor): Promise<string[]> {
  const { rows } = await sql.query<{ event_id: string }>('select event_id from record_chain order by seq');
  return rows.map((r) => r.event_id);
}

describe('hash chain: memory store', { timeout: 120_000 }, () => {
  it('is intact after ingest and counts every event', async () => {
    // More than nine links: seq order must be numeric, not the text order of its alias.
    const { c, ids } = await seeded('memory', 12);
    try {
      const report = await c.projector.record.verify();
      expect(report).toMatchObject({ intact: true, checked: ids.length, unchained: 0, firstBreak: null });
      expect(report.head.seq).toBe(ids.length);
      expect(report.head.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await chainIds(c.opened.sql)).toEqual(ids);
    } finally {
      await c.projector.close();
    }
  });
});

interface Backend {
  name: string;
  skip: boolean;
  open(): Promise<StoreOption>;
  /** A store that survives a close. */
  durable(): Promise<StoreOption>;
  cleanup(): Promise<void>;
}

const schemas: TestSchema[] = [];
const dirs: string[] = [];
const backends: Backend[] = [
  {
    name: 'PGlite',
    skip: false,
    open: async () => ({ pglite: 'memory://' }),
    async durable() {
      const dir = await mkdtemp(join(tmpdir(), 'pp-record-'));
      dirs.push(dir);
      return { pglite: dir };
    },
    async cleanup() {
      for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
    },
  },
  {
    name: 'PostgreSQL',
    skip: !pg.available,
    async open() {
      const schema = await createTestSchema(pg.url, 'pp_record');
      schemas.push(schema);
      return { postgres: pg.url, schema: schema.schema };
    },
    durable() {
      return this.open();
    },
    async cleanup() {
      for (const s of schemas.splice(0)) await s.drop();
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`hash chain: ${backend.name}`, { timeout: 120_000 }, () => {
    afterAll(() => backend.cleanup());

    async function withSeeded(fn: (c: Composition, ids: string[]) => Promise<void>): Promise<void> {
      const { c, ids } = await seeded(await backend.open());
      try {
        // Chain everything first, then tamper behind the product's back.
        expect((await c.projector.record.verify()).intact).toBe(true);
        await fn(c, ids);
      } finally {
        await c.projector.close();
      }
    }

    it('is intact, and survives a reopen', async () => {
      const option = await backend.durable();
      const { c, ids } = await seeded(option);
      const first = await c.projector.record.verify();
      await c.projector.close();
      const again = await compose({ store: option, allowUnsigned: true });
      try {
        await again.projector.ingest(
          'persona',
          personaDelivery({ name: 'account.updated', resource: accountResource({ id: randomId('act') }) }),
        );
        const report = await again.projector.record.verify();
        expect(report).toMatchObject({ intact: true, checked: ids.length + 1 });
        expect(report.head.seq).toBe(first.head.seq + 1);
      } finally {
        await again.projector.close();
      }
    });

    it('finds an event whose data was edited with SQL', async () => {
      await withSeeded(async (c, ids) => {
        await c.opened.sql.query(
          `update events set data = jsonb_set(data, '{edited}', 'true') where event_id = $1`,
          [ids[3]],
        );
        const report = await c.projector.record.verify();
        expect(report.intact).toBe(false);
        expect(report.checked).toBe(3);
        expect(report.firstBreak).toMatchObject({ seq: 4, kind: 'changed', expectedEventId: ids[3] });
      });
    });

    it('finds an event whose raw body was edited with SQL', async () => {
      await withSeeded(async (c, ids) => {
        await c.opened.sql.query(`update events set raw = raw || ' ' where event_id = $1`, [ids[0]]);
        const report = await c.projector.record.verify();
        expect(report.firstBreak).toMatchObject({ seq: 1, kind: 'changed', expectedEventId: ids[0] });
      });
    });

    it('finds a deleted event in the middle and at the end', async () => {
      await withSeeded(async (c, ids) => {
        await c.opened.sql.query('delete from events where event_id = $1', [ids[2]]);
        const report = await c.projector.record.verify();
        expect(report.firstBreak).toMatchObject({
          seq: 3,
          kind: 'missing',
          expectedEventId: ids[2],
          foundEventId: ids[3],
        });
      });
      await withSeeded(async (c, ids) => {
        await c.opened.sql.query('delete from events where event_id = $1', [ids[ids.length - 1]]);
        const report = await c.projector.record.verify();
        expect(report.firstBreak).toMatchObject({
          seq: ids.length,
          kind: 'missing',
          expectedEventId: ids[ids.length - 1],
          foundEventId: null,
        });
      });
    });

    it('finds two rows swapped with SQL', async () => {
      await withSeeded(async (c, ids) => {
        // Swap every stored column of two rows (their positions stay: identity columns cannot be set).
        await c.opened.sql.transaction(async (tx) => {
          const columns = `stream_id, stream_version, event_id, type, source, subject_kind, subject_id,
            occurred_at, recorded_at, actor, schema_version, data, raw, related, unknown`;
          await tx.query(
            `create temp table swap on commit drop as select * from events where event_id = any($1)`,
            [[ids[1], ids[4]]],
          );
          await tx.query('delete from events where event_id = any($1)', [[ids[1], ids[4]]]);
          await tx.query(
            `insert into events (position, txid, ${columns}) overriding system value
             select (select position from swap where event_id = $2), (select txid from swap where event_id = $2), ${columns}
               from swap where event_id = $1
             union all
             select (select position from swap where event_id = $1), (select txid from swap where event_id = $1), ${columns}
               from swap where event_id = $2`,
            [ids[1], ids[4]],
          );
        });
        const report = await c.projector.record.verify();
        expect(report.firstBreak).toMatchObject({
          seq: 2,
          kind: 'reordered',
          expectedEventId: ids[1],
          foundEventId: ids[4],
        });
      });
    });

    it('finds a chain link deleted from the chain table', async () => {
      await withSeeded(async (c, ids) => {
        await c.opened.sql.query('delete from record_chain where event_id = $1', [ids[2]]);
        const report = await c.projector.record.verify();
        expect(report.firstBreak).toMatchObject({ seq: 3, kind: 'missing', foundEventId: ids[2] });
      });
    });

    it('counts events stored after the last link as unchained, not broken', async () => {
      const option = await backend.open();
      const c = await compose({ store: option, allowUnsigned: true }, { projectNow: false });
      try {
        await c.projector.ingest(
          'persona',
          personaDelivery({ name: 'account.updated', resource: accountResource({ id: randomId('act') }) }),
        );
        const { verifyChain } = await import('../../src/record/verify.js');
        const { migrateRecord } = await import('../../src/record/record.js');
        await migrateRecord(
          c.opened.sql,
          option !== 'memory' && 'schema' in option ? option.schema : undefined,
        );
        const report = await verifyChain(c.opened.store, c.opened.sql);
        expect(report).toMatchObject({ intact: true, checked: 0, unchained: 1 });
      } finally {
        await c.projector.close();
      }
    });
  });
}
