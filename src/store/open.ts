/**
 * Opening a store from configuration. SQL backends also hand back their SqlClient, so
 * projections can keep read models in the same database (and transaction) as the events.
 */
import { openSqlClient, type SqlClientConfig } from '../db/open.js';
import type { SqlClient } from '../db/sql-client.js';
import type { EventStore } from './event-store.js';
import { MemoryEventStore } from './memory-event-store.js';
import { SqlEventStore } from './sql/sql-event-store.js';

export type EventStoreConfig = 'memory' | SqlClientConfig | { kurrentdb: string };

export interface OpenedEventStore {
  store: EventStore;
  /** The store's SQL client (PGlite/PostgreSQL only). Closed by `store.close()`. */
  sql?: SqlClient;
}

export async function openEventStore(config: EventStoreConfig): Promise<OpenedEventStore> {
  if (config === 'memory') return { store: new MemoryEventStore() };
  if ('kurrentdb' in config) {
    // Loaded on demand: the gRPC client is heavy and only this backend needs it.
    const { KurrentDbEventStore } = await import('./kurrentdb/kurrentdb-event-store.js');
    return { store: KurrentDbEventStore.connect(config.kurrentdb) };
  }
  const sql = await openSqlClient(config);
  try {
    const store = await SqlEventStore.open(sql, { schema: config.schema, ownsClient: true });
    return { store, sql };
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
}
