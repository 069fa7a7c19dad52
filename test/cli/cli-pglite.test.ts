import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { probePostgres } from '../support/postgres.js';
import { cliSuite, demoSuite, pgliteSuite } from './cli-suite.js';
import { cliEnv } from './run-cli.js';

// The full command matrix runs on PostgreSQL (cli-postgres.test.ts); here, the embedded path. When no
// PostgreSQL answers, the matrix runs here instead, so every command still runs as a real process.
const probe = await probePostgres();

describe('CLI on PGlite (temp data dir)', { timeout: 300_000 }, () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const env = () => cliEnv({ DATA_DIR: dir });
  if (probe.available) pgliteSuite(env);
  else cliSuite(env);
  demoSuite(env);
});
