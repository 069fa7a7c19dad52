/**
 * Partitioned projections across real processes on one PostgreSQL database: three
 * `serve --role projector` processes share eight partitions while deliveries arrive; one is
 * killed with SIGKILL while batches flow, another is paused with SIGSTOP until the survivors
 * have claimed its partitions, then resumed. Afterwards every read-model row equals a fresh fold
 * of the same events (a build made by one catch-up in this process), and the partitions applied
 * each event exactly once (the sum of the partitions' applied counts is the number of events:
 * a batch applied twice, or skipped, would change it).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { openProjector } from '../../src/projector/open-projector.js';
import type { Projector } from '../../src/projector/types.js';
import { catchUp, initBuild } from '../../src/projections/build-steps.js';
import { insertBuild } from '../../src/projections/builds.js';
import { waitForPartitions } from '../../src/projections/partitions/caught-up.js';
import { listPartitions } from '../../src/projections/partitions/partition-table.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { openEventStore } from '../../src/store/open.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import type { EventStore } from '../../src/store/event-store.js';
import { cliEnv, startCli } from '../cli/run-cli.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();
const PARTITIONS = 8;
const LEASE_MS = 1500;

interface Projector_ {
  child: ChildProcess;
  pid: number;
  log: () => string;
  exited: Promise<number | null>;
}

function startProjectorProcess(env: NodeJS.ProcessEnv): Promise<Projector_> {
  const child = startCli(['serve', '--role', 'projector', '--port', '0', '--host', '127.0.0.1'], env);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`projector did not start: ${out}`)), 50_000);
    const onData = () => {
      if (/listening at http/.test(out)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ child, pid: child.pid!, log: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`projector exited ${code}: ${out}`)));
  });
}

const pidOf = (owner: string | null): number | undefined =>
  owner === null ? undefined : Number(owner.split(':').at(-2));

async function owners(sql: SqlClient): Promise<(number | undefined)[]> {
  return (await listPartitions(sql, 'read-models', readModelsProjection.version)).map((r) =>
    r.free ? undefined : pidOf(r.owner),
  );
}

describe.skipIf(!pg.available)('partitioned projectors (real processes, one database)', () => {
  let schema: TestSchema;
  let store: EventStore;
  let sql: SqlClient;
  const children: Projector_[] = [];

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_parts');
    const opened = await openEventStore({ postgres: pg.url, schema: schema.schema });
    store = opened.store;
    sql = opened.sql!;
  });

  afterAll(async () => {
    for (const c of children) {
      if (c.child.exitCode === null && c.child.signalCode === null) {
        c.child.kill('SIGCONT');
        c.child.kill('SIGKILL');
      }
    }
    await store?.close();
    await schema?.drop();
  });

  it('SIGKILL mid-batch and SIGSTOP past the lease: rows equal a fresh fold, each event applied once', async () => {
    const env = cliEnv({
      DATABASE_URL: pg.url,
      DATABASE_SCHEMA: schema.schema,
      PROJECTION_PARTITIONS: String(PARTITIONS),
      PROJECTION_LEASE_MS: String(LEASE_MS),
      LOG_LEVEL: 'info',
    });
    // The first one creates the partitioned build; the others join it.
    children.push(await startProjectorProcess(env));
    children.push(...(await Promise.all([startProjectorProcess(env), startProjectorProcess(env)])));
    const [a, b, c] = children as [Projector_, Projector_, Projector_];

    // Everyone holds its share (3/3/2) once the membership has settled.
    await expect
      .poll(async () => new Set(await owners(sql)).size, { timeout: 30_000, interval: 100 })
      .toBe(3);

    // The writer: this process appends (its own runner steps aside for the partitioned build).
    const writer: Projector = await openProjector({
      store: { postgres: pg.url, schema: schema.schema },
      allowUnsigned: true,
    });
    const feed = generateDemoFeed({ subjects: 450 }).deliveries;
    let sent = 0;
    const send = async (upTo: number) => {
      for (; sent < upTo; sent++) {
        const d = feed[sent]!;
        const r = await writer.ingest(d.source, d.body);
        expect(['appended', 'duplicate']).toContain(r.outcome);
      }
    };
    try {
      await send(Math.floor(feed.length / 3));
      // Kill A while deliveries keep arriving, once it has applied something of its own.
      const sending = send(Math.floor((feed.length * 2) / 3));
      await expect
        .poll(
          async () =>
            (await listPartitions(sql, 'read-models', readModelsProjection.version)).some(
              (r) => pidOf(r.owner) === a.pid && r.eventsApplied > 0,
            ),
          { timeout: 30_000, interval: 50 },
        )
        .toBe(true);
      a.child.kill('SIGKILL');
      expect(await a.exited).toBeNull();
      await sending;
      // B and C take A's partitions over once its lease has expired.
      await expect
        .poll(async () => (await owners(sql)).every((p) => p === b.pid || p === c.pid), {
          timeout: 30_000,
          interval: 100,
        })
        .toBe(true);

      // Pause B past its lease: C claims everything; B's open batch (if any) is ended by the server.
      b.child.kill('SIGSTOP');
      const pausedSending = send(feed.length);
      await expect
        .poll(async () => (await owners(sql)).every((p) => p === c.pid), { timeout: 30_000, interval: 100 })
        .toBe(true);
      await pausedSending;
      b.child.kill('SIGCONT');
      // B comes back, finds its leases gone (fenced), rejoins and gets its share again.
      await expect
        .poll(async () => (await owners(sql)).filter((p) => p === b.pid).length, {
          timeout: 30_000,
          interval: 100,
        })
        .toBe(PARTITIONS / 2);

      expect(
        await waitForPartitions(sql, store, 'read-models', readModelsProjection.version, {
          timeoutMs: 60_000,
        }),
      ).toBe(true);
    } finally {
      await writer.close();
    }

    // Each event applied exactly once across the partitions.
    const rows = await listPartitions(sql, 'read-models', readModelsProjection.version);
    const { rows: count } = await sql.query<{ n: string }>('select count(*)::text as n from events');
    expect(rows.reduce((n, r) => n + r.eventsApplied, 0)).toBe(Number(count[0]!.n));

    // A fresh fold of the same events, in this process, as build v99.
    await insertBuild(sql, 'read-models', 99, readModelsProjection.version);
    await initBuild(sql, store, readModelsProjection, 99);
    await catchUp(
      sql,
      store,
      readModelsProjection,
      { name: 'read-models', version: 99 },
      { batchSize: 5000 },
    );
    for (const table of ['aggregate_state', 'timeline_entries', 'reference_index']) {
      const { rows: diff } = await sql.query<{ n: string }>(
        `select count(*)::text as n from (
           (select * from rm_${table}_v${readModelsProjection.version} except all select * from rm_${table}_v99)
           union all
           (select * from rm_${table}_v99 except all select * from rm_${table}_v${readModelsProjection.version})) d`,
      );
      const { rows: total } = await sql.query<{ n: string }>(
        `select count(*)::text as n from rm_${table}_v99`,
      );
      expect(Number(total[0]!.n), table).toBeGreaterThan(0);
      expect(Number(diff[0]!.n), table).toBe(0);
    }
    // B noticed it had been fenced off rather than writing on.
    expect(b.log()).toMatch(/lease lost|fenced off/);

    for (const p of [b, c]) p.child.kill('SIGTERM');
    expect(await b.exited).toBe(0);
    expect(await c.exited).toBe(0);
  }, 240_000);
});
