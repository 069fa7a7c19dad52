/**
 * The small SQL surface shared by node-postgres and PGlite, so one SQL implementation serves both.
 * Every statement is parameterised ($1, $2, …); nothing is concatenated into SQL text.
 */

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` in one transaction on one connection; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** LISTEN on a channel; returns an unlisten function. PGlite and pg both support it. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /** 'pg' or 'pglite', for the rare place that must differ (e.g. pool sizing). */
  readonly dialect: 'pg' | 'pglite';
  close(): Promise<void>;
}
