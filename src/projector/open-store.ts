/**
 * Opens what a StoreOption names: the event store, and the SQL database that holds the read models
 * and the quarantine (the event store's own database for PGlite and PostgreSQL; PostgreSQL beside
 * KurrentDB; an in-memory PGlite beside the memory store).
 */
import { openSqlClient } from '../db/open.js';
import { openEventStore } from '../store/open.js';
import type { EventStore } from '../store/event-store.js';
import type { SqlClient } from '../db/sql-client.js';
import { SqlEventStore } from '../store/sql/sql-event-store.js';
import type { StoreOption } from './types.js';

export interface OpenedStore {
  store: EventStore;
  /** Read models and quarantine live here. */
  sql: SqlClient;
  /** Schema of the read models (search_path of `sql`). */
  schema: string;
  close(): Promise<void>;
}

export async function openStore(option: StoreOption): Promise<OpenedStore> {
  if (option === 'memory') {
    const sql = await openSqlClient({ pglite: 'memory://' });
    const { store } = await openEventStore('memory');
    return { store, sql, schema: 'public', close: closeBoth(store, sql) };
  }
  if ('pglite' in option) {
    // One PGlite for events and read models.
    const sql = await openSqlClient({ pglite: option.pglite });
    const store = await SqlEventStore.open(sql).catch(closeOnError(sql));
    return { store, sql, schema: 'public', close: closeBoth(store, sql) };
  }
  const schema = option.schema ?? 'public';
  const config = { postgres: option.postgres, ...(option.schema ? { schema: option.schema } : {}) };
  if ('kurrentdb' in option) {
    const sql = await openSqlClient(config);
    const { store } = await openEventStore({ kurrentdb: option.kurrentdb }).catch(closeOnError(sql));
    return { store, sql, schema, close: closeBoth(store, sql) };
  }
  const opened = await openEventStore(config);
  const sql = opened.sql!;
  // The store owns its client: closing the store closes it.
  return { store: opened.store, sql, schema, close: () => opened.store.close() };
}

function closeOnError(sql: SqlClient): (error: unknown) => never {
  return (error) => {
    void sql.close().catch(() => undefined);
    throw error;
  };
}

function closeBoth(store: EventStore, sql: SqlClient): () => Promise<void> {
  return async () => {
    await store.close().catch(() => undefined);
    await sql.close();
  };
}
