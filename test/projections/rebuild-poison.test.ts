/**
 * A rebuild from the first event past a poison event. Regression: the rebuild job failed the whole
 * build when the projection threw on one event (the bulk path's fold of a stream, or a batch of
 * the ordinary path), so an operator could never rebuild past it. Now the build parks it, as the
 * live runner does, switches over, and a replay applies it once the projection is fixed.
 *
 * The projection is the real read-models projection with one event made to throw, in `apply` (the
 * ordinary path) and in the bulk path's `prepare` (a stream holding it cannot be folded), as a bug
 * in code shared by both would. Each case is interrupted after the first part of the feed, the rest
 * is appended (some of it to the poisoned stream) and the rebuild resumed: the later events of a
 * stream parked before the interruption wait behind its parked event.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/db/errors.js';
import type { NewEvent, RecordedEvent } from '../../src/events/types.js';
import { listBuilds } from '../../src/projections/builds.js';
import { isBulkCheckpoint } from '../../src/projections/bulk-load.js';
import { listParked, type NewParkedEvent } from '../../src/projections/parking/parked-table.js';
import { ProjectionBrokenError } from '../../src/projections/parking/poison.js';
import { replayParked } from '../../src/projections/parking/replay.js';
import type { SqlExecutor } from '../../src/db/sql-client.js';
import type { BulkProjection, Projection, ProjectionContext } from '../../src/projections/projection.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { startRunner } from '../../src/projections/runner.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, dumpViews, openPglite, openPostgres, type Db } from './harness.js';

const postgres = await probePostgres();

const poisoned = new Set<string>();
const poisonError = 'cannot read properties of a poisoned event';
/** Events whose rows the database refuses (a data exception, as for a value it cannot store). */
const refused = new Set<string>();
const refuseIfWritten = async (tx: SqlExecutor, ctx: ProjectionContext): Promise<void> => {
  if (refused.size === 0) return;
  const { rows } = await tx.query(
    `select 1 from ${ctx.table('timeline_entries')} where event_id = any($1::text[]) limit 1`,
    [[...refused]],
  );
  if (rows.length > 0) await tx.query('select 1 / 0');
};
const bulk = readModelsProjection.bulk!;
const throwingBulk: BulkProjection = {
  ...bulk,
  prepare(streams, options) {
    for (const s of streams) outage(s);
    if (streams.some((s) => s.some((e) => poisoned.has(e.eventId)))) throw new TypeError(poisonError);
    return bulk.prepare(streams, options);
  },
  async write(prepared, tx, ctx) {
    await bulk.write(prepared, tx, ctx);
    await refuseIfWritten(tx, ctx);
  },
};
/** Events whose every attempt meets a database outage instead (never a reason to park). */
const unreachable = new Set<string>();
/** A projection that throws on every event is broken, not poisoned. */
let broken = false;
const outage = (events: readonly RecordedEvent[]): void => {
  if (broken) throw new TypeError('every event throws');
  if (events.some((e) => unreachable.has(e.eventId)))
    throw new StoreUnavailableError('read models: database unavailable (connection terminated)');
};
const throwing: Projection = {
  ...readModelsProjection,
  async apply(batch: RecordedEvent[], tx, ctx) {
    outage(batch);
    if (batch.some((e) => poisoned.has(e.eventId))) throw new TypeError(poisonError);
    await readModelsProjection.apply(batch, tx, ctx);
    await refuseIfWritten(tx, ctx);
  },
  bulk: throwingBulk,
};

/**
 * The feed in two parts, and the stream to poison: an aggregate stream with two events or more in
 * the first part and more in the second; its event `at` (0: the first) is the poison.
 */
function plan(at = 1): { first: NewEvent[]; second: NewEvent[]; victimStream: string; victimEvent: string } {
  const feed = generateFeed({ people: 8, seed: 47 });
  const split = Math.floor(feed.length * 0.6);
  const first = feed.slice(0, split);
  const second = feed.slice(split);
  const aggregate = /^(account|inquiry|user-profile)-/;
  for (const e of first) {
    if (!aggregate.test(e.streamId)) continue;
    const mine = first.filter((x) => x.streamId === e.streamId);
    if (mine.length >= 2 && second.some((x) => x.streamId === e.streamId))
      return { first, second, victimStream: e.streamId, victimEvent: mine[at]!.eventId };
  }
  throw new Error('feed has no stream to poison');
}

type Dump = Record<string, unknown[]>;

