/**
 * A first build filled in bulk (RunnerOptions.firstBuild 'bulk', what deferred projections ask
 * for): start() returns once the build is loaded and active, and its read models equal, row for row,
 * those a runner that follows from the first event builds from the same feed (in a database of
 * its own: positions and recording times, which each store assigns, are left out).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { StoreUnavailableError } from '../../src/db/errors.js';
import { listBuilds } from '../../src/projections/builds.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { startRunner } from '../../src/projections/runner.js';
import type { ProjectionLogger } from '../../src/projections/logger.js';
import type { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, dumpViews, openPglite, openPostgres, type Db } from './harness.js';

const pg = await probePostgres();
const backends: [string, boolean, () => Promise<Db>][] = [
  ['PGlite', true, () => openPglite()],
  ['PostgreSQL', pg.available, () => openPostgres(pg.url)],
];

const feed = generateFeed({ people: 30, seed: 21, late: 0.3, duplicates: 0.1, redactions: 0.25 });

/** The dump without what each database's store assigns (positions, recording times). */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const views = await dumpViews(db.sql);
  return {
    ...views,
    timeline_entries: views.timeline_entries!.map((row) => {
      const { p: _position, r: _recorded, ...rest } = row as Record<string, unknown>;
      return rest;
    }),
  };
}

function recordingLogger(messages: string[]): ProjectionLogger {
  const note = (_fields: object, message: string) => void messages.push(message);
  return { info: note, warn: note, error: note } as ProjectionLogger;
}

describe.each(backends)('a first build filled in bulk on %s', (_name, available, open) => {
  let followed: Db;
  let bulk: Db;
  beforeAll(async () => {
    if (!available) return;
    followed = await open();
    bulk = await open();
    await appendFeed(followed.store, feed, 9);
    await appendFeed(bulk.store, feed, 9);
  }, 120_000);
  afterAll(async () => {
    await followed?.close();
    await bulk?.close();
  });

  it.skipIf(!available)(
    'is active and complete when start() returns, and dumps like a followed first build',
    async () => {
      const following = await startRunner({
        store: followed.store,
        sql: followed.sql,
        projection: readModelsProjection,
        batchSize: 23,
      });
      await following.whenCaughtUp();
      await following.stop();
      const expected = await dump(followed);
      expect(expected.aggregate_state!.length).toBeGreaterThan(50);

      const messages: string[] = [];
      const ordered = vi.spyOn(bulk.store as SqlEventStore, 'readStreamsOrdered');
      const runner = await startRunner({
        store: bulk.store,
        sql: bulk.sql,
        projection: readModelsProjection,
        batchSize: 23,
        firstBuild: 'bulk',
        logger: recordingLogger(messages),
      });
      try {
        expect(ordered).toHaveBeenCalled();
        expect(messages).toContain('projection: first build, loaded in bulk, active');
        // Nothing awaited after start(): the build is already at the head.
        expect(await dump(bulk)).toEqual(expected);
      } finally {
        ordered.mockRestore();
        await runner.stop();
      }
    },
    120_000,
  );

  it.skipIf(!available)(
    'cut short by an outage, start() fails; the next start resumes the load and ends in the same tables',
    async () => {
      const resumed = await open();
      try {
        await appendFeed(resumed.store, feed, 9);
        const store = resumed.store as SqlEventStore;
        const read = store.readStreamsOrdered.bind(store);
        let pages = 0;
        // The database goes away as the load reads its first page (the head is recorded before).
        const ordered = vi.spyOn(store, 'readStreamsOrdered').mockImplementation(async (request) => {
          pages += 1;
          if (pages === 1) throw new StoreUnavailableError('database unavailable (injected)');
          return read(request);
        });
        const options = {
          store: resumed.store,
          sql: resumed.sql,
          projection: readModelsProjection,
          batchSize: 23,
          firstBuild: 'bulk' as const,
        };
        await expect(startRunner(options)).rejects.toThrow('database unavailable (injected)');
        const [build] = await listBuilds(resumed.sql, readModelsProjection.name);
        expect(build!.checkpoint).toMatch(/^bulk:/);
        const runner = await startRunner(options);
        try {
          expect(pages).toBeGreaterThan(1);
          expect(await dump(resumed)).toEqual(await dump(followed));
        } finally {
          ordered.mockRestore();
          await runner.stop();
        }
      } finally {
        await resumed.close();
      }
    },
    120_000,
  );
});
