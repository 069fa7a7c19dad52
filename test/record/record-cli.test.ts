/** The record's CLI commands as real processes on PostgreSQL: help, --json and exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountResource, personaDelivery, randomId } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const probe = await probePostgres();

describe.skipIf(!probe.available)('record CLI on PostgreSQL', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  let dir: string;
  const env = () => cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema });
  const ids = [randomId('evt'), randomId('evt'), randomId('evt')];

  async function sql(text: string, params: unknown[] = []): Promise<void> {
    const client = new pg.Client({ connectionString: probe.url });
    await client.connect();
    try {
      await client.query(`set search_path to "${schema.schema}"`);
      await client.query(text, params);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_record_cli');
    dir = await mkdtemp(join(tmpdir(), 'pp-record-cli-'));
    const account = randomId('act');
    const lines = ids.map((id) =>
      personaDelivery({ id, name: 'account.updated', resource: accountResource({ id: account }) }),
    );
    await writeFile(join(dir, 'events.ndjson'), lines.join('\n'));
    const imported = await runCli(['import', '--source', 'persona', join(dir, 'events.ndjson')], env());
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await schema?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('verify: --help names the exit code; intact exits 0, a row edited with SQL exits 7 naming it', async () => {
    const help = await runCli(['verify', '--help'], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit 7/);
    const top = await runCli(['--help'], env());
    expect(top.stdout).toMatch(/7 the record's hash chain is broken/);

    const intact = await runCli(['verify', '--json'], env());
    expect(intact.code).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, checked: 3, unchained: 0 });
    const human = await runCli(['verify'], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/chain\s+intact/);

    await sql(`update events set actor = 'someone' where event_id = $1`, [ids[1]]);
    const broken = await runCli(['verify', '--json'], env());
    expect(broken.code).toBe(7);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      intact: false,
      checked: 1,
      firstBreak: { seq: 2, kind: 'changed', expectedEventId: ids[1] },
    });
    const text = await runCli(['verify'], env());
    expect(text.code).toBe(7);
    expect(text.stdout).toMatch(/link 2: changed/);
  });
});
