/** Opening a database client from configuration: PGlite (embedded) or PostgreSQL. */
import type { SqlClient } from './sql-client.js';

/** `pglite`: a data directory, or `memory://` for an in-memory database. */
export type SqlClientConfig =
  { pglite: string; schema?: string } | { postgres: string; schema?: string; poolSize?: number };

/** Each driver is loaded only when configured: a PGlite process never loads node-postgres, and back. */
export async function openSqlClient(config: SqlClientConfig): Promise<SqlClient> {
  if ('pglite' in config) {
    const { PgliteSqlClient } = await import('./pglite-client.js');
    return PgliteSqlClient.open({ dataDir: config.pglite, schema: config.schema });
  }
  const { PgSqlClient } = await import('./pg-client.js');
  return new PgSqlClient({ connectionString: config.postgres, schema: config.schema, max: config.poolSize });
}
