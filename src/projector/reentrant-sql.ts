/**
 * PGlite has one connection, guarded by a mutex, so a statement issued outside a running
 * transaction but from inside its callback (a projection re-reading a stream through the event
 * store while applying a batch) waits for the mutex the transaction holds: a deadlock. This wrapper
 * remembers the transaction of the current async context and runs such statements inside it.
 * PostgreSQL pools do not need it (another connection serves the read).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlClient, SqlExecutor, SqlResult } from '../store/sql-client.js';

export function reentrant(client: SqlClient): SqlClient {
  const current = new AsyncLocalStorage<SqlExecutor>();
  return {
    dialect: client.dialect,
    query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>> {
      const tx = current.getStore();
      return tx ? tx.query<Row>(sql, params) : client.query<Row>(sql, params);
    },
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const tx = current.getStore();
      // Nested: run in the enclosing transaction (its commit or rollback covers this work too).
      if (tx) return fn(tx);
      return client.transaction((inner) => current.run(inner, () => fn(inner)));
    },
    exec: (sql) => client.exec(sql),
    listen: (channel, onNotify) => client.listen(channel, onNotify),
    close: () => client.close(),
  };
}
