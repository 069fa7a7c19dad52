/**
 * The small SQL surface shared by node-postgres and PGlite, so one SQL implementation serves both.
 * Every statement is parameterised ($1, $2, …); nothing is concatenated into SQL text.
 */

export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** Rows as arrays of column values, in select order; `columns` names them. */
export interface SqlArrayResult {
  columns: string[];
  rows: unknown[][];
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection (a named statement), so a hot statement is
   * parsed and planned once per connection instead of on every call. For a few fixed statement
   * texts only: each distinct text stays prepared for the connection's life. Ignored by PGlite.
   */
  prepare?: boolean;
}

export interface SqlExecutor {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<Row>>;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` in one transaction on one connection; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** LISTEN on a channel; returns an unlisten function. PGlite and pg both support it. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Like `query`, but each row comes back as an array of values, with no object built per row:
   * for the few paths that read many rows (the global-order pages, streams). Optional: callers
   * fall back to `query` when a client does not have it.
   */
  queryArrays?(sql: string, params?: unknown[], options?: QueryOptions): Promise<SqlArrayResult>;
  /** 'pg' or 'pglite', for the rare place that must differ (e.g. pool sizing). */
  readonly dialect: 'pg' | 'pglite';
  close(): Promise<void>;
}