/** The dump without the victim stream's rows: its state and references, and its events' timeline rows. */
function without(dump: Dump, victimStream: string, victimEvents: Set<string>): Dump {
  const subject = (r: unknown): string => {
    const row = r as { kind: string; id: string };
    return `${row.kind}-${row.id}`;
  };
  return {
    aggregate_state: dump.aggregate_state!.filter((r) => subject(r) !== victimStream),
    timeline_entries: dump.timeline_entries!.filter(
      (r) => !victimEvents.has((r as { event_id: string }).event_id),
    ),
    reference_index: dump.reference_index!.filter((r) => subject(r) !== victimStream),
  };
}

async function stateVersions(db: Db): Promise<Map<string, number>> {
  const { rows } = await db.sql.query<{ kind: string; id: string; v: number }>(
    'select kind, id, stream_version::int as v from aggregate_state',
  );
  return new Map(rows.map((r) => [`${r.kind}-${r.id}`, r.v]));
}

async function streamEvents(db: Db): Promise<Map<string, string[]>> {
  const { rows } = await db.sql.query<{ stream_id: string; event_id: string }>(
    'select stream_id, event_id from events order by stream_id, stream_version',
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.stream_id, [...(out.get(r.stream_id) ?? []), r.event_id]);
  return out;
}

const backends: [string, boolean, () => Promise<Db>][] = [
  ['PostgreSQL', postgres.available, () => openPostgres(postgres.url)],
  ['PGlite', true, () => openPglite()],
];

const paths: [string, boolean][] = [
  ['bulk', true],
  ['ordinary', false],
];
/**
 * Path, which event of the victim stream is the poison (its first: the stream has no row), and how
 * it fails: the projection's code throws on it, or the database refuses its rows.
 */
type Kind = 'throws' | 'refused';
const cases: [string, number, Kind, boolean][] = [
  ['bulk', 1, 'throws', true],
  ['ordinary', 1, 'throws', false],
  ['bulk', 0, 'throws', true],
  ['ordinary', 0, 'throws', false],
  ['bulk', 1, 'refused', true],
  ['ordinary', 1, 'refused', false],
];

