/**
 * A runner whose advisory-lock connection is cut (here `pg_terminate_backend`, as a server restart
 * or an idle-session timeout would) notices within its heartbeat, takes the lock again and keeps
 * following; until session 3 it found out only when it released the lock, so a second runner could
 * take the projection while the first one went on without it. PostgreSQL only: PGlite's lock is an
 * in-process registry with no connection to lose.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lockKey } from '../../src/projections/lock-key.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { startRunner, type ProjectionRunner } from '../../src/projections/runner.js';
import { probePostgres } from '../support/postgres.js';
import { generateFeed } from './feed.js';
import { appendFeed, openPostgres, type Db } from './harness.js';

const postgres = await probePostgres();

/** Backend holding the advisory lock `key` (a signed bigint as text), or null. */
async function holderOf(admin: pg.Client, key: string): Promise<number | null> {
  const { rows } = await admin.query<{ pid: number }>(
    `select pid from pg_locks
      where locktype = 'advisory' and granted and objsubid = 1
        and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
    [key],
  );
  return rows[0]?.pid ?? null;
}

/** The probe's value once it is not null. */
function eventually<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === null) throw new Error(`still waiting for ${what}`);
      return value;
    },
    { timeout: 15_000, interval: 50 },
  );
}

describe.skipIf(!postgres.available)('a runner that loses its lock connection', () => {
  let db: Db & { schema: { schema: string } };
  let admin: pg.Client;
  let runner: ProjectionRunner | undefined;
  const warnings: string[] = [];

  beforeAll(async () => {
    db = await openPostgres(postgres.url);
    admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
  });
  afterAll(async () => {
    await runner?.stop();
    await admin?.end();
    await db?.close();
  });

  it('takes the lock again within its heartbeat and keeps following', async () => {
    await appendFeed(db.store, generateFeed({ people: 5, seed: 11 }), 20);
    runner = await startRunner({
      store: db.store,
      sql: db.sql,
      projection: readModelsProjection,
      whenLocked: 'wait',
      lockPollMs: 50,
      lockHeartbeatMs: 100,
      logger: {
        info: () => undefined,
        warn: (_fields: object, message?: string) => void warnings.push(message ?? ''),
        error: () => undefined,
      },
    });
    await runner.whenCaughtUp();
    const key = lockKey(db.schema.schema, `projection:read-models:v${runner.buildVersion}`);
    const first = await eventually(() => holderOf(admin, key), 'the runner to hold its lock');

    const { rows } = await admin.query<{ ok: boolean }>('select pg_terminate_backend($1) as ok', [first]);
    expect(rows[0]!.ok).toBe(true);

    // Held again, on a new connection: the runner noticed without being asked to release anything.
    const second = await eventually(async () => {
      const pid = await holderOf(admin, key);
      return pid !== null && pid !== first ? pid : null;
    }, 'the runner to take its lock again');
    expect(second).not.toBe(first);
    expect(warnings).toContain('projection: lock lost; re-resolving');

    // Still following: events appended now reach the read models.
    const before = await stateRows(db);
    await appendFeed(db.store, generateFeed({ people: 3, seed: 12, offset: 1_000 }), 20);
    await runner.whenCaughtUp();
    expect(await stateRows(db)).toBeGreaterThan(before);
  }, 60_000);
});

async function stateRows(db: Db): Promise<number> {
  const { rows } = await db.sql.query<{ n: number }>('select count(*)::int as n from aggregate_state');
  return rows[0]!.n;
}
