/**
 * The bulk rebuild path (src/projections/bulk-load.ts): what it builds must equal, row for row, what
 * the live runner builds from the same feed, killed or not, with events appended while it loads.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listBuilds } from '../../src/projections/builds.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { startRunner } from '../../src/projections/runner.js';
import type { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, dumpViews, openPglite, openPostgres, type Db } from './harness.js';

const pg = await probePostgres();

/** Fills the first build with the live runner (small batches: late events refold across batches). */
async function liveBuild(db: Db, batchSize: number): Promise<void> {
  const runner = await startRunner({
    store: db.store,
    sql: db.sql,
    projection: readModelsProjection,
    batchSize,
  });
  await runner.whenCaughtUp();
  await runner.stop();
}

function suite(name: string, open: () => Promise<Db>): void {
  describe(`bulk rebuild on ${name}`, () => {
    let db: Db;
    let live: Record<string, unknown[]>;
    beforeAll(async () => {
      db = await open();
      await appendFeed(
        db.store,
        generateFeed({ people: 40, seed: 7, late: 0.3, duplicates: 0.1, redactions: 0.25 }),
        9,
      );
      await liveBuild(db, 23);
      live = await dumpViews(db.sql);
    }, 120_000);
    afterAll(async () => {
      await db?.close();
    });

    it('a bulk-built version dumps exactly like the live-runner-built one', async () => {
      const ordered = vi.spyOn(db.store as SqlEventStore, 'readStreamsOrdered');
      try {
        const report = await rebuild({ store: db.store, sql: db.sql, batchSize: 50, bulk: true });
        expect(report.projections[0]).toMatchObject({ resumes: false });
        expect(ordered).toHaveBeenCalled();
      } finally {
        ordered.mockRestore();
      }
      expect(live.aggregate_state!.length).toBeGreaterThan(100);
      expect(await dumpViews(db.sql)).toEqual(live);
    }, 120_000);

    it('killed midway and resumed, it builds the same tables as an uninterrupted load', async () => {
      const abort = new AbortController();
      let chunks = 0;
      await expect(
        rebuild({
          store: db.store,
          sql: db.sql,
          batchSize: 40,
          bulk: true,
          signal: abort.signal,
          onProgress: () => {
            if (++chunks === 3) abort.abort();
          },
        }),
      ).rejects.toThrow();
      const half = (await listBuilds(db.sql, 'read-models')).find((b) => b.state === 'building')!;
      expect(half.checkpoint).toMatch(/^bulk:/);
      expect(half.eventsApplied).toBeGreaterThanOrEqual(120);
      expect(await dumpViews(db.sql)).toEqual(live);
      const resumed = await rebuild({ store: db.store, sql: db.sql, batchSize: 40 });
      expect(resumed.projections[0]).toMatchObject({ resumes: true, buildVersion: half.version });
      expect(await dumpViews(db.sql)).toEqual(live);
      const builds = await listBuilds(db.sql, 'read-models');
      expect(builds.find((b) => b.version === half.version)).toMatchObject({ state: 'active' });
      const totals = await db.sql.query<{ n: string }>('select count(*)::text as n from events');
      expect(builds.find((b) => b.version === half.version)!.eventsApplied).toBe(Number(totals.rows[0]!.n));
    }, 120_000);

    it('includes events appended during the bulk load (caught up on the ordinary path)', async () => {
      const store = db.store as SqlEventStore;
      const original = store.readStreamsOrdered.bind(store);
      let appended = false;
      const spy = vi.spyOn(store, 'readStreamsOrdered').mockImplementation(async (options) => {
        const rows = await original(options);
        if (!appended) {
          appended = true;
          // New people and new events on streams the load has not reached or has already passed.
          await appendFeed(
            store,
            generateFeed({ people: 8, offset: 40, seed: 8, late: 0.3, redactions: 0.5 }),
            9,
          );
          await appendFeed(
            store,
            generateFeed({ people: 40, seed: 9, late: 0.2, redactions: 0.25 }).slice(0, 60),
            9,
          );
        }
        return rows;
      });
      try {
        await rebuild({ store, sql: db.sql, batchSize: 60, bulk: true });
      } finally {
        spy.mockRestore();
      }
      expect(appended).toBe(true);
      const bulkBuilt = await dumpViews(db.sql);
      // The same events through the live path only.
      await rebuild({ store, sql: db.sql, batchSize: 23, bulk: false });
      const liveBuilt = await dumpViews(db.sql);
      expect(bulkBuilt.aggregate_state!.length).toBeGreaterThan(live.aggregate_state!.length);
      expect(bulkBuilt).toEqual(liveBuilt);
    }, 120_000);
  });
}

// Without PostgreSQL, probePostgres has printed why these are not run (and under CI it fails instead).
if (pg.available) suite('PostgreSQL', () => openPostgres(pg.url, 'sql'));
suite('PGlite', () => openPglite('sql'));
