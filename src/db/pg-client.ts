/**
 * SqlClient over a node-postgres Pool. `schema` becomes every connection's search_path (sent in
 * the startup packet, so no connection ever runs a statement with the wrong one). LISTEN uses one
 * dedicated connection, reconnected after failures; callers also poll, so a gap only delays.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFromStream } from 'pg-copy-streams';
import { createHash } from 'node:crypto';
import type { QueryOptions, SqlArrayResult, SqlClient, SqlExecutor, SqlResult } from './sql-client.js';
import { copyTarget, type CopyExecutor } from './copy.js';
import { mapUnavailable, StoreUnavailableError } from './errors.js';
import { assertIdentifier } from './identifiers.js';

export interface PgClientOptions {
  connectionString: string;
  /** Schema for every connection's search_path (created by migrations if missing). */
  schema?: string;
  /** Pool size. Default 10. */
  max?: number;
  connectionTimeoutMillis?: number;
}

type Listener = (payload: string) => void;

/** Named statements by text; the name is a digest, so one text always has one name. */
const statementNames = new Map<string, string>();

function queryConfig(sql: string, params: unknown[] | undefined, options: QueryOptions | undefined) {
  if (!options?.prepare) return { text: sql, values: params };
  let name = statementNames.get(sql);
  if (!name) {
    name = `pp_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params };
}

export class PgSqlClient implements SqlClient {
  readonly dialect = 'pg' as const;
  /** Transactions carry copyFrom (copy.ts). */
  readonly supportsCopy = true;
  readonly schema: string | undefined;
  readonly #pool: pg.Pool;
  readonly #config: pg.ClientConfig;
  readonly #listeners = new Map<string, Set<Listener>>();
  #listenClient: Promise<pg.Client> | null = null;
  #closed = false;

  constructor(options: PgClientOptions) {
    this.schema = options.schema === undefined ? undefined : assertIdentifier(options.schema, 'schema');
    this.#config = {
      connectionString: options.connectionString,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
      ...(this.schema ? { options: `-c search_path=${this.schema}` } : {}),
    };
    this.#pool = new pg.Pool({ ...this.#config, max: options.max ?? 10 });
    // An idle client dying (server restart) must not crash the process; the next query reconnects.
    this.#pool.on('error', () => undefined);
  }

  async query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<SqlResult<Row>> {
    try {
      const result = await this.#pool.query(queryConfig(sql, params, options));
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async queryArrays(sql: string, params?: unknown[], options?: QueryOptions): Promise<SqlArrayResult> {
    try {
      const result = await this.#pool.query<unknown[]>({
        ...queryConfig(sql, params, options),
        rowMode: 'array',
      });
      return { columns: result.fields.map((f) => f.name), rows: result.rows };
    } catch (error) {
      throw mapUnavailable(error, 'query');
    }
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw mapUnavailable(error, 'connect');
    }
    // A connection that drops while we hold it (server restart) emits 'error' on the client; without
    // a listener that is an uncaught exception that kills the process. Record it and let the pending
    // query reject instead, so callers see StoreUnavailableError.
    let broken: unknown;
    const onError = (error: Error): void => {
      broken = error;
    };
    client.on('error', onError);
    const tx: CopyExecutor = {
      async query<Row>(sql: string, params?: unknown[], options?: QueryOptions): Promise<SqlResult<Row>> {
        const result = await client.query(queryConfig(sql, params, options));
        return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
      },
      // Bulk loads (see copy.ts): COPY FROM STDIN on this transaction's connection.
      async copyFrom(table: string, columns: readonly string[], text: string): Promise<void> {
        await pipeline(
          Readable.from([text]),
          client.query(copyFromStream(`copy ${copyTarget(table, columns)} from stdin`)),
        );
      },
    };
    try {
      await client.query('begin');
      const value = await fn(tx);
      await client.query('commit');
      return value;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError;
      }
      throw mapUnavailable(error, 'transaction');
    } finally {
      client.off('error', onError);
      // A connection that broke or could not roll back is discarded rather than reused.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  async exec(sql: string): Promise<void> {
    // Several statements in one text come back as an array of results, so do not read `.rows`.
    try {
      await this.#pool.query(sql);
    } catch (error) {
      throw mapUnavailable(error, 'exec');
    }
  }

  async listen(channel: string, onNotify: Listener): Promise<() => Promise<void>> {
    assertIdentifier(channel, 'channel');
    let set = this.#listeners.get(channel);
    if (!set) {
      set = new Set();
      this.#listeners.set(channel, set);
      const client = await this.#listener();
      try {
        await client.query(`listen ${channel}`);
      } catch (error) {
        this.#listeners.delete(channel);
        throw mapUnavailable(error, 'listen');
      }
    }
    set.add(onNotify);
    return async () => {
      const current = this.#listeners.get(channel);
      if (!current?.delete(onNotify) || current.size > 0) return;
      this.#listeners.delete(channel);
      const client = await this.#listenClient?.catch(() => null);
      await client?.query(`unlisten ${channel}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const listenClient = await this.#listenClient?.catch(() => null);
    await listenClient?.end().catch(() => undefined);
    await this.#pool.end();
  }

  /** The dedicated LISTEN connection; re-created (and channels re-LISTENed) after it fails. */
  #listener(): Promise<pg.Client> {
    if (this.#closed) return Promise.reject(new StoreUnavailableError('pg client is closed'));
    if (this.#listenClient) return this.#listenClient;
    const client = new pg.Client(this.#config);
    client.on('notification', (message) => {
      for (const fn of this.#listeners.get(message.channel) ?? []) fn(message.payload ?? '');
    });
    const reset = (): void => {
      if (this.#listenClient !== connecting) return;
      this.#listenClient = null;
      client.end().catch(() => undefined);
      if (!this.#closed && this.#listeners.size > 0) setTimeout(() => void this.#relisten(), 500).unref();
    };
    client.on('error', reset);
    client.on('end', reset);
    const connecting = client.connect().then(
      () => client,
      (error: unknown) => {
        reset();
        throw mapUnavailable(error, 'listen');
      },
    );
    this.#listenClient = connecting;
    return connecting;
  }

  async #relisten(): Promise<void> {
    try {
      const client = await this.#listener();
      for (const channel of this.#listeners.keys()) await client.query(`listen ${channel}`);
    } catch {
      // Retried on the next failure or listen(); subscribers keep polling meanwhile.
    }
  }
}
