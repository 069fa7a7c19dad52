/**
 * The fencing of partition leases in SQL, on PostgreSQL: a holder whose lease was claimed by
 * another process cannot move the checkpoint even when the checkpoint it expects is still the
 * current one (nobody applied anything since), and a holder paused inside its batch transaction
 * (here: it stops sending statements) is ended by the server after the lease, so the row it had
 * locked becomes claimable and its batch never commits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { ensureCatalog, insertBuild, markActive } from '../../src/projections/builds.js';
import {
  advancePartition,
  claimPartition,
  ensurePartitionTables,
  listPartitions,
  seedPartitions,
} from '../../src/projections/partitions/partition-table.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();
const LEASE_MS = 600;
const build = { name: 'fenced', version: 1 };

describe.skipIf(!pg.available)('partition lease fencing (PostgreSQL)', () => {
  let schema: TestSchema;
  let sql: PgSqlClient;

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_fence');
    sql = new PgSqlClient({ connectionString: pg.url, schema: schema.schema });
    await ensureCatalog(sql);
    await ensurePartitionTables(sql);
    await insertBuild(sql, build.name, build.version, 1);
    await sql.transaction((tx) => markActive(tx, build.name, build.version));
    await seedPartitions(sql, build.name, build.version, 2, '');
  });
  afterAll(async () => {
    await sql?.close();
    await schema?.drop();
  });

  const expire = () =>
    sql.query(`update projection_partitions set lease_until = clock_timestamp() - interval '1 second'`);

  it('an older epoch cannot move the checkpoint, even from the current checkpoint', async () => {
    const a = (await claimPartition(sql, build.name, build.version, 0, 'a', LEASE_MS))!;
    expect(a).toMatchObject({ partition: 0, checkpoint: '' });
    // Nobody else can claim a live lease.
    expect(await claimPartition(sql, build.name, build.version, 0, 'b', LEASE_MS)).toBeUndefined();
    expect(await sql.transaction((tx) => advancePartition(tx, build, a, 'a', '', '1/1', 1, LEASE_MS))).toBe(
      true,
    );

    await expire();
    const b = (await claimPartition(sql, build.name, build.version, 0, 'b', LEASE_MS))!;
    expect(BigInt(b.epoch)).toBe(BigInt(a.epoch) + 1n);
    expect(b.checkpoint).toBe('1/1');
    // A resumes after its pause: same owner name would not help either, the epoch is checked.
    expect(
      await sql.transaction((tx) => advancePartition(tx, build, a, 'a', '1/1', '1/2', 1, LEASE_MS)),
    ).toBe(false);
    expect(
      await sql.transaction((tx) => advancePartition(tx, build, a, 'b', '1/1', '1/2', 1, LEASE_MS)),
    ).toBe(false);
    expect(
      await sql.transaction((tx) => advancePartition(tx, build, b, 'b', '1/1', '1/2', 1, LEASE_MS)),
    ).toBe(true);
    const row = (await listPartitions(sql, build.name, build.version))[0]!;
    expect(row).toMatchObject({ owner: 'b', checkpoint: '1/2', eventsApplied: 2 });
  });

  it('a holder paused inside its batch is ended by the server; its batch never commits and the lease is claimed', async () => {
    const a = (await claimPartition(sql, build.name, build.version, 1, 'a', LEASE_MS))!;
    let claimed: Awaited<ReturnType<typeof claimPartition>>;
    const paused = sql.transaction(async (tx) => {
      expect(await advancePartition(tx, build, a, 'a', '', '5/5', 3, LEASE_MS)).toBe(true);
      // The pause: while this transaction holds the row, claims skip it rather than wait.
      expect(await claimPartition(sql, build.name, build.version, 1, 'b', LEASE_MS)).toBeUndefined();
      // Wait (as a paused process would) until the row is claimable by someone else.
      await expect
        .poll(
          async () => (claimed = await claimPartition(sql, build.name, build.version, 1, 'b', LEASE_MS)),
          {
            timeout: 20_000,
            interval: 100,
          },
        )
        .toBeDefined();
      await tx.query('select 1');
    });
    await expect(paused).rejects.toThrow();
    expect(claimed!).toMatchObject({ partition: 1, checkpoint: '' });
    const row = (await listPartitions(sql, build.name, build.version))[1]!;
    expect(row).toMatchObject({ owner: 'b', checkpoint: '', eventsApplied: 0 });
  });
});
