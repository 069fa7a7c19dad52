/** The schema unqualified names resolve to on a connection (its search_path). */
import type { SqlExecutor } from './sql-client.js';

export async function currentSchema(db: SqlExecutor): Promise<string> {
  const { rows } = await db.query<{ schema: string }>('select current_schema() as schema');
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('no current schema: set search_path');
  return schema;
}

/** Whether a table (or view) of this name exists where unqualified names resolve on this connection. */
export async function relationExists(db: SqlExecutor, name: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [name]);
  return rows[0]?.found === true;
}
