import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { cliSuite } from './cli-suite.js';
import { cliEnv } from './run-cli.js';

describe('CLI on PGlite (temp data dir)', { timeout: 300_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  cliSuite(() => cliEnv({ DATA_DIR: dir }));
});
