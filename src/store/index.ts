/** The store module's public surface: the contract, the adapters and the factory. */
export * from './event-store.js';
export type { SqlClient, SqlExecutor, SqlResult } from './sql-client.js';
export { MemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store.js';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store.js';
export { PgSqlClient, type PgClientOptions } from './sql/pg-client.js';
export { PgliteSqlClient, type PgliteClientOptions } from './sql/pglite-client.js';
export { runMigrations, type Migration, type MigrateOptions, type MigrateResult } from './sql/migrations.js';
export { assertIdentifier } from './sql/identifiers.js';
export {
  openEventStore,
  openSqlClient,
  type EventStoreConfig,
  type OpenedEventStore,
  type SqlClientConfig,
} from './open.js';
