/**
 * A failed command ends even when something it loaded left a handle open (a half-started
 * database, a pool): src/cli/main.ts exits with the error's code after a short grace period.
 * The leaked handle here is an interval a preloaded module starts, which would keep the process
 * alive for good.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from './run-cli.js';

describe('CLI after an error', { timeout: 60_000 }, () => {
  let dir: string;
  let leak: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-leak-'));
    leak = join(dir, 'leak.mjs');
    await writeFile(leak, 'setInterval(() => {}, 60_000);\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits with the error code although a handle stays open', async () => {
    const env = cliEnv({
      DATA_DIR: '/nonexistent/never-opened',
      NODE_OPTIONS: `--import ${pathToFileURL(leak).href}`,
    });
    // Without the guard this child never ends and the test times out.
    const result = await runCli(['state', 'widget', 'x'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown kind "widget"');
  });
});
