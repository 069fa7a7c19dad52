/**
 * Concurrency on real PostgreSQL: many writers on one stream (over HTTP and straight on the store
 * with exact expected versions), many streams at once, the same event delivered by many senders at
 * once, two projection runners started at the same moment, and two rebuilds started at the same
 * moment while a runner follows. Afterwards: every event stored once, stream versions contiguous,
 * exactly one build active per projection, every state row equal to a fresh fold.
 *
 *   npx vitest run test/reliability/concurrency.test.ts
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent } from '../../src/events/types.js';
import { activeBuild } from '../../src/projections/builds.js';
import { ProjectionLockedError } from '../../src/projections/lock.js';
import { rebuild } from '../../src/projections/rebuild.js';
import { defaultProjections } from '../../src/projections/registry.js';
import { startRunners, type ProjectionRunners } from '../../src/projections/runner.js';
import { ConcurrencyError } from '../../src/store/event-store.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { personaHeaders } from '../support/signing.js';
import { closeAgents, post } from '../support/faults/http.js';
import { startInProcessService, type InProcessService } from '../support/faults/in-process-service.js';
import { compareWithFreshFold, storeCounts } from '../support/faults/verify-store.js';

// Real processes and databases on a shared 2-core machine: generous bounds, never timed assertions.
vi.setConfig({ testTimeout: 180_000 });

const pg = await probePostgres();
const figures: Record<string, unknown> = {};
afterAll(() => console.log(`RELIABILITY concurrency ${JSON.stringify(figures)}`));

async function inParallel<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

/** `sql` with the advisory lock attempts it was refused counted (a waiting runner's polls). */
function countingLockRefusals(sql: SqlClient): { sql: SqlClient; refusals: () => number } {
  let refusals = 0;
  const watched: SqlClient = {
    dialect: sql.dialect,
    query: (text, params) => sql.query(text, params),
    exec: (text) => sql.exec(text),
    listen: (channel, onNotify) => sql.listen(channel, onNotify),
    close: () => sql.close(),
    transaction: (fn) =>
      sql.transaction((tx) =>
        fn({
          ...tx,
          async query<Row>(text: string, params?: unknown[]) {
            const result = await tx.query<Row>(text, params);
            const refused = (result.rows[0] as { ok?: unknown } | undefined)?.ok === false;
            if (text.includes('pg_try_advisory_xact_lock') && refused) refusals++;
            return result;
          },
        }),
      ),
  };
  return { sql: watched, refusals: () => refusals };
}

