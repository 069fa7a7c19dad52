/**
 * Partitioned members and the rebuild job: two members (in this process, each with its own
 * client, as two processes would have) follow a build; `rebuild` fills a new version beside it
 * and switches over; the members' next compare-and-set on the old build fails, they take the new
 * build over at its checkpoint and keep it current. Its rows then equal a fresh fold, and a
 * single runner started meanwhile steps aside instead of writing. Then members with newer code
 * fill their build side by side, partitioned, and switch over once every partition is caught up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent } from '../../src/events/types.js';
import { catchUp, initBuild } from '../../src/projections/build-steps.js';
import { activeBuild, insertBuild } from '../../src/projections/builds.js';
import { ProjectionLockedError } from '../../src/projections/lock.js';
import { listPartitions } from '../../src/projections/partitions/partition-table.js';
import {
  startPartitionedRunner,
  type PartitionedRunner,
} from '../../src/projections/partitions/partitioned-runner.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { startRunner } from '../../src/projections/runner.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import type { EventStore } from '../../src/store/event-store.js';
import { openEventStore } from '../../src/store/open.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();

function feedItems(subjects: number, seed: number): { streamId: string; events: NewEvent[] }[] {
  const byStream = new Map<string, NewEvent[]>();
  const seen = new Set<string>();
  for (const d of generateDemoFeed({ subjects, seed }).deliveries) {
    const p = parseDelivery(d.source, d.body, { receivedAt: new Date(d.at) });
    if (!p.ok || seen.has(p.event.eventId)) continue;
    seen.add(p.event.eventId);
    byStream.set(p.event.streamId, [...(byStream.get(p.event.streamId) ?? []), p.event]);
  }
  return [...byStream].map(([streamId, events]) => ({ streamId, events }));
}

describe.skipIf(!pg.available)('partitioned members across a rebuild', () => {
  let schema: TestSchema;
  const opened: { store: EventStore; sql: SqlClient }[] = [];
  const members: PartitionedRunner[] = [];

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_prebuild');
    for (let i = 0; i < 3; i++) {
      const o = await openEventStore({ postgres: pg.url, schema: schema.schema });
      opened.push({ store: o.store, sql: o.sql! });
    }
  });
  afterAll(async () => {
    await Promise.all(members.map((m) => m.stop()));
    for (const o of opened) await o.store.close();
    await schema?.drop();
  });

  it('follows the new build after the switch-over; its rows equal a fresh fold', async () => {
    const [writer, a, b] = opened as [(typeof opened)[0], (typeof opened)[0], (typeof opened)[0]];
    for (const m of [a, b])
      members.push(
        await startPartitionedRunner({
          store: m.store,
          sql: m.sql,
          projection: readModelsProjection,
          partitions: 4,
          leaseMs: 1500,
          heartbeatMs: 200,
        }),
      );
    await writer.store.appendBatch(feedItems(60, 1));
    await members[0]!.whenCaughtUp();
    const before = (await activeBuild(writer.sql, 'read-models'))!.version;

    // A single runner does not write a partitioned build: it steps aside.
    await expect(
      startRunner({ store: writer.store, sql: writer.sql, projection: readModelsProjection }),
    ).rejects.toBeInstanceOf(ProjectionLockedError);

    await rebuild({ store: writer.store, sql: writer.sql, projections: [readModelsProjection] });
    const after = (await activeBuild(writer.sql, 'read-models'))!.version;
    expect(after).toBeGreaterThan(before);
    // The members take the new build over and keep it current.
    await writer.store.appendBatch(feedItems(60, 2));
    await expect
      .poll(() => members.map((m) => m.buildVersion), { timeout: 20_000, interval: 100 })
      .toEqual([after, after]);
    await members[1]!.whenCaughtUp();
    expect((await listPartitions(writer.sql, 'read-models', after)).length).toBe(4);

    await insertBuild(writer.sql, 'read-models', 99, readModelsProjection.version);
    await initBuild(writer.sql, writer.store, readModelsProjection, 99);
    await catchUp(
      writer.sql,
      writer.store,
      readModelsProjection,
      { name: 'read-models', version: 99 },
      {
        batchSize: 5000,
      },
    );
    for (const table of ['aggregate_state', 'timeline_entries', 'reference_index']) {
      const { rows } = await writer.sql.query<{ n: string }>(
        `select count(*)::text as n from (
           (select * from rm_${table}_v${after} except all select * from rm_${table}_v99)
           union all
           (select * from rm_${table}_v99 except all select * from rm_${table}_v${after})) d`,
      );
      expect(Number(rows[0]!.n), table).toBe(0);
    }
  }, 120_000);

  it('newer code fills its build partitioned beside the active one and switches over once caught up', async () => {
    const [writer, a, b] = opened as [(typeof opened)[0], (typeof opened)[0], (typeof opened)[0]];
    const old = (await activeBuild(writer.sql, 'read-models'))!;
    const newer = { ...readModelsProjection, version: readModelsProjection.version + 1 };
    const deployed: PartitionedRunner[] = [];
    for (const m of [a, b])
      deployed.push(
        await startPartitionedRunner({
          store: m.store,
          sql: m.sql,
          projection: newer,
          partitions: 4,
          leaseMs: 1500,
          heartbeatMs: 200,
          member: `new-${deployed.length}`,
        }),
      );
    members.push(...deployed);
    // Both new members fill one build side by side while the old build keeps serving.
    expect(deployed[0]!.buildVersion).toBe(deployed[1]!.buildVersion);
    const building = deployed[0]!.buildVersion;
    expect(building).toBeGreaterThan(old.version);
    await writer.store.appendBatch(feedItems(40, 3));
    await expect
      .poll(async () => (await activeBuild(writer.sql, 'read-models'))?.version, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(building);
    await deployed[0]!.whenCaughtUp();
    const owners = new Set((await listPartitions(writer.sql, 'read-models', building)).map((r) => r.owner));
    expect(owners.size).toBeGreaterThan(1);

    await insertBuild(writer.sql, 'read-models', 199, newer.version);
    await initBuild(writer.sql, writer.store, newer, 199);
    await catchUp(
      writer.sql,
      writer.store,
      newer,
      { name: 'read-models', version: 199 },
      { batchSize: 5000 },
    );
    for (const table of ['aggregate_state', 'timeline_entries', 'reference_index']) {
      const { rows } = await writer.sql.query<{ n: string }>(
        `select count(*)::text as n from (
           (select * from rm_${table}_v${building} except all select * from rm_${table}_v199)
           union all
           (select * from rm_${table}_v199 except all select * from rm_${table}_v${building})) d`,
      );
      expect(Number(rows[0]!.n), table).toBe(0);
    }
    // The views read the new build.
    const { rows } = await writer.sql.query<{ n: string }>(
      `select (select count(*) from aggregate_state)::text as n`,
    );
    const { rows: direct } = await writer.sql.query<{ n: string }>(
      `select count(*)::text as n from rm_aggregate_state_v${building}`,
    );
    expect(rows[0]!.n).toBe(direct[0]!.n);
  }, 120_000);
});
