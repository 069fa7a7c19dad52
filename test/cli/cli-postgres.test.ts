import { afterAll, beforeAll, describe } from 'vitest';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { cliSuite } from './cli-suite.js';
import { cliEnv } from './run-cli.js';

const probe = await probePostgres();

describe.skipIf(!probe.available)(
  'CLI on PostgreSQL (DATABASE_URL, own schema)',
  { timeout: 120_000 },
  () => {
    let schema: TestSchema;
    beforeAll(async () => {
      schema = await createTestSchema(probe.url, 'pp_cli');
    });
    afterAll(async () => {
      await schema?.drop();
    });
    cliSuite(() => cliEnv({ DATABASE_URL: probe.url, DATABASE_SCHEMA: schema.schema }));
  },
);
