/**
 * `serve --role` as real processes on one PostgreSQL database: an intake process takes signed
 * webhooks and answers reads without running any projection (it waits on the projector's
 * checkpoints for read-your-writes); a projector process applies the projections and serves only
 * /health, /ready and /metrics.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { cliEnv, runCli, startCli } from '../cli/run-cli.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import {
  aiPriseHeaders,
  personaHeaders,
  TEST_AIPRISE_API_KEY,
  TEST_PERSONA_SECRET,
} from '../support/signing.js';

const pg = await probePostgres();
const TOKEN = 'role-test-token-0123456789abcdef';

interface Served {
  child: ChildProcess;
  url: string;
  log: () => string;
  exited: Promise<number | null>;
}

function serve(role: string, env: NodeJS.ProcessEnv): Promise<Served> {
  const child = startCli(['serve', '--role', role, '--port', '0', '--host', '127.0.0.1'], env);
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --role ${role} did not start: ${out}`)), 50_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, log: () => out, exited });
      }
    });
    void exited.then((code) => reject(new Error(`serve --role ${role} exited ${code}: ${out}`)));
  });
}

describe.skipIf(!pg.available)('serve --role (real processes)', () => {
  let schema: TestSchema;
  const started: Served[] = [];

  beforeAll(async () => {
    schema = await createTestSchema(pg.url, 'pp_roles');
  });
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await schema?.drop();
  });

  it('refuses the split roles without PostgreSQL, and an unknown role', async () => {
    const noDb = await runCli(
      ['serve', '--role', 'intake', '--port', '0'],
      cliEnv({ DATA_DIR: '/nonexistent' }),
    );
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain('--role intake needs DATABASE_URL');
    const unknown = await runCli(['serve', '--port', '0'], cliEnv({ SERVE_ROLE: 'everything' }));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('SERVE_ROLE must be one of all, intake, projector');
  });

  it('intake takes webhooks and reads its writes; the projector projects and serves health and metrics only', async () => {
    const env = cliEnv({
      DATABASE_URL: pg.url,
      DATABASE_SCHEMA: schema.schema,
      API_TOKEN: TOKEN,
      AIPRISE_API_KEY: TEST_AIPRISE_API_KEY,
      PERSONA_WEBHOOK_SECRETS: TEST_PERSONA_SECRET,
      PROJECTION_PARTITIONS: '4',
      // Sealed events: the partitioned projector must open what it reads (the record's decorator).
      RECORD_MASTER_KEY: 'ab'.repeat(32),
    });
    const projector = await serve('projector', env);
    started.push(projector);
    const intake = await serve('intake', env);
    started.push(intake);

    // The projector has no webhook route and no read API.
    expect((await fetch(`${projector.url}/health`)).status).toBe(200);
    expect((await fetch(`${projector.url}/ready`)).status).toBe(200);
    expect((await fetch(`${projector.url}/webhooks/aiprise`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
    expect(
      (await fetch(`${projector.url}/v1/state/account/x`, { headers: { authorization: `Bearer ${TOKEN}` } }))
        .status,
    ).toBe(404);

    const feed = generateDemoFeed({ subjects: 40 });
    for (const d of feed.deliveries) {
      const headers = d.source === 'aiprise' ? aiPriseHeaders(d.body) : personaHeaders(d.body);
      const res = await fetch(`${intake.url}/webhooks/${d.source}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: d.body,
      });
      expect(res.status).toBe(200);
    }
    // Read-your-writes through the intake process: the state is there on the first read.
    const state = await fetch(`${intake.url}/v1/state/user-profile/${feed.featured.userProfileId}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ result: 'APPROVED' });

    const projectorMetrics = await (await fetch(`${projector.url}/metrics`)).text();
    expect(projectorMetrics).toMatch(/projection_partition_held\{projection="read-models",partition="0"\} 1/);
    expect(projectorMetrics).toMatch(
      /projection_partition_lag_events\{projection="read-models",partition="3"\} 0/,
    );
    expect(projectorMetrics).toMatch(/projection_batch_duration_seconds_count\{projection="read-models"/);
    const intakeMetrics = await (await fetch(`${intake.url}/metrics`)).text();
    expect(intakeMetrics).not.toContain('projection_batch_duration_seconds');
    expect(intakeMetrics).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/webhooks\/aiprise",status_code="200"\} [1-9]/,
    );
    expect(intakeMetrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/state\/:kind\/:id"/,
    );

    for (const s of [intake, projector]) s.child.kill('SIGTERM');
    expect(await intake.exited).toBe(0);
    expect(await projector.exited).toBe(0);
  }, 120_000);
});
