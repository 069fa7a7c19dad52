/** export, access-log and token create as real processes on a PGlite data directory. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { parseTokenFile, tokenRegistry } from '../../src/access/tokens.js';
import { cliEnv, runCli } from './run-cli.js';

describe('CLI: export, access-log, token create', { timeout: 300_000 }, () => {
  let dir = '';
  const feed = generateDemoFeed({ subjects: 12, seed: 11 });
  const env = () => cliEnv({ DATA_DIR: join(dir, 'data') });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-export-'));
    for (const source of ['persona', 'aiprise'] as const) {
      const file = join(dir, `${source}.ndjson`);
      const bodies = feed.deliveries.filter((d) => d.source === source && !d.duplicate).map((d) => d.body);
      await writeFile(file, bodies.join('\n'));
      const result = await runCli(['import', '--source', source, file, '--json'], env());
      expect(result.code).toBe(0);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes case files in the three formats and records each in the access log', async () => {
    const id = feed.featured.accountId;
    const pdf = join(dir, 'case.pdf');
    const wrote = await runCli(
      ['export', 'account', id, '--related', '--format', 'pdf', '--out', pdf],
      env(),
    );
    expect(wrote.stderr).toContain(`Wrote ${pdf}`);
    expect(wrote.code).toBe(0);
    expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');

    const json = await runCli(
      ['export', 'account', id, '--related', '--format', 'json', '--out', '-'],
      env(),
    );
    expect(json.code).toBe(0);
    const file = JSON.parse(json.stdout);
    expect(file.subject).toEqual({ kind: 'account', id });
    expect(file.includeRelated).toBe(true);
    // --mask-pii: as a token without read:pii would see it.
    const alone = await runCli(
      ['export', 'account', id, '--format', 'json', '--out', '-', '--mask-pii'],
      env(),
    );
    const own = JSON.parse(alone.stdout);
    expect(own.piiShown).toBe(false);
    expect(own.timeline.length).toBeGreaterThan(0);

    const csvPath = join(dir, 'case.csv');
    expect((await runCli(['export', 'account', id, '--format', 'csv', '--out', csvPath], env())).code).toBe(
      0,
    );
    const csv = (await readFile(csvPath, 'utf8')).trim().split('\n');
    expect(csv[0]).toMatch(/^occurred_at,/);

    const redacted = await runCli(
      ['export', 'account', feed.redacted.accountId, '--format', 'json', '--out', '-'],
      env(),
    );
    expect(JSON.parse(redacted.stdout)).toMatchObject({ piiShown: false, state: { redacted: true } });

    expect((await runCli(['export', 'account', 'act_none', '--out', '-'], env())).code).toBe(3);
    expect((await runCli(['export', 'account', id, '--format', 'docx', '--out', '-'], env())).code).toBe(2);
    expect((await runCli(['export', 'bogus', id, '--out', '-'], env())).code).toBe(2);

    const log = await runCli(['access-log', '--subject', `account:${id}`, '--json'], env());
    expect(log.code).toBe(0);
    const rows = JSON.parse(log.stdout) as { tokenName: string; what: string; channel: string }[];
    expect(rows.map((r) => r.what).sort()).toEqual([
      'export csv with PII',
      'export json',
      'export json with related with PII',
      'export pdf with related with PII',
    ]);
    expect(rows.every((r) => r.tokenName.startsWith('cli:') && r.channel === 'cli')).toBe(true);
    const table = await runCli(['access-log', '--since', '2000-01-01'], env());
    expect(table.stdout).toMatch(/^AT\s+TOKEN\s+SUBJECT/);
    expect(table.stdout).toContain(`account:${feed.redacted.accountId}`);
    expect((await runCli(['access-log', '--token', 'nobody'], env())).stdout).toContain('No reads recorded');
    expect((await runCli(['access-log', '--subject', 'nocolon'], env())).code).toBe(2);
    expect((await runCli(['access-log', '--since', 'yesterday-ish'], env())).code).toBe(2);
  });

  it('creates tokens whose line the tokens file accepts', async () => {
    const created = await runCli(
      ['token', 'create', '--name', 'alice', '--scopes', 'read,export', '--json'],
      env(),
    );
    expect(created.code).toBe(0);
    const { token, line } = JSON.parse(created.stdout) as { token: string; line: string };
    expect(tokenRegistry(parseTokenFile(line)).authenticate(token)?.name).toBe('alice');
    const human = await runCli(['token', 'create', '--name', 'bob', '--scopes', 'operate'], env());
    expect(human.stdout).toMatch(/Add this line[\s\S]*bob operate sha256:/);
    const bad = await runCli(['token', 'create', '--name', 'carol', '--scopes', 'write'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('read, read:pii, export, operate');
  });
});
