/** Edges a user hits on the command line, as real processes (the test bundle). */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli-bundle.js';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { DEFAULT_CONCURRENCY, DEFAULT_SUBJECTS } from '../../src/cli/demo/defaults.js';
import { cliEnv, runCli } from './run-cli.js';

describe('CLI edges', { timeout: 120_000 }, () => {
  it('timeline of an unknown kind says the kind is unknown, as state does (exit 2)', async () => {
    const env = cliEnv({ DATA_DIR: '/nonexistent/never-opened' });
    for (const command of ['state', 'timeline']) {
      const result = await runCli([command, 'widget', 'x'], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toBe(
        'profile-projector: unknown kind "widget": one of account, case, inquiry, user-profile (timelines also take persona-<resource> and aiprise-<resource>)',
      );
    }
  });
});

describe('help says what the commands do', { timeout: 60_000 }, () => {
  it('demo --help names the real defaults; quarantine examples use integer ids', async () => {
    const env = cliEnv({});
    const demo = await runCli(['demo', '--help'], env);
    expect(demo.stdout).toContain(`(default ${DEFAULT_CONCURRENCY})`);
    expect(demo.stdout).toContain(`(default ${DEFAULT_SUBJECTS})`);
    const quarantine = await runCli(['quarantine', '--help'], env);
    expect(quarantine.stdout).toMatch(/quarantine show \d+\n/);
    expect(quarantine.stdout).not.toContain('q_01H');
  });
});

describe('--json output is clean JSON on stdout', { timeout: 180_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-json-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the CLI process: import, state and timeline --json parse as JSON', async () => {
    const env = cliEnv({ DATA_DIR: dir });
    const body = personaDelivery({
      name: 'account.created',
      createdAt: '2026-01-05T09:00:00.000Z',
      resource: accountResource({ id: 'act_json' }),
    });
    const imported = await runCli(['import', '--source', 'persona', '-', '--json'], env, `${body}\n`);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ appended: 1 });
    const state = await runCli(['state', 'account', 'act_json', '--json'], env);
    expect(JSON.parse(state.stdout)).toMatchObject({ kind: 'account', id: 'act_json' });
    const timeline = await runCli(['timeline', 'account', 'act_json', '--json'], env);
    expect(JSON.parse(timeline.stdout).entries.map((e: { type: string }) => e.type)).toEqual([
      'account.created',
    ]);
  });

  it('`npm run -s cli -- … --json` (the documented clone invocation) prints no npm banner', async () => {
    const child = spawn('npm', ['run', '-s', 'cli', '--', 'state', 'account', 'act_json', '--json'], {
      cwd: REPO_ROOT,
      env: cliEnv({ DATA_DIR: dir }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'account', id: 'act_json' });
  });
});
