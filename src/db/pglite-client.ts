/**
 * SqlClient over PGlite (embedded PostgreSQL in WebAssembly), in memory or in a data directory.
 * PGlite has one connection, so a mutex makes `transaction()` exclusive: no other query can run
 * between its BEGIN and COMMIT. int8 and numeric are returned as strings, as node-postgres does,
 * so one SQL implementation sees the same values on both.
 */
import { Mutex, PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { SqlArrayResult, SqlClient, SqlExecutor, SqlResult } from './sql-client.js';
import { mapUnavailable } from './errors.js';
import { assertIdentifier } from './identifiers.js';

export interface PgliteClientOptions {
  /** A directory path, or `memory://` (the default) for an in-memory database. */
  dataDir?: string;
  /** Schema for the search_path (created here, so it exists before anything runs). */
  schema?: string;
}

const asString = (value: string): string => value;

export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  readonly #db: PGlite;
  readonly #mutex = new Mutex();

  private constructor(db: PGlite) {
    this.#db = db;
  }

  static async open(options: PgliteClientOptions = {}): Promise<PgliteSqlClient> {
    const schema = options.schema === undefined ? undefined : assertIdentifier(options.schema, 'schema');
    const db = await PGlite.create(options.dataDir ?? 'memory://', {
      parsers: { [types.INT8]: asString, [types.NUMERIC]: asString },
    });
    if (schema) await db.exec(`create schema if not exists ${schema}; set search_path to ${schema};`);
    return new PgliteSqlClient(db);
  }

  /** The underlying PGlite, for tools that need it (e.g. dumping a data directory). */
  get pglite(): PGlite {
    return this.#db;
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>> {
    try {
      return toResult<Row>(await this.#mutex.runExclusive(() => this.#db.query<Row>(sql, params)));
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async queryArrays(sql: string, params?: unknown[]): Promise<SqlArrayResult> {
    try {
      const result = await this.#mutex.runExclusive(() =>
        this.#db.query<unknown[]>(sql, params, { rowMode: 'array' }),
      );
      return { columns: result.fields.map((f) => f.name), rows: result.rows };
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      return await this.#mutex.runExclusive(() =>
        this.#db.transaction(async (tx: Transaction) => fn(executorOf(tx))),
      );
    } catch (error) {
      throw mapUnavailable(error, 'transaction');
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.#mutex.runExclusive(() => this.#db.exec(sql));
    } catch (error) {
      throw mapUnavailable(error, 'exec');
    }
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertIdentifier(channel, 'channel');
    const unlisten = await this.#mutex.runExclusive(() => this.#db.listen(channel, onNotify));
    return async () => {
      if (!this.#db.closed) await this.#mutex.runExclusive(() => unlisten());
    };
  }

  async close(): Promise<void> {
    if (this.#db.closed) return;
    // Waits for a running transaction to finish before closing underneath it.
    await this.#mutex.runExclusive(() => this.#db.close());
  }
}

function toResult<Row>(result: { rows: Row[]; affectedRows?: number }): SqlResult<Row> {
  return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
}

// No copyFrom (db/copy.ts): PGlite's `COPY … FROM '/dev/blob'` loads the bulk path's rows slower
// than one INSERT from a JSON document (docs/performance.md), so bulk loads send JSON.
function executorOf(tx: Transaction): SqlExecutor {
  return {
    async query<Row>(sql: string, params?: unknown[]): Promise<SqlResult<Row>> {
      return toResult<Row>(await tx.query<Row>(sql, params));
    },
  };
}
