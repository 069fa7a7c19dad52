import { afterAll, beforeAll, describe } from 'vitest';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { projectorSuite } from './projector-suite.js';

const probe = await probePostgres();

describe.skipIf(!probe.available)('library API on PostgreSQL', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(probe.url, 'pp_api');
  });
  afterAll(async () => {
    await schema?.drop();
  });
  projectorSuite(() => ({ postgres: probe.url, schema: schema.schema }));
});
