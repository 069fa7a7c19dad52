/**
 * A partitioned build is resumed, never duplicated, after a process stops half-way through
 * preparing it (PostgreSQL): here the first build of a projection was created and seeded with its
 * partitions, and the process died before switching it over. The next member resumes that build,
 * makes it active, and fills it; no second build is made beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBuild } from '../../src/projections/build-steps.js';
import { activeBuild, ensureCatalog, insertBuild, listBuilds } from '../../src/projections/builds.js';
import { PARTITIONED_PREFIX } from '../../src/projections/partitions/assignment.js';
import { preparePartitionedBuild } from '../../src/projections/partitions/partitioned-build.js';
import { ensurePartitionTables, seedPartitions } from '../../src/projections/partitions/partition-table.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import type { EventStore } from '../../src/store/event-store.js';
import { openEventStore } from '../../src/store/open.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();

describe.skipIf(!pg.available)('partitioned build preparation, interrupted', () => {
  let schema: TestSchema;
  let store: EventStore;
  let sql: SqlClient;

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_presume');
    const o = await openEventStore({ postgres: pg.url, schema: schema.schema });
    store = o.store;
    sql = o.sql!;
  });
  afterAll(async () => {
    await store?.close();
    await schema?.drop();
  });

  it('resumes the first build a stopped process seeded but never switched over', async () => {
    const p = readModelsProjection;
    await ensureCatalog(sql);
    await ensurePartitionTables(sql);
    // What the stopped process had done: the build, its tables and partitions, not yet active.
    await initBuild(sql, store, p, p.version);
    await sql.transaction(async (tx) => {
      await insertBuild(tx, p.name, p.version, p.version);
      await seedPartitions(tx, p.name, p.version, 4, '');
      await tx.query(`update projection_checkpoints set checkpoint = $3 where name = $1 and version = $2`, [
        p.name,
        p.version,
        `${PARTITIONED_PREFIX}4`,
      ]);
    });
    expect(await activeBuild(sql, p.name)).toBeUndefined();

    expect(await preparePartitionedBuild(sql, store, p, 4)).toEqual({ version: p.version, building: false });
    expect((await listBuilds(sql, p.name)).map((b) => [b.version, b.state])).toEqual([[p.version, 'active']]);
    // And again: the same build, nothing new.
    expect(await preparePartitionedBuild(sql, store, p, 4)).toEqual({ version: p.version, building: false });
    expect(await listBuilds(sql, p.name)).toHaveLength(1);
  });
});