function accountUpdate(accountId: string, i: number, eventId?: string): string {
  return personaDelivery({
    name: 'account.updated',
    id: eventId ?? `evt_conc_${accountId}_${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    resource: accountResource({ id: accountId, tags: [`T${i}`] }),
  });
}

describe.skipIf(!pg.available)('concurrency on real PostgreSQL', () => {
  let schema: TestSchema;
  let service: InProcessService;
  let sql: PgSqlClient;

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_rel_conc');
    service = await startInProcessService({ store: { postgres: pg.url, schema: schema.schema } });
    sql = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 4 });
  });

  afterAll(async () => {
    await service?.close();
    closeAgents();
    await sql?.close();
    await schema?.drop();
  });

  const deliver = (body: string) => post(`${service.baseUrl}/webhooks/persona`, body, personaHeaders(body));

  it('the same event sent by 100 senders at once is stored once: one appended, 99 duplicates', async () => {
    const body = accountUpdate('act_conc_same', 0);
    const results = await Promise.all(Array.from({ length: 100 }, () => deliver(body)));
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
    const outcomes = results.map((r) => (JSON.parse(r.body) as { outcome: string }).outcome);
    expect(outcomes.filter((o) => o === 'appended')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(99);
    const { rows } = await sql.query('select 1 from events where event_id = $1', [
      'evt_conc_act_conc_same_0',
    ]);
    expect(rows).toHaveLength(1);
  });

  it('300 different events for one stream, 64 in flight: all stored, versions 1..300 contiguous', async () => {
    const results = await inParallel(300, 64, (i) => deliver(accountUpdate('act_conc_hot', i)));
    expect(results.every((r) => r.status === 200 && JSON.parse(r.body).outcome === 'appended')).toBe(true);
    const { rows } = await sql.query<{ stream_version: string }>(
      'select stream_version from events where stream_id = $1 order by stream_version',
      ['account-act_conc_hot'],
    );
    expect(rows.map((r) => Number(r.stream_version))).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  });

  it('20 writers with exact expected versions on one stream: each version won once, nothing lost', async () => {
    const store = await SqlEventStore.open(sql, { schema: schema.schema });
    const streamId = 'account-act_conc_cas';
    let conflicts = 0;
    const template = parseDelivery('persona', accountUpdate('act_conc_cas', 0));
    if (!template.ok) throw new Error('template does not parse');
    await Promise.all(
      Array.from({ length: 20 }, async (_, writer) => {
        for (let k = 0; k < 10; k++) {
          const event: NewEvent = { ...template.event, eventId: `evt_cas_${writer}_${k}` };
          for (;;) {
            const version = await store.streamVersion(streamId);
            try {
              await store.append(streamId, [event], {
                expectedVersion: version === 0 ? 'no-stream' : version,
              });
              break;
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
              conflicts++;
            }
          }
        }
      }),
    );
    await store.close();
    const { rows } = await sql.query<{ stream_version: string; event_id: string }>(
      'select stream_version, event_id from events where stream_id = $1 order by stream_version',
      [streamId],
    );
    expect(rows.map((r) => Number(r.stream_version))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(200);
    expect(conflicts).toBeGreaterThan(0);
    figures.casWriters = { writers: 20, events: 200, conflictsRetried: conflicts };
  });

  it('1,000 streams at once, 64 in flight: all stored; the read models equal a fresh fold', async () => {
    const started = Date.now();
    const results = await inParallel(1000, 64, (i) => deliver(accountUpdate(`act_conc_many_${i}`, i)));
    const elapsed = Date.now() - started;
    expect(results.every((r) => r.status === 200 && JSON.parse(r.body).outcome === 'appended')).toBe(true);
    await service.composition.projector.catchUp();
    const counts = await storeCounts(sql);
    expect(counts.repeatedEventIds).toBe(0);
    expect(counts.streamsWithGaps).toBe(0);
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    expect(comparison.rows).toBe(1000 + 3);
    figures.manyStreams = {
      streams: 1000,
      inFlight: 64,
      elapsedMs: elapsed,
      deliveriesPerSecond: Math.round(1000 / (elapsed / 1000)),
    };
  });
});

describe.skipIf(!pg.available)('two runners and two rebuilds at once on the same projection', () => {
  let schema: TestSchema;
  let sql: PgSqlClient;
  let store: SqlEventStore;
  const running: ProjectionRunners[] = [];

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_rel_runners');
    sql = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 12 });
    store = await SqlEventStore.open(sql, { schema: schema.schema, pollIntervalMs: 100 });
    await appendDemoFeed(store, 200, 31);
  });

  afterAll(async () => {
    for (const r of running) await r.stop().catch(() => undefined);
    await store?.close();
    await sql?.close();
    await schema?.drop();
  });

  it('two runners started together: one runs, the other is refused; a waiting one takes over on stop', async () => {
    const options = { store, sql, projections: defaultProjections, whenLocked: 'fail' as const };
    const [a, b] = await Promise.allSettled([startRunners(options), startRunners(options)]);
    const started = [a, b].filter(
      (r): r is PromiseFulfilledResult<ProjectionRunners> => r.status === 'fulfilled',
    );
    const refused = [a, b].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.reason).toBeInstanceOf(ProjectionLockedError);
    const first = started[0]!.value;
    await first.whenCaughtUp();

    // A standby waits for the lock, and follows once the first one stops.
    const watched = countingLockRefusals(sql);
    const standby = startRunners({ ...options, sql: watched.sql, whenLocked: 'wait', lockPollMs: 50 });
    await vi.waitFor(() => expect(watched.refusals()).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
    await first.stop();
    const second = await standby;
    running.push(second);
    await appendDemoFeed(store, 40, 32);
    await second.whenCaughtUp();
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    expect(comparison.rows).toBeGreaterThan(200);
  });

  it('two rebuilds started together while a runner follows: one builds, the other is refused or finds nothing to do; one build active', async () => {
    const before = await activeBuild(sql, 'read-models');
    const results = await Promise.allSettled([
      rebuild({ store, sql, batchSize: 500 }),
      rebuild({ store, sql, batchSize: 500 }),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect(r.reason).toBeInstanceOf(ProjectionLockedError);
    // Appends during and after the switch-over reach the new build through the following runner.
    await appendDemoFeed(store, 30, 33);
    await running[0]!.whenCaughtUp();
    const after = await activeBuild(sql, 'read-models');
    expect(after!.version).toBeGreaterThan(before!.version);
    const { rows } = await sql.query<{ name: string; n: string }>(
      "select name, count(*) as n from projection_checkpoints where state = 'active' group by name",
    );
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    const counts = await storeCounts(sql);
    expect(counts.repeatedEventIds).toBe(0);
    figures.rebuilds = {
      started: 2,
      completed: done.length,
      refused: refused.length,
      events: counts.events,
      stateRows: comparison.rows,
    };
  });
});

/** Appends a parsed demo feed straight to the store, one stream per batch item, duplicates left to the store. */
async function appendDemoFeed(store: SqlEventStore, subjects: number, seed: number): Promise<void> {
  const feed = generateDemoFeed({ subjects, seed, start: Date.UTC(2026, 1, seed % 28, 9) });
  const byStream = new Map<string, NewEvent[]>();
  for (const d of feed.deliveries) {
    const parsed = parseDelivery(d.source, d.body);
    if (!parsed.ok) throw new Error('demo feed delivery does not parse');
    const list = byStream.get(parsed.event.streamId) ?? [];
    if (!list.some((e) => e.eventId === parsed.event.eventId)) list.push(parsed.event);
    byStream.set(parsed.event.streamId, list);
  }
  await store.appendBatch([...byStream].map(([streamId, events]) => ({ streamId, events })));
}
