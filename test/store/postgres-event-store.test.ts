import { describe } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createTestSchema, probePostgres } from '../support/postgres.js';
import { eventStoreContract } from './contract.js';

const pg = await probePostgres();

describe.skipIf(!pg.available)('PostgreSQL', () => {
  eventStoreContract(
    'PostgreSQL',
    async () => {
      const schema = await createTestSchema(pg.url);
      const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 8 });
      const store = await SqlEventStore.open(client, { schema: schema.schema, ownsClient: true });
      return { store, cleanup: () => schema.drop() };
    },
    { workers: 6, appendsPerWorker: 10 },
  );
});
