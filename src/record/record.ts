/**
 * The compliance record beside the event store: its migrations and the chain keeper, opened once
 * per projector (src/projector/composition.ts), and the operations on it.
 */
import { runMigrations } from '../db/migrations.js';
import type { SqlClient } from '../db/sql-client.js';
import type { EventStore } from '../store/event-store.js';
import { startChainKeeper, type ChainKeeper } from './chain-keeper.js';
import { RECORD_COMPONENT, recordMigrations } from './record-migrations.js';
import { verifyChain, type VerifyReport } from './verify.js';

export interface RecordOptions {
  /** The store as written: under the sealing decorator, its inner store (what is stored). */
  store: EventStore;
  /** Where the record's tables live (the read models' database). */
  sql: SqlClient;
  /** Schema to migrate into when it may not exist yet (PostgreSQL). */
  schema?: string;
  onError?: (error: unknown) => void;
}

export interface OpenedRecord {
  readonly keeper: ChainKeeper;
  /** Chains everything stored so far (when this process keeps the chain), then walks it. */
  verify(): Promise<VerifyReport>;
  stop(): Promise<void>;
}

export async function migrateRecord(sql: SqlClient, schema?: string): Promise<void> {
  await runMigrations(sql, {
    component: RECORD_COMPONENT,
    migrations: recordMigrations,
    ...(schema ? { schema } : {}),
  });
}

export async function openRecord(options: RecordOptions): Promise<OpenedRecord> {
  await migrateRecord(options.sql, options.schema);
  const keeper = await startChainKeeper({
    store: options.store,
    sql: options.sql,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    keeper,
    async verify() {
      await keeper.caughtUp();
      return verifyChain(options.store, options.sql);
    },
    stop: () => keeper.stop(),
  };
}
