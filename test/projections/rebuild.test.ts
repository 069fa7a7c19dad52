import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fold } from '../../src/aggregates/fold.js';
import { aggregateForStream } from '../../src/aggregates/registry.js';
import type { RecordedEvent } from '../../src/events/types.js';
import { listBuilds } from '../../src/projections/builds.js';
import { ProjectionLockedError } from '../../src/projections/lock.js';
import { READ_MODELS_VERSION, readModelsProjection } from '../../src/projections/read-models/read-models.js';

import { rebuild } from '../../src/projections/rebuild.js';
import { startRunner } from '../../src/projections/runner.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { appendFeed, dumpViews, openPostgres, type Db } from './harness.js';

/** The code version: the first build gets this number, each rebuild the next. */
const V = READ_MODELS_VERSION;

const pg = await probePostgres();

describe.skipIf(!pg.available)('rebuild on PostgreSQL', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPostgres(pg.url, 'memory');
    await appendFeed(
      db.store,
      generateFeed({ people: 30, seed: 11, late: 0.3, duplicates: 0.1, redactions: 0.2 }),
    );
    const runner = await startRunner({ store: db.store, sql: db.sql, projection: readModelsProjection });
    await runner.whenCaughtUp();
    await runner.stop();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('dry run reports what it would build and how many events it would read, changing nothing', async () => {
    const total = (
      await db.sql.query<{ n: string }>(
        'select count(*)::text as n from (select distinct event_id from timeline_entries) e',
      )
    ).rows[0]!.n;
    const report = await rebuild({ store: db.store, sql: db.sql, dryRun: true });
    expect(report.projections).toEqual([
      expect.objectContaining({
        projection: 'read-models',
        activeVersion: V,
        buildVersion: V + 1,
        resumes: false,
        eventsToRead: Number(total),
      }),
    ]);
    expect((await listBuilds(db.sql, 'read-models')).map((b) => b.version)).toEqual([V]);
  });

  it('a rebuild killed midway and resumed leaves tables identical to an uninterrupted one', async () => {
    const before = await dumpViews(db.sql);
    const uninterrupted = await rebuild({ store: db.store, sql: db.sql, batchSize: 50 });
    expect(uninterrupted.projections[0]).toMatchObject({ buildVersion: V + 1, resumes: false });
    const clean = await dumpViews(db.sql);
    expect(clean).toEqual(before);

    const abort = new AbortController();
    let batches = 0;
    await expect(
      rebuild({
        store: db.store,
        sql: db.sql,
        batchSize: 50,
        signal: abort.signal,
        onProgress: (p) => {
          expect(p.total).toBeGreaterThan(p.processed);
          if (++batches === 3) abort.abort();
        },
      }),
    ).rejects.toThrow();
    const half = (await listBuilds(db.sql, 'read-models')).find((b) => b.state === 'building')!;
    expect(half).toMatchObject({ version: V + 2, eventsApplied: 150 });
    // The active version kept serving meanwhile.
    expect(await dumpViews(db.sql)).toEqual(clean);

    const resumed = await rebuild({ store: db.store, sql: db.sql, batchSize: 50 });
    expect(resumed.projections[0]).toMatchObject({ buildVersion: V + 2, resumes: true });
    expect(await dumpViews(db.sql)).toEqual(clean);
    const builds = await listBuilds(db.sql, 'read-models');
    expect(builds.map((b) => [b.version, b.state])).toEqual([
      [V + 1, 'retired'],
      [V + 2, 'active'],
    ]);
  });

  it('two rebuilds of one projection never run at once', async () => {
    const first = rebuild({ store: db.store, sql: db.sql, batchSize: 20 });
    // The first holds the rebuild lock once its build is in the catalog.
    await vi.waitFor(
      async () =>
        expect((await listBuilds(db.sql, 'read-models')).some((b) => b.state === 'building')).toBe(true),
      { interval: 2 },
    );
    await expect(rebuild({ store: db.store, sql: db.sql })).rejects.toThrow(ProjectionLockedError);
    await first;
  });

  it('a reader during a rebuild never sees a half-built table', async () => {
    const expected = await db.sql.query<{ n: string; v: string; t: string }>(
      'select (select count(*) from aggregate_state)::text as n, (select sum(version) from aggregate_state)::text as v, (select count(*) from timeline_entries)::text as t',
    );
    let stop = false;
    let reads = 0;
    const reader = (async () => {
      while (!stop) {
        const seen = await db.sql.query(
          'select (select count(*) from aggregate_state)::text as n, (select sum(version) from aggregate_state)::text as v, (select count(*) from timeline_entries)::text as t',
        );
        expect(seen.rows).toEqual(expected.rows);
        reads += 1;
      }
    })();
    await rebuild({ store: db.store, sql: db.sql, batchSize: 25 });
    stop = true;
    await reader;
    expect(reads).toBeGreaterThan(1);
  });
});

describe('randomised feeds (PGlite, memory event store)', () => {
  // One PGlite for every run (starting one costs seconds); each run begins on an emptied schema
  // and a fresh event store, so runs share nothing but the database process.
  let sql: PgliteSqlClient;
  beforeAll(async () => {
    sql = await PgliteSqlClient.open();
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('after late and duplicate deliveries every aggregate-state row equals a fresh fold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        async (seed, late, duplicates, batchSize) => {
          await sql.exec('drop schema public cascade; create schema public;');
          const store = new MemoryEventStore({ pollIntervalMs: 100 });
          try {
            const feed = generateFeed({ people: 6, seed, late, duplicates, redactions: 0.3 });
            const half = Math.floor(feed.length / 2);
            await appendFeed(store, feed.slice(0, half), 7);
            const runner = await startRunner({ store, sql, projection: readModelsProjection, batchSize });
            await appendFeed(store, feed.slice(half), 7);
            await runner.whenCaughtUp();
            await runner.stop();
            const { rows } = await sql.query<{ stream_id: string; state: unknown }>(
              'select stream_id, state from aggregate_state',
            );
            expect(rows.length).toBeGreaterThanOrEqual(18);
            for (const row of rows) {
              const events: RecordedEvent[] = [];
              for await (const e of store.readStream(row.stream_id)) events.push(e);
              expect(row.state).toEqual(
                JSON.parse(JSON.stringify(fold(aggregateForStream(row.stream_id)!, events))),
              );
            }
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});
