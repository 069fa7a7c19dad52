import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fold } from '../../src/aggregates/fold.js';
import { aggregateForStream } from '../../src/aggregates/registry.js';
import type { RecordedEvent } from '../../src/events/types.js';
import { ProjectionLockedError } from '../../src/projections/lock.js';
import { READ_MODELS_VERSION, readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { projectionContext } from '../../src/projections/context.js';
import { startRunner } from '../../src/projections/runner.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, dumpViews, openPglite, openPostgres, type Db } from './harness.js';

const pg = await probePostgres();

async function everyStateEqualsFreshFold(db: Db): Promise<number> {
  const { rows } = await db.sql.query<{ stream_id: string; state: unknown }>(
    'select stream_id, state from aggregate_state',
  );
  for (const row of rows) {
    const events: RecordedEvent[] = [];
    for await (const e of db.store.readStream(row.stream_id)) events.push(e);
    expect(JSON.parse(JSON.stringify(fold(aggregateForStream(row.stream_id)!, events)))).toEqual(row.state);
  }
  return rows.length;
}

const backends: [string, boolean, () => Promise<Db>][] = [
  ['PostgreSQL (events in PostgreSQL)', pg.available, () => openPostgres(pg.url)],
  ['PostgreSQL (events in the memory store)', pg.available, () => openPostgres(pg.url, 'memory')],
  ['PGlite (events in the memory store)', true, () => openPglite('memory')],
];

describe.each(backends)('projection runner on %s', (_name, available, open) => {
  let db: Db;
  beforeAll(async () => {
    if (available) db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(!available)(
    'catches up, follows live appends, and every state row equals a fresh fold',
    async () => {
      await appendFeed(
        db.store,
        generateFeed({ people: 20, seed: 7, late: 0.3, duplicates: 0.1, redactions: 0.2 }),
      );
      const runner = await startRunner({
        store: db.store,
        sql: db.sql,
        projection: readModelsProjection,
        batchSize: 37,
      });
      try {
        await runner.whenCaughtUp();
        // 20 people: an account, an inquiry and a user profile each, plus their cases.
        expect(await everyStateEqualsFreshFold(db)).toBe(
          60 + (await db.sql.query("select 1 from aggregate_state where kind = 'case'")).rowCount,
        );

        // An inquiry's verification event is on the inquiry's, the verification's and the account's timelines.
        const { rows } = await db.sql.query<{ subject_kind: string }>(
          "select subject_kind from timeline_entries where event_id = 'evt_3_3' order by subject_kind",
        );
        expect(rows.map((r) => r.subject_kind)).toEqual(['account', 'inquiry', 'persona-verification']);

        await appendFeed(db.store, generateFeed({ people: 3, seed: 8, offset: 100 }));
        await runner.whenCaughtUp();
        const live = await db.sql.query(
          "select status from aggregate_state where kind = 'account' and id = 'act_101'",
        );
        expect(live.rowCount).toBe(1);
        await everyStateEqualsFreshFold(db);

        const refs = await db.sql.query<{ kind: string }>(
          "select kind from reference_index where reference_id = 'cust-101' order by kind",
        );
        expect(refs.rows.map((r) => r.kind)).toEqual(['account', 'inquiry', 'user-profile']);
      } finally {
        await runner.stop();
      }
    },
  );

  it.skipIf(!available)(
    'a second runner on the same projection is refused with a clear message',
    async () => {
      const first = await startRunner({ store: db.store, sql: db.sql, projection: readModelsProjection });
      try {
        await expect(
          startRunner({ store: db.store, sql: db.sql, projection: readModelsProjection }),
        ).rejects.toThrow(ProjectionLockedError);
        await expect(
          startRunner({ store: db.store, sql: db.sql, projection: readModelsProjection }),
        ).rejects.toThrow(`read-models:v${READ_MODELS_VERSION} is held by another runner`);
      } finally {
        await first.stop();
      }
      // Released on stop: a new runner gets it.
      const again = await startRunner({ store: db.store, sql: db.sql, projection: readModelsProjection });
      await again.stop();
    },
  );

  it.skipIf(!available)('the same batch applied twice leaves the same tables', async () => {
    const events: RecordedEvent[] = [];
    for await (const g of db.store.readAll({ batchSize: 1000 })) events.push(g.event);
    const before = await dumpViews(db.sql);
    const batch = events.slice(40, 140);
    for (let i = 0; i < 2; i++) {
      await db.sql.transaction((tx) =>
        readModelsProjection.apply(batch, tx, projectionContext(db.store, READ_MODELS_VERSION, { batch })),
      );
      expect(await dumpViews(db.sql)).toEqual(before);
    }
  });

  it.skipIf(!available)(
    'spaced live batches never hold up whenCaughtUp or stop, and still equal a fresh fold',
    async () => {
      // Spacing far beyond the test's timeout: it passes only if whenCaughtUp and stop cut the wait short.
      const runner = await startRunner({
        store: db.store,
        sql: db.sql,
        projection: readModelsProjection,
        liveSpacingMs: 600_000,
      });
      const stored = async (n: number) =>
        (await db.sql.query("select 1 from aggregate_state where kind = 'account' and id = $1", [`act_${n}`]))
          .rowCount;
      let stopped = false;
      try {
        await runner.whenCaughtUp();
        // Two live batches in a row: the second one's runner then waits out the spacing.
        await appendFeed(db.store, generateFeed({ people: 2, seed: 9, offset: 200 }));
        await vi.waitFor(async () => expect(await stored(200)).toBe(1));
        await appendFeed(db.store, generateFeed({ people: 2, seed: 10, offset: 210 }));
        await vi.waitFor(async () => expect(await stored(210)).toBe(1));
        await appendFeed(db.store, generateFeed({ people: 2, seed: 11, offset: 220 }));
        await runner.whenCaughtUp();
        expect(await stored(221)).toBe(1);
        await everyStateEqualsFreshFold(db);
        await appendFeed(db.store, generateFeed({ people: 1, seed: 12, offset: 230 }));
        await vi.waitFor(async () => expect(await stored(230)).toBe(1));
        await runner.stop();
        stopped = true;
      } finally {
        if (!stopped) await runner.stop();
      }
    },
  );

  it.skipIf(!available)('a redaction scrubs PII from every earlier timeline row of the subject', async () => {
    const { rows } = await db.sql.query<{ id: string }>(
      "select id from aggregate_state where kind = 'inquiry' and redacted",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { id } of rows) {
      const n = id.slice('inq_'.length);
      const dump = await db.sql.query<{ changes: string; summary: string }>(
        `select changes::text as changes, summary from timeline_entries
          where (subject_kind = 'inquiry' and subject_id = $1) or (subject_kind = 'account' and subject_id = $2)`,
        [id, `act_${n}`],
      );
      expect(dump.rowCount).toBeGreaterThan(3);
      const text = JSON.stringify(dump.rows);
      expect(text).not.toMatch(/Alex|Sample|1990-04-12|Sample Road/);
      expect(text).toContain('[redacted]');
    }
  });
});
