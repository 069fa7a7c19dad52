/**
 * A database of its own on a PostgreSQL server, for tests that run the real service: `serve` reads
 * only DATABASE_URL (no schema option), so a private database keeps it apart from every other test.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { assertIdentifier } from '../../../src/db/identifiers.js';

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function createScratchDatabase(serverUrl: string, prefix = 'pp_rel'): Promise<ScratchDatabase> {
  // Built from a fixed prefix and hex only, so it is safe to interpolate (identifiers cannot be bound).
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  assertIdentifier(name, 'database');
  await admin(serverUrl, `create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async drop() {
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
