/**
 * SqlClient over PGlite (embedded PostgreSQL in WebAssembly), in memory or in a data directory.
 * PGlite has one connection, so a mutex makes `transaction()` exclusive: no other query can run
 * between its BEGIN and COMMIT. int8 and numeric are returned as strings, as node-postgres does,
 * so one SQL implementation sees the same values on both. A data directory is locked for this
 * process while open (data-dir-lock.ts): a second process is refused rather than corrupting it.
 * A new data directory starts as a copy of the installed PGlite's template (pglite-template.ts).
 * Long text and JSON parameters, and bytea, travel as bytes (pglite-parameters.ts).
 */
import { Mutex, PGlite, types, type Transaction } from '@electric-sql/pglite';
import type { SqlArrayResult, SqlClient, SqlExecutor, SqlResult } from './sql-client.js';
import { mapUnavailable } from './errors.js';
import { assertIdentifier } from './identifiers.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { PgliteOpenError } from './pglite-open-error.js';
import { ARRAY_QUERY_OPTIONS, parseBytea, QUERY_OPTIONS } from './pglite-parameters.js';
import { defaultCacheDir, seedFromTemplate } from './pglite-template.js';

export { PgliteOpenError };

export interface PgliteClientOptions {
  /** A directory path, or `memory://` (the default) for an in-memory database. */
  dataDir?: string;
  /** Schema for the search_path (created here, so it exists before anything runs). */
  schema?: string;
  /**
   * Cache directory of the new-directory template (default: defaultCacheDir()); false: a new data
   * directory runs PGlite's initdb itself.
   */
  templateCache?: string | false;
}

function isDirectory(dataDir: string): boolean {
  return !/^[a-z]+:\/\//.test(dataDir);
}

const asString = (value: string): string => value;

/**
 * A template only saves time: when none can be found, made or copied, PGlite runs initdb itself.
 * A copy cut short holds no PG_VERSION, so PGlite still sees a new directory and writes over it.
 */
async function seedNewDirectory(dataDir: string, cacheDir: string | undefined): Promise<void> {
  try {
    await seedFromTemplate(dataDir, cacheDir ?? defaultCacheDir());
  } catch {
    // initdb below.
  }
}

export class PgliteSqlClient implements SqlClient {
  readonly dialect = 'pglite' as const;
  readonly #db: PGlite;
  readonly #mutex = new Mutex();
  readonly #lock: DataDirLock | undefined;

  private constructor(db: PGlite, lock: DataDirLock | undefined) {
    this.#db = db;
    this.#lock = lock;
  }

  static async open(options: PgliteClientOptions = {}): Promise<PgliteSqlClient> {
    const schema = options.schema === undefined ? undefined : assertIdentifier(options.schema, 'schema');
    const dataDir = options.dataDir ?? 'memory://';
    const lock = isDirectory(dataDir) ? await lockDataDir(dataDir) : undefined;
    let db: PGlite;
    try {
      if (lock && options.templateCache !== false) await seedNewDirectory(dataDir, options.templateCache);
      db = await PGlite.create(dataDir, {
        parsers: { [types.INT8]: asString, [types.NUMERIC]: asString, [types.BYTEA]: parseBytea },
      });
    } catch (error) {
      await lock?.release();
      throw lock ? new PgliteOpenError(dataDir, error) : error;
    }
    try {
      if (schema) await db.exec(`create schema if not exists ${schema}; set search_path to ${schema};`);
    } catch (error) {
      await db.close().catch(() => undefined);
      await lock?.release();
      throw error;
    }
    return new PgliteSqlClient(db, lock);
  }

  /** Refuses work once the data directory's lock was lost: another process may be writing. */
  #guard(): void {
    if (this.#lock?.lost)
      throw new Error(
        'the PGlite data directory lock was lost (the process stalled too long); stopping writes',
      );
  }

  /** The underlying PGlite, for tools that need it (e.g. dumping a data directory). */
  get pglite(): PGlite {
    return this.#db;
  }

  async query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<Row>> {
    try {
      this.#guard();
      return toResult<Row>(
        await this.#mutex.runExclusive(() => this.#db.query<Row>(sql, params, QUERY_OPTIONS)),
      );
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async queryArrays(sql: string, params?: unknown[]): Promise<SqlArrayResult> {
    try {
      this.#guard();
      const result = await this.#mutex.runExclusive(() =>
        this.#db.query<unknown[]>(sql, params, ARRAY_QUERY_OPTIONS),
      );
      return { columns: result.fields.map((f) => f.name), rows: result.rows };
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    try {
      this.#guard();
      return await this.#mutex.runExclusive(() =>
        this.#db.transaction(async (tx: Transaction) => fn(executorOf(tx))),
      );
    } catch (error) {
      throw mapUnavailable(error, 'transaction');
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      this.#guard();
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
    try {
      await this.#mutex.runExclusive(() => this.#db.close());
    } finally {
      await this.#lock?.release();
    }
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
      return toResult<Row>(await tx.query<Row>(sql, params, QUERY_OPTIONS));
    },
  };
}
