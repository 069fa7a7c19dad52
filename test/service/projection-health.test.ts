/**
 * What the service says about its projections, over real HTTP on PostgreSQL: /ready and /metrics
 * while the projections are behind (a transaction holds a lock on the state table, as a long
 * migration or a stuck statement would) and while an event is parked (a trigger refuses one account's update);
 * and a read that waits for its own write answers 503 `projections_behind` with Retry-After once
 * its wait passes, instead of hanging. Regression: /ready said 200 throughout, /metrics had no
 * projection series, and the read waited for as long as the runner did.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startService, type Service } from '../../src/service/start-service.js';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { personaHeaders, TEST_AIPRISE_API_KEY, TEST_PERSONA_SECRET } from '../support/signing.js';

const probe = await probePostgres();
const TOKEN = 'projection-health-token-0123456789';

describe.skipIf(!probe.available)('projection health over HTTP (PostgreSQL)', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  let service: Service;
  let admin: pg.Client;

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_health');
    service = await startService({
      projector: {
        store: { postgres: probe.url, schema: schema.schema },
        secrets: { persona: [TEST_PERSONA_SECRET], aiprise: TEST_AIPRISE_API_KEY },
        readWaitMs: 300,
      },
      apiToken: TOKEN,
      readyMaxLagSeconds: 1,
    });
    admin = new pg.Client({ connectionString: probe.url });
    await admin.connect();
    // schema.schema: a fixed prefix and hex (support/postgres.ts), safe as an identifier.
    await admin.query(`set search_path to ${schema.schema}`);
  });
  afterAll(async () => {
    await admin?.query('rollback').catch(() => undefined);
    await admin?.end();
    await service?.close();
    await schema?.drop();
  });

  const deliver = async (id: string, status: string, at: number) => {
    const body = personaDelivery({
      name: 'account.updated',
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString(),
      resource: accountResource({ id, status }),
    });
    const r = await fetch(`${service.baseUrl}/webhooks/persona`, {
      method: 'POST',
      headers: { ...personaHeaders(body), 'content-type': 'application/json' },
      body,
    });
    expect(r.status).toBe(200);
  };
  const get = async (path: string) => {
    const r = await fetch(`${service.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: AbortSignal.timeout(20_000),
    });
    return {
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: (await r.json()) as Record<string, unknown>,
    };
  };
  const metric = async (name: string): Promise<number | undefined> => {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const m = new RegExp(`^${name}\\{projection="read-models"\\} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : undefined;
  };

  it('is ready, with zero lag and nothing parked, once the projections are current', async () => {
    await deliver('act_h1', 'Default', 1);
    // The first build is made on start; under load it may take longer than one read's wait.
    await vi.waitFor(async () => expect((await get('/v1/state/account/act_h1')).status).toBe(200), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await get('/ready')).toMatchObject({ status: 200, body: { ready: true } });
    expect(await metric('projection_lag_events')).toBe(0);
    expect(await metric('projection_lag_seconds')).toBe(0);
    expect(await metric('projection_parked_events')).toBe(0);
    expect(await metric('projection_runner_up')).toBe(1);
  });

  it('answers 503 projections_behind to a read past its wait, and /ready names the lag', async () => {
    // A table lock takes no transaction id, so the store's readers still see new events (a row
    // lock would hold back the snapshot horizon and hide them); the runner's writes wait on it.
    const { rows } = await admin.query<{ version: number }>(
      `select version from projection_checkpoints where name = 'read-models' and state = 'active'`,
    );
    await admin.query('begin');
    await admin.query(`lock table rm_aggregate_state_v${rows[0]!.version} in exclusive mode`);
    await deliver('act_h2', 'Default', 2);
    const read = await get('/v1/state/account/act_h2');
    expect(read).toMatchObject({ status: 503, retryAfter: '5', body: { error: 'projections_behind' } });
    await vi.waitFor(
      async () => {
        const ready = await get('/ready');
        expect(ready.status).toBe(503);
        expect(ready.body.reasons).toEqual([
          expect.stringMatching(
            /^projection read-models: 1 events behind, oldest \d+ s \(READY_MAX_LAG_S 1\)$/,
          ),
        ]);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(await metric('projection_lag_events')).toBe(1);
    expect(await metric('projection_lag_seconds')).toBeGreaterThan(1);
    await admin.query('commit');
    await vi.waitFor(async () => expect((await get('/v1/state/account/act_h2')).status).toBe(200), {
      timeout: 30_000,
      interval: 100,
    });
    await vi.waitFor(async () => expect((await get('/ready')).status).toBe(200), {
      timeout: 30_000,
      interval: 100,
    });
  });

  it('is not ready while an event is parked; the stale row says so; a replay heals it', async () => {
    const { rows } = await admin.query<{ version: number }>(
      `select version from projection_checkpoints where name = 'read-models' and state = 'active'`,
    );
    const table = `rm_aggregate_state_v${rows[0]!.version}`;
    await admin.query(`create function refuse_h1() returns trigger language plpgsql as $$
      begin if new.id = 'act_h1' then raise exception 'refused by the test'; end if; return new; end $$`);
    await admin.query(
      `create trigger refuse_h1 before update on ${table} for each row execute function refuse_h1()`,
    );
    await deliver('act_h1', 'Approved', 3);
    await deliver('act_h3', 'Default', 4);

    await vi.waitFor(async () => expect(await metric('projection_parked_events')).toBe(1), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await get('/ready')).toMatchObject({
      status: 503,
      body: { ready: false, reasons: ['projection read-models: 1 parked event'] },
    });
    // A later event of the stream, in a later batch, waits behind the parked one.
    await deliver('act_h1', 'Declined', 5);
    await vi.waitFor(async () => expect(await metric('projection_parked_events')).toBe(2), {
      timeout: 30_000,
      interval: 100,
    });
    expect((await get('/ready')).body.reasons).toEqual(['projection read-models: 2 parked events']);
    expect((await get('/v1/state/account/act_h1')).body).toMatchObject({ version: 1, stale: true });
    expect((await get('/v1/timeline/account/act_h1')).body).toMatchObject({ stale: true });
    expect((await get('/v1/timeline/account/act_h3')).body.stale).toBeUndefined();
    expect((await get('/v1/state/account/act_h3')).body).toMatchObject({ version: 1 });

    await admin.query(`drop trigger refuse_h1 on ${table}`);
    expect(await service.composition.projector.projections.replay({ all: true })).toMatchObject({
      replayed: 2,
      stillParked: 0,
    });
    expect(await get('/ready')).toMatchObject({ status: 200, body: { ready: true } });
    const healed = await get('/v1/state/account/act_h1');
    expect(healed.body).toMatchObject({ version: 3 });
    expect(healed.body.stale).toBeUndefined();
    expect((await get('/v1/timeline/account/act_h1')).body.stale).toBeUndefined();
  });
});
