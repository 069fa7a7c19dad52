/**
 * One process per PGlite data directory, and the exit codes of errors a user can fix: real CLI
 * processes (the test bundle), a real serve holding the directory, kill -9 of the holder, a
 * damaged directory, bad PostgreSQL credentials and a missing database.
 */
import { mkdtemp, rm, mkdir, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, probePostgres } from '../support/postgres.js';
import { cliEnv, runCli, startCli, type CliResult } from './run-cli.js';

const probe = await probePostgres();

async function startServe(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1'], env);
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 40_000);
    child.on('close', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/listening at http/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

const closed = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('close', (code) => resolve(code));
  });

/** Runs the CLI with a deadline: a CLI that hangs fails the test instead of the run. */
async function runWithin(
  ms: number,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin?: string,
): Promise<CliResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`profile-projector ${args.join(' ')} did not exit in ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([runCli(args, env, stdin), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('PGlite data directory: one process at a time', { timeout: 180_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-lock-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second process with exit 6 naming the holder, and takes over after kill -9', async () => {
    const env = cliEnv({ DATA_DIR: dir });
    const serve = await startServe(env);
    try {
      const imported = await runWithin(60_000, ['import', '--source', 'persona', '-'], env, '{}\n');
      expect(imported.code).toBe(6);
      expect(lines(imported.stderr)).toHaveLength(1);
      expect(imported.stderr).toContain(`in use by process ${serve.pid}`);
      expect(imported.stderr).toMatch(/read API/);
      expect(imported.stderr).toMatch(/PostgreSQL \(DATABASE_URL\)/);
      // Read-only commands are refused the same way: opening the directory at all is not safe.
      const state = await runWithin(60_000, ['state', 'account', 'act_x'], env);
      expect(state.code).toBe(6);
      expect(state.stderr).toContain(`process ${serve.pid}`);
    } finally {
      serve.kill('SIGKILL');
      await closed(serve);
    }
    // The dead holder's lock is taken over (once stale), and the directory is intact.
    const after = await runWithin(60_000, ['state', 'account', 'act_x'], env);
    expect(after.stderr).not.toMatch(/in use by/);
    expect(after.code).toBe(3);
  });

  it('a clean exit releases the lock at once', async () => {
    const env = cliEnv({ DATA_DIR: dir });
    const serve = await startServe(env);
    serve.kill('SIGTERM');
    expect(await closed(serve)).toBe(0);
    expect(await readdir(dir)).not.toContain('.profile-projector.lock');
    expect((await runWithin(60_000, ['state', 'account', 'act_x'], env)).code).toBe(3);
  });

  it('a damaged data directory ends the CLI with one clear line, not a hang', async () => {
    const damaged = join(dir, 'damaged');
    await mkdir(join(damaged, 'global'), { recursive: true });
    await writeFile(join(damaged, 'PG_VERSION'), '17\n');
    await writeFile(join(damaged, 'global', 'pg_control'), '');
    const result = await runWithin(60_000, ['state', 'account', 'act_x'], cliEnv({ DATA_DIR: damaged }));
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(`could not open the data directory ${damaged}`);
    expect(result.stderr).toMatch(/restore it from a backup/);
    // The lock was released on the way out.
    expect(await readdir(damaged)).not.toContain('.profile-projector.lock');
  });
});

describe('a DATA_DIR that cannot be a directory', { timeout: 60_000 }, () => {
  it('is a configuration error (2) with one line saying so', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-lock-file-'));
    try {
      const file = join(dir, 'not-a-dir');
      await writeFile(file, 'x');
      const result = await runWithin(60_000, ['state', 'account', 'act_x'], cliEnv({ DATA_DIR: file }));
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        `profile-projector: the PGlite data directory ${file} is not a directory: set DATA_DIR to a directory this process can write`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!probe.available)(
  'exit codes of configuration errors (PostgreSQL)',
  { timeout: 120_000 },
  () => {
    const withUrl = (mutate: (u: URL) => void) => {
      const u = new URL(probe.url);
      mutate(u);
      return cliEnv({ DATABASE_URL: u.toString() });
    };

    it('an unknown role (bad credentials) is configuration: 2', async () => {
      const result = await runWithin(
        60_000,
        ['state', 'account', 'act_x'],
        withUrl((u) => (u.username = 'no_such_role_pp')),
      );
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toHaveLength(1);
    });

    it('a database that does not exist is configuration: 2', async () => {
      const result = await runWithin(
        60_000,
        ['state', 'account', 'act_x'],
        withUrl((u) => (u.pathname = '/no_such_db_pp')),
      );
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('no_such_db_pp');
    });

    it('an unknown --projection is usage: 2', async () => {
      // Its own schema, dropped after: opening the store creates the tables in it.
      const schema = await createTestSchema(probe.url, 'pp_exit_codes');
      try {
        const result = await runWithin(
          60_000,
          ['rebuild', '--projection', 'nope'],
          cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema }),
        );
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('unknown projection "nope"');
      } finally {
        await schema.drop();
      }
    });
  },
);
