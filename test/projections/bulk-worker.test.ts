/**
 * The bulk path folding in a worker thread (src/projections/bulk/fold-pool.ts), fed the store's
 * text, builds what it builds on the main thread: the same tables, the same parked events for a
 * stream the fold throws on or whose rows the database refuses; a broken projection still fails
 * the load, and the worker is shut down either way. A text page folded on the main thread (a load
 * of one page, `auto`) builds the same too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bulkLoadDefaults } from '../../src/projections/bulk-load.js';
import { FoldPool } from '../../src/projections/bulk/fold-pool.js';
import { listParked } from '../../src/projections/parking/parked-table.js';
import type { Projection } from '../../src/projections/projection.js';
import { rebuild } from '../../src/projections/rebuild.js';
import type { NewEvent } from '../../src/events/types.js';
import type { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import {
  brokenProjection,
  POISON_MESSAGE,
  POISON_TYPE,
  poisonProjection,
  refusingProjection,
} from './fixtures/poison-bulk.js';
import { appendFeed, dumpViews, openPglite, openPostgres, type Db } from './harness.js';

const pg = await probePostgres();

/** The feed with a poison event second in an aggregate stream that has events after it. */
function poisonedFeed(): { feed: NewEvent[]; poison: string } {
  const feed = generateFeed({ people: 30, seed: 11, late: 0.2, duplicates: 0.05, redactions: 0.2 });
  const at = feed.findIndex(
    (e, i) =>
      /^(account|inquiry|user-profile)-/.test(e.streamId) &&
      feed.slice(i + 1).filter((x) => x.streamId === e.streamId).length >= 2,
  );
  const victim = feed[at]!;
  const poison = { ...victim, eventId: `${victim.eventId}-poison`, type: POISON_TYPE };
  return { feed: [...feed.slice(0, at + 1), poison, ...feed.slice(at + 1)], poison: poison.eventId };
}

async function build(db: Db, projection: Projection, worker: boolean | 'auto') {
  bulkLoadDefaults.foldWorker = worker;
  const report = await rebuild({ store: db.store, sql: db.sql, projections: [projection], batchSize: 40 });
  const parked = (await listParked(db.sql)).filter(
    (p) => p.buildVersion === (report.projections[0] as { buildVersion: number }).buildVersion,
  );
  return {
    dump: await dumpViews(db.sql),
    parked: parked.map((p) => ({ eventId: p.eventId, error: p.error, blockedBy: p.blockedBy ?? null })),
  };
}

function suite(name: string, open: () => Promise<Db>): void {
  describe(`bulk fold worker on ${name}`, () => {
    let db: Db;
    let poison: string;
    beforeAll(async () => {
      db = await open();
      const planned = poisonedFeed();
      poison = planned.poison;
      await appendFeed(db.store, planned.feed, 50);
    }, 120_000);
    const defaults = { ...bulkLoadDefaults };
    afterEach(() => {
      Object.assign(bulkLoadDefaults, defaults);
      vi.restoreAllMocks();
    });
    afterAll(async () => {
      await db?.close();
    });

    it('builds the same tables and parks the same events as folding on the main thread', async () => {
      const fold = vi.spyOn(FoldPool.prototype, 'fold');
      const close = vi.spyOn(FoldPool.prototype, 'close');
      const inThread = await build(db, poisonProjection, false);
      expect(fold).not.toHaveBeenCalled();
      const read = vi.spyOn(db.store as SqlEventStore, 'readStreamsOrdered');
      const inWorker = await build(db, poisonProjection, true);
      expect(fold).toHaveBeenCalled();
      expect(close).toHaveBeenCalledTimes(1);
      expect(read.mock.calls.every(([request]) => request.text === true)).toBe(true);
      expect((await read.mock.results[0]!.value).texts.events.length).toBeGreaterThan(0);
      fold.mockClear();
      // One page: `auto` folds its text on the main thread.
      const onePage = await build(db, poisonProjection, 'auto');
      expect(fold).not.toHaveBeenCalled();
      expect(onePage).toEqual(inThread);
      expect(inThread.parked[0]).toMatchObject({ eventId: poison, blockedBy: null });
      expect(inThread.parked[0]!.error).toContain(POISON_MESSAGE);
      expect(inThread.parked.length).toBeGreaterThan(1);
      expect(inWorker.parked).toEqual(inThread.parked);
      expect(inWorker.dump).toEqual(inThread.dump);
    }, 120_000);

    it('cuts a stream whose rows the database refuses as on the main thread', async () => {
      const fold = vi.spyOn(FoldPool.prototype, 'fold');
      const inThread = await build(db, refusingProjection, false);
      expect(fold).not.toHaveBeenCalled();
      const inWorker = await build(db, refusingProjection, true);
      expect(fold).toHaveBeenCalled();
      expect(inThread.parked[0]).toMatchObject({ eventId: poison, blockedBy: null });
      expect(inThread.parked[0]!.error).toContain('22012');
      expect(inWorker.parked).toEqual(inThread.parked);
      expect(inWorker.dump).toEqual(inThread.dump);
    }, 120_000);

    it('fails a broken projection as on the main thread, and shuts the worker down', async () => {
      const close = vi.spyOn(FoldPool.prototype, 'close');
      await expect(build(db, brokenProjection, true)).rejects.toThrow(/failed on every one/);
      expect(close).toHaveBeenCalledTimes(1);
      expect(await close.mock.results[0]!.value).toBeUndefined();
    }, 120_000);
  });
}

// Without PostgreSQL, probePostgres has printed why these are not run (and under CI it fails instead).
if (pg.available) suite('PostgreSQL', () => openPostgres(pg.url, 'sql'));
suite('PGlite', () => openPglite());
