/**
 * A runner outlives a database that refuses connections with an error outside the old list.
 * Regression: with `ALLOW_CONNECTIONS false` PostgreSQL answers SQLSTATE 55000 ("database … is not
 * currently accepting connections"); held longer than the lock heartbeat, the runner learnt that
 * its lock was gone, its re-resolve failed with 55000, which was not "unavailable", so the runner
 * ended: the read models stayed behind for good and whenCaughtUp() threw that error ever after.
 *
 * The fault is real: a database of this file's own on the shared server (never the server itself),
 * closed to connections and its sessions terminated, for as long as the runner fails at least
 * four times in a row (every failure is longer than the 100 ms heartbeat), then opened again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { startRunner, type ProjectionRunner } from '../../src/projections/runner.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/faults/scratch-database.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed } from './harness.js';

const postgres = await probePostgres();

describe.skipIf(!postgres.available)('a runner while its database refuses connections', () => {
  let scratch: ScratchDatabase;
  let admin: pg.Client;
  let sql: PgSqlClient;
  let store: SqlEventStore;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase(postgres.url, 'pp_outage');
    admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    sql = new PgSqlClient({ connectionString: scratch.url, connectionTimeoutMillis: 2000 });
    store = await SqlEventStore.open(sql, { pollIntervalMs: 100 });
  });
  afterAll(async () => {
    await admin?.query(`alter database ${scratch.name} allow_connections true`).catch(() => undefined);
    await runner?.stop();
    await store?.close();
    await sql?.close();
    await admin?.end();
    await scratch?.drop();
  });

  it('keeps retrying through SQLSTATE 55000 past the lock heartbeat and catches up once it ends', async () => {
    await appendFeed(store, generateFeed({ people: 4, seed: 21 }), 20);
    const errors: string[] = [];
    runner = await startRunner({
      store,
      sql,
      projection: readModelsProjection,
      whenLocked: 'fail',
      lockHeartbeatMs: 100,
      onError: (e) => errors.push(String(e)),
    });
    await runner.whenCaughtUp();
    const before = await stateRows(sql);

    // scratch.name is hex from a fixed prefix (scratch-database.ts): safe as an identifier.
    const began = Date.now();
    await admin.query(`alter database ${scratch.name} allow_connections false`);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [scratch.name],
    );
    await vi.waitFor(
      () => {
        if (errors.filter((e) => /not currently accepting connections/.test(e)).length < 4)
          throw new Error(`waiting for the runner to fail with 55000 four times (${errors.length} errors)`);
      },
      { timeout: 60_000, interval: 50 },
    );
    expect(runner.status().state).toBe('retrying');
    expect(runner.status().lastError?.message).toMatch(/not currently accepting connections/);
    const failures = runner.status().failures;
    await admin.query(`alter database ${scratch.name} allow_connections true`);
    const ended = Date.now();

    // Appended after the fault: the same runner (never restarted) projects them.
    await appendFeed(store, generateFeed({ people: 3, seed: 22, offset: 1_000 }), 20);
    await runner.whenCaughtUp();
    expect(await stateRows(sql)).toBeGreaterThan(before);
    expect(runner.status()).toMatchObject({ state: 'following', failures: 0 });
    console.log(
      `RELIABILITY runner-outage ${JSON.stringify({
        fault: 'ALLOW_CONNECTIONS false (55000), heartbeat 100 ms',
        outageMs: ended - began,
        runnerFailures: failures,
        caughtUpAfterMs: Date.now() - ended,
        rowsBefore: before,
        rowsAfter: await stateRows(sql),
      })}`,
    );
  }, 120_000);
});

async function stateRows(sql: PgSqlClient): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('select count(*)::int as n from aggregate_state');
  return rows[0]!.n;
}
