/** The record's CLI commands as real processes on PostgreSQL: help, --json and exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountResource, personaDelivery, randomId, stringField } from '../support/deliveries.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { cliEnv, runCli } from '../cli/run-cli.js';

const probe = await probePostgres();

describe.skipIf(!probe.available)('record CLI on PostgreSQL', { timeout: 120_000 }, () => {
  let schema: TestSchema;
  let dir: string;
  const master = randomBytes(32).toString('hex');
  const env = () =>
    cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema, RECORD_MASTER_KEY: master });
  const ids = [randomId('evt'), randomId('evt'), randomId('evt')];
  const account = randomId('act');
  const name = `Ottoline${randomBytes(3).toString('hex')}`;
  let edited: { eventId: string; actor: unknown } | undefined;

  async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ connectionString: probe.url });
    await client.connect();
    try {
      await client.query(`set search_path to "${schema.schema}"`);
      return (await client.query(text, params)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_record_cli');
    dir = await mkdtemp(join(tmpdir(), 'pp-record-cli-'));
    const fields = { name: { type: 'hash', value: { first: stringField(name), last: stringField('X') } } };
    const lines = ids.map((id) =>
      personaDelivery({
        id,
        name: 'account.updated-fields',
        resource: accountResource({ id: account, fields }),
      }),
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

    const [original] = await sql('select actor from events where event_id = $1', [ids[1]]);
    edited = { eventId: ids[1]!, actor: original!.actor };
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

  it('erase: --reason is required (2), an unknown subject exits 3, a known one is erased (0, --json)', async () => {
    const stored = await sql('select raw::text || data::text as content from events');
    expect(stored.length).toBe(3);
    for (const row of stored) expect(String(row.content)).not.toContain(name); // sealed on import
    const state = await runCli(['state', 'account', account, '--json'], env());
    expect(state.stdout).toContain(name);

    expect((await runCli(['erase', 'account', account], env())).code).toBe(2);
    const help = await runCli(['erase', '--help'], env());
    expect(help.stdout).toMatch(/RECORD_MASTER_KEY/);
    const unknown = await runCli(['erase', 'account', 'act_nobody', '--reason', 'test'], env());
    expect(unknown.code).toBe(3);
    const erased = await runCli(['erase', 'account', account, '--reason', 'request 17', '--json'], env());
    expect(erased.stderr).toBe('');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({
      subject: { kind: 'account', id: account },
      streams: [`account-${account}`],
      events: 3,
      keysDestroyed: true,
    });
    const after = await runCli(['state', 'account', account, '--json'], env());
    expect(JSON.parse(after.stdout)).toMatchObject({ redacted: true });
    expect(after.stdout).not.toContain(name);
    const [row] = await sql('select trigger, reason, actor from record_erasures');
    expect(row).toMatchObject({ trigger: 'operator', reason: 'request 17' });
    expect(String(row!.actor)).toMatch(/^cli/);
  });

  it('hold, release, purge: --help, --json and exit codes; a purge is recorded and verify still passes', async () => {
    const later = new Date(Date.now() + 6 * 366 * 24 * 3600 * 1000).toISOString();
    expect((await runCli(['hold', 'account', account], env())).code).toBe(2);
    expect((await runCli(['purge', '--help'], env())).stdout).toMatch(/RECORD_RETENTION_YEARS/);
    const held = await runCli(['hold', 'account', account, '--reason', 'audit 7', '--json'], env());
    expect(held.code).toBe(0);
    expect(JSON.parse(held.stdout)).toMatchObject({ kind: 'account', id: account, reason: 'audit 7' });

    const plan = await runCli(['purge', '--dry-run', '--as-of', later, '--json'], env());
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      dryRun: true,
      streams: [],
      held: [`account-${account}`],
    });

    expect((await runCli(['release', 'account', account], env())).code).toBe(0);
    expect((await runCli(['release', 'account', account], env())).code).toBe(3);
    const human = await runCli(['purge', '--dry-run', '--as-of', later], env());
    expect(human.stdout).toMatch(/dry run: nothing changed/);
    expect(human.stdout).toContain(`account-${account}`);
    // A broken chain stops a purge (it would pass over the tampered row's link); mended, it goes on.
    const refused = await runCli(['purge', '--as-of', later], env());
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(/hash chain is broken at link 2/);
    await sql('update events set actor = $2 where event_id = $1', [edited!.eventId, edited!.actor]);
    const purged = await runCli(['purge', '--as-of', later, '--json'], env());
    expect(purged.code).toBe(0);
    const report = JSON.parse(purged.stdout) as { purgeId: string; streams: { streamId: string }[] };
    expect(report.purgeId).toMatch(/^purge_/);
    expect(report.streams.map((s) => s.streamId)).toEqual([`account-${account}`]);
    expect((await runCli(['state', 'account', account], env())).code).toBe(3);
    const verified = await runCli(['verify', '--json'], env());
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true, purged: 4 });
  });
});