describe.each(backends)('rebuild past a poison event (%s)', (_name, available, open) => {
  let db: Db | undefined;
  afterEach(async () => {
    poisoned.clear();
    refused.clear();
    unreachable.clear();
    broken = false;
    await db?.close();
    db = undefined;
  });

  /** The rebuild of `on` every test runs: the throwing projection, small batches, `poisonAttempts` tries. */
  function rebuildOptions(on: Db, bulk: boolean, poisonAttempts: number) {
    return { store: on.store, sql: on.sql, projections: [throwing], bulk, batchSize: 20, poisonAttempts };
  }

  /** A database holding `events`, its read models made by a runner (the build a rebuild replaces). */
  async function projected(events: Parameters<typeof appendFeed>[1]): Promise<Db> {
    const opened = await open();
    try {
      await appendFeed(opened.store, events, 25);
      const runner = await startRunner({
        store: opened.store,
        sql: opened.sql,
        projection: readModelsProjection,
      });
      await runner.whenCaughtUp();
      await runner.stop();
      return opened;
    } catch (error) {
      await opened.close();
      throw error;
    }
  }

  it.skipIf(!available).each(cases)(
    '%s path, poison at event %i of its stream (%s): parks it, completes and switches over; a replay after the fix equals a clean rebuild',
    async (_path, at, kind, useBulk) => {
      const { first, second, victimStream, victimEvent } = plan(at);
      db = await projected(first);
      (kind === 'throws' ? poisoned : refused).add(victimEvent);

      // Interrupted once the first part is read (the bulk load before its finishing pass).
      const firstCount = (await db.sql.query('select 1 from events')).rows.length;
      const abort = new AbortController();
      const reported: [string, string][] = [];
      const onParked = (
        projection: string,
        parked: readonly NewParkedEvent[],
        failures: readonly { error: unknown }[],
      ): void => {
        expect(projection).toBe('read-models');
        const heads = parked.filter((p) => p.blockedBy === undefined);
        expect(failures).toHaveLength(heads.length);
        heads.forEach((p, i) => reported.push([p.event.eventId, (failures[i]!.error as Error).message]));
      };
      await expect(
        rebuild({
          ...rebuildOptions(db, useBulk, 2),
          signal: abort.signal,
          onParked,
          onProgress: (p) => {
            if (p.processed >= firstCount) abort.abort();
          },
        }),
      ).rejects.toThrow();
      const building = (await listBuilds(db.sql, 'read-models')).find((b) => b.state === 'building')!;
      expect(building.eventsApplied).toBe(firstCount);
      expect(isBulkCheckpoint(building.checkpoint)).toBe(useBulk);

      await appendFeed(db.store, second, 25);
      const report = await rebuild({ ...rebuildOptions(db, useBulk, 2), onParked });
      const streams = await streamEvents(db);
      const victimEvents = streams.get(victimStream)!;
      expect(victimEvents.length).toBeGreaterThan(first.filter((e) => e.streamId === victimStream).length);
      expect(report.projections[0]).toMatchObject({
        buildVersion: building.version,
        resumes: true,
        parked: victimEvents.length - at,
      });
      expect((await listBuilds(db.sql, 'read-models')).find((b) => b.state === 'active')!.version).toBe(
        building.version,
      );

      // The poison event with its error and attempts; every later event of its stream behind it,
      // those appended after the interruption too; nothing of any other stream.
      const parked = await listParked(db.sql);
      expect(parked.map((p) => p.eventId)).toEqual(victimEvents.slice(at));
      expect(parked.every((p) => p.buildVersion === building.version && p.streamId === victimStream)).toBe(
        true,
      );
      expect(parked[0]).toMatchObject({
        eventId: victimEvent,
        streamVersion: at + 1,
        error: kind === 'throws' ? `TypeError: ${poisonError}` : expect.stringContaining('SQLSTATE 22012'),
        attempts: useBulk ? 1 : 2,
      });
      expect(parked[0]!.blockedBy).toBeUndefined();
      expect(parked.slice(1).every((p) => p.blockedBy === victimEvent && p.attempts === 0)).toBe(true);
      // The poison event was reported once, by the run that parked it, with the error thrown.
      expect(reported).toEqual([[victimEvent, kind === 'throws' ? poisonError : expect.any(String)]]);

      // The victim's state stops before the poison event; every other stream is current.
      const states = await stateVersions(db);
      expect(states.get(victimStream)).toBe(at === 0 ? undefined : at);
      for (const [key, version] of states)
        if (key !== victimStream) expect([key, version]).toEqual([key, streams.get(key)!.length]);
      const poisonedDump = await dumpViews(db.sql);

      // Still poisoned: a replay keeps it parked, one more attempt.
      const again = await replayParked(db.sql, db.store, [throwing], { all: true });
      expect(again).toMatchObject({ replayed: 0, stillParked: parked.length });

      // Fixed: the replay applies the stream, and the read models equal a clean rebuild's.
      poisoned.clear();
      refused.clear();
      const replay = await replayParked(db.sql, db.store, [throwing], { all: true });
      expect(replay).toMatchObject({ replayed: parked.length, stillParked: 0 });
      expect(await listParked(db.sql)).toEqual([]);
      const replayed = await dumpViews(db.sql);
      const clean = await rebuild({
        store: db.store,
        sql: db.sql,
        projections: [readModelsProjection],
        bulk: useBulk,
      });
      expect(clean.projections[0]).toMatchObject({ parked: 0 });
      const cleanDump = await dumpViews(db.sql);
      expect(replayed).toEqual(cleanDump);
      const ids = new Set(victimEvents);
      expect(without(poisonedDump, victimStream, ids)).toEqual(without(cleanDump, victimStream, ids));
    },
    120_000,
  );

  it.skipIf(!available).each(paths)(
    '%s path: an outage still fails the rebuild and parks nothing; a rerun resumes it',
    async (_path, useBulk) => {
      const { first, victimEvent } = plan();
      db = await projected(first);
      const before = await dumpViews(db.sql);
      unreachable.add(victimEvent);
      const options = rebuildOptions(db, useBulk, 1);
      await expect(rebuild(options)).rejects.toThrow(StoreUnavailableError);
      expect((await db.sql.query('select 1 from projection_parked')).rows).toEqual([]);
      expect((await listBuilds(db.sql, 'read-models')).map((b) => b.state)).toEqual(['active', 'building']);

      unreachable.clear();
      const report = await rebuild(options);
      expect(report.projections[0]).toMatchObject({ resumes: true, parked: 0 });
      expect(await dumpViews(db.sql)).toEqual(before);
    },
    120_000,
  );

  it.skipIf(!available).each(paths)(
    '%s path: a projection that throws on every stream is broken, not poisoned: the rebuild fails, nothing parked',
    async (_path, useBulk) => {
      const { first } = plan();
      db = await projected(first);
      const before = await dumpViews(db.sql);
      broken = true;
      const options = rebuildOptions(db, useBulk, 1);
      await expect(rebuild(options)).rejects.toThrow(ProjectionBrokenError);
      expect((await db.sql.query('select 1 from projection_parked')).rows).toEqual([]);
      expect((await listBuilds(db.sql, 'read-models')).map((b) => b.state)).toEqual(['active', 'building']);
      expect(await dumpViews(db.sql)).toEqual(before);
    },
    120_000,
  );
});
