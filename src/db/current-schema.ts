/** The schema unqualified names resolve to on a connection (its search_path). */
import type { SqlExecutor } from './sql-client.js';

export async function currentSchema(db: SqlExecutor): Promise<string> {
  const { rows } = await db.query<{ schema: string }>('select current_schema() as schema');
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('no current schema: set search_path');
  return schema;
}
