import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { eventStoreContract } from './contract.js';

eventStoreContract('PGlite (in memory)', async () => {
  const client = await PgliteSqlClient.open();
  return { store: await SqlEventStore.open(client, { ownsClient: true }) };
});
