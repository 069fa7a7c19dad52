/**
 * Poison events: a projection that throws on one event must not stop every read model.
 * Regression: the subscription retried the failing batch for ever, so no later event of any
 * stream reached the read models and nothing said why beyond a warning per retry.
 *
 * The projection is the real read-models projection with one event made to throw (a projection
 * bug, as code would have it); the store and tables are real (PostgreSQL, then PGlite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/events/types.js';
import type { Projection } from '../../src/projections/projection.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { listParked } from '../../src/projections/parking/parked-table.js';
import { replayParked } from '../../src/projections/parking/replay.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { startRunner, type ProjectionRunner } from '../../src/projections/runner.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import {
  appendFeed,
  dumpViews,
  secondEventOfALongStream,
  openPglite,
  openPostgres,
  type Db,
} from './harness.js';

const postgres = await probePostgres();

const poisoned = new Set<string>();
const throwing: Projection = {
  ...readModelsProjection,
  async apply(batch: RecordedEvent[], tx, ctx) {
    const bad = batch.find((e) => poisoned.has(e.eventId));
    if (bad) throw new TypeError(`cannot read properties of a poisoned event`);
    return readModelsProjection.apply(batch, tx, ctx);
  },
};

async function stateVersions(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.sql.query<{ kind: string; id: string; v: number }>(
    'select kind, id, stream_version::int as v from aggregate_state',
  );
  return new Map(rows.map((r) => [`${r.kind}-${r.id}`, r.v]));
}

async function streamVersions(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.sql.query<{ stream_id: string; v: number }>(
    'select stream_id, max(stream_version)::int as v from events group by stream_id',
  );
  return new Map(rows.map((r) => [r.stream_id, r.v]));
}

const backends: [string, boolean, () => Promise<Db>][] = [
  ['PostgreSQL', postgres.available, () => openPostgres(postgres.url)],
  ['PGlite', true, () => openPglite()],
];

describe.each(backends)('poison events (%s)', (_name, available, open) => {
  let db: Db;
  let runner: ProjectionRunner | undefined;
  const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    if (available) db = await open();
  });
  afterAll(async () => {
    poisoned.clear();
    await runner?.stop();
    await db?.close();
  });

  it.skipIf(!available)(
    'parks the event after bounded attempts, keeps the other streams current, and replays it',
    async () => {
      const feed = generateFeed({ people: 6, seed: 31 });
      await appendFeed(db.store, feed, 25);
      const victim = await secondEventOfALongStream(db);
      poisoned.add(victim.event_id);

      const log =
        (level: string) =>
        (fields: object, message?: string): void =>
          void logged.push({ level, message: message ?? '', fields: fields as Record<string, unknown> });
      runner = await startRunner({
        store: db.store,
        sql: db.sql,
        projection: throwing,
        poisonAttempts: 2,
        logger: { info: log('info'), warn: log('warn'), error: log('error') },
      });
      const started = Date.now();
      await runner.whenCaughtUp();
      const parkedAfterMs = Date.now() - started;

      const parked = await listParked(db.sql);
      const head = parked.filter((p) => p.blockedBy === undefined);
      expect(head.map((p) => [p.eventId, p.streamId, p.attempts, p.error])).toEqual([
        [victim.event_id, victim.stream_id, 2, 'TypeError: cannot read properties of a poisoned event'],
      ]);
      const streams = await streamVersions(db);
      // Every later event of the stream waits behind it; nothing of any other stream is parked.
      expect(parked.every((p) => p.streamId === victim.stream_id)).toBe(true);
      expect(parked).toHaveLength(streams.get(victim.stream_id)! - 1);
      expect(parked.filter((p) => p.blockedBy).every((p) => p.blockedBy === victim.event_id)).toBe(true);

      // Other streams are current; the victim's row stops before its parked event.
      const states = await stateVersions(db);
      for (const [key, version] of states)
        expect([key, version]).toEqual([key, key === victim.stream_id ? 1 : streams.get(key)]);
      expect(logged.find((l) => l.level === 'error')).toMatchObject({
        message: 'projection: event parked; its stream is stale until it is replayed',
        fields: { eventId: victim.event_id, streamId: victim.stream_id, attempts: 2 },
      });

      // Later events: the victim's new ones wait behind it, other streams keep moving.
      await appendFeed(db.store, generateFeed({ people: 2, seed: 32, offset: 500 }), 25);
      await runner.whenCaughtUp();
      const moreStreams = await streamVersions(db);
      const moreStates = await stateVersions(db);
      for (const [key, version] of moreStates)
        if (key !== victim.stream_id) expect([key, version]).toEqual([key, moreStreams.get(key)]);

      // A replay that fails again keeps it parked with one more attempt.
      const again = await replayParked(db.sql, db.store, [throwing], { eventId: victim.event_id });
      expect(again).toMatchObject({ replayed: 0, stillParked: parked.length });
      expect((await listParked(db.sql, { eventId: victim.event_id }))[0]!.attempts).toBe(3);

      // Fixed: the replay applies the stream, and the read models equal a rebuild from scratch.
      poisoned.clear();
      const report = await replayParked(db.sql, db.store, [throwing], { all: true });
      expect(report).toMatchObject({ replayed: parked.length, stillParked: 0 });
      expect(await listParked(db.sql)).toEqual([]);
      expect((await stateVersions(db)).get(victim.stream_id)).toBe(streams.get(victim.stream_id));
      const replayed = await dumpViews(db.sql);
      await rebuild({ store: db.store, sql: db.sql, projections: [readModelsProjection] });
      await runner.whenCaughtUp();
      expect(await dumpViews(db.sql)).toEqual(replayed);
      console.log(
        `RELIABILITY poison-${_name} ${JSON.stringify({
          events: (await db.sql.query('select 1 from events')).rows.length,
          parked: parked.length,
          attemptsBeforeParking: 2,
          caughtUpWithParkingMs: parkedAfterMs,
          otherStreamsCurrent: states.size - 1,
          replayedAfterFix: report.replayed,
          rowsEqualRebuild: true,
        })}`,
      );
    },
    120_000,
  );
});
