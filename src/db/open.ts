/** Opening a database client from configuration: PGlite (embedded) or PostgreSQL. */
import { PgSqlClient } from './pg-client.js';
import { PgliteSqlClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';

/** `pglite`: a data directory, or `memory://` for an in-memory database. */
export type SqlClientConfig =
  { pglite: string; schema?: string } | { postgres: string; schema?: string; poolSize?: number };

export async function openSqlClient(config: SqlClientConfig): Promise<SqlClient> {
  if ('pglite' in config) return PgliteSqlClient.open({ dataDir: config.pglite, schema: config.schema });
  return new PgSqlClient({ connectionString: config.postgres, schema: config.schema, max: config.poolSize });
}
