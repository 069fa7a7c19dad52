/**
 * Poison events under partitioned projections (PostgreSQL): a partition whose page the projection
 * keeps throwing on parks the failing event after bounded attempts, as the single runner does,
 * instead of retrying that partition for ever. Its stream's later events wait behind it, every
 * other stream (of that partition and the others) goes on, the per-partition metric counts it,
 * and a replay after the fix gives the same read models as a rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/events/types.js';
import type { Projection } from '../../src/projections/projection.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { listParked } from '../../src/projections/parking/parked-table.js';
import { replayParked } from '../../src/projections/parking/replay.js';
import { partitionOf } from '../../src/projections/partitions/partition-of.js';
import { parkedByPartition } from '../../src/projections/partitions/partition-lag.js';
import {
  startPartitionedRunner,
  type PartitionedRunner,
} from '../../src/projections/partitions/partitioned-runner.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, dumpViews, secondEventOfALongStream, openPostgres, type Db } from './harness.js';

const postgres = await probePostgres();
const PARTITIONS = 2;

const poisoned = new Set<string>();
const throwing: Projection = {
  ...readModelsProjection,
  async apply(batch: RecordedEvent[], tx, ctx) {
    if (batch.some((e) => poisoned.has(e.eventId))) throw new TypeError('cannot read a poisoned event');
    return readModelsProjection.apply(batch, tx, ctx);
  },
};

async function versions(db: Db, sql: string): Promise<Map<string, number>> {
  const { rows } = await db.sql.query<{ key: string; v: number }>(sql);
  return new Map(rows.map((r) => [r.key, r.v]));
}
const stateVersions = (db: Db) =>
  versions(db, `select kind || '-' || id as key, stream_version::int as v from aggregate_state`);
const streamVersions = (db: Db) =>
  versions(db, 'select stream_id as key, max(stream_version)::int as v from events group by stream_id');

describe.skipIf(!postgres.available)('poison events, partitioned projections (PostgreSQL)', () => {
  let db: Db;
  let runner: PartitionedRunner | undefined;
  const errors: Record<string, unknown>[] = [];

  beforeAll(async () => {
    db = await openPostgres(postgres.url);
  });
  afterAll(async () => {
    poisoned.clear();
    await runner?.stop();
    await db?.close();
  });

  it('parks the event in its partition, keeps every other stream current, and replays it', async () => {
    await appendFeed(db.store, generateFeed({ people: 8, seed: 41 }), 25);
    const victim = await secondEventOfALongStream(db);
    poisoned.add(victim.event_id);

    const ignore = () => undefined;
    runner = await startPartitionedRunner({
      store: db.store,
      sql: db.sql,
      projection: throwing,
      partitions: PARTITIONS,
      poisonAttempts: 2,
      heartbeatMs: 100,
      logger: { info: ignore, warn: ignore, error: (fields: object) => void errors.push({ ...fields }) },
    });
    // Without parking the victim's partition never reaches the head and this never resolves.
    await runner.whenCaughtUp();

    const parked = await listParked(db.sql);
    expect(
      parked.filter((p) => p.blockedBy === undefined).map((p) => [p.eventId, p.attempts, p.error]),
    ).toEqual([[victim.event_id, 2, 'TypeError: cannot read a poisoned event']]);
    const streams = await streamVersions(db);
    expect(parked.every((p) => p.streamId === victim.stream_id)).toBe(true);
    expect(parked).toHaveLength(streams.get(victim.stream_id)! - 1);
    const states = await stateVersions(db);
    expect(states.size).toBeGreaterThan(1);
    for (const [key, version] of states)
      expect([key, version]).toEqual([key, key === victim.stream_id ? 1 : streams.get(key)]);
    expect(errors[0]).toMatchObject({
      eventId: victim.event_id,
      streamId: victim.stream_id,
      partition: partitionOf(victim.stream_id, PARTITIONS),
    });
    expect(runner.status()).toMatchObject({ state: 'following', lastError: { message: expect.any(String) } });
    const byPartition = await parkedByPartition(db.sql, PARTITIONS)(throwing.name);
    expect([...byPartition]).toEqual([[partitionOf(victim.stream_id, PARTITIONS), parked.length]]);

    // Later events of the victim's stream wait behind it; the others keep moving.
    await appendFeed(db.store, generateFeed({ people: 3, seed: 42, offset: 500 }), 25);
    await runner.whenCaughtUp();
    const moreStreams = await streamVersions(db);
    for (const [key, version] of await stateVersions(db))
      if (key !== victim.stream_id) expect([key, version]).toEqual([key, moreStreams.get(key)]);

    // Fixed: the replay applies the stream; the read models equal a rebuild from the first event.
    poisoned.clear();
    const report = await replayParked(db.sql, db.store, [throwing], { all: true });
    expect(report.stillParked).toBe(0);
    expect(await listParked(db.sql)).toEqual([]);
    const replayed = await dumpViews(db.sql);
    await runner.stop();
    runner = undefined;
    await rebuild({ store: db.store, sql: db.sql, projections: [readModelsProjection] });
    expect(await dumpViews(db.sql)).toEqual(replayed);
  }, 120_000);
});
