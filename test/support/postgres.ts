/**
 * Real PostgreSQL for tests. Each caller gets a fresh schema so test files run in parallel.
 *
 * - DATABASE_URL set: use it; failure to connect fails the test (CI exports it, so CI never skips).
 * - DATABASE_URL unset: try the local default; if unreachable, `postgresAvailable` is false and
 *   suites use `describe.skipIf(!pg.available)` after printing one line that says why.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresProbe {
  url: string;
  available: boolean;
  reason?: string;
}

export async function probePostgres(): Promise<PostgresProbe> {
  const fromEnv = process.env.DATABASE_URL;
  const url = fromEnv ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { url, available: true };
  } catch (error) {
    if (fromEnv || process.env.CI) {
      throw new Error(
        `PostgreSQL at DATABASE_URL is unreachable (${String(error)}); refusing to skip its tests`,
      );
    }
    const reason = `PostgreSQL tests skipped: no DATABASE_URL and nothing answers at ${DEFAULT_URL}`;
    console.warn(reason);
    return { url, available: false, reason };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** Creates an empty schema for one test file; `drop()` removes it and everything in it. */
export async function createTestSchema(url: string, prefix = 'pp_test'): Promise<TestSchema> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Identifier built from a fixed prefix and hex: safe to interpolate (identifiers cannot be bound).
    await client.query(`create schema "${schema}"`);
  } finally {
    await client.end();
  }
  return {
    url,
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await c.end();
      }
    },
  };
}
