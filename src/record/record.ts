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
import { erase, type EraseRequest, type ErasureReport } from './erasure/erase.js';
import type { KeyStore } from './sealing/key-store.js';
import { listHolds, placeHold, releaseHold, type Hold } from './retention/holds.js';
import { purge, type PurgeOptions, type PurgeReport } from './retention/purge.js';

export interface RecordOptions {
  /** The store as written: under the sealing decorator, its inner store (what is stored). */
  store: EventStore;
  /** Where the record's tables live (the read models' database). */
  sql: SqlClient;
  /** Schema to migrate into when it may not exist yet (PostgreSQL). */
  schema?: string;
  /** The data keys when sealing is configured (a master key), else null. */
  keys: KeyStore | null;
  onError?: (error: unknown) => void;
}

export interface OpenedRecord {
  readonly keeper: ChainKeeper;
  /** Chains everything stored so far (when this process keeps the chain), then walks it. */
  verify(): Promise<VerifyReport>;
  erase(request: EraseRequest): Promise<ErasureReport>;
  hold(subject: { kind: string; id: string }, reason: string, actor: string): Promise<Hold>;
  release(subject: { kind: string; id: string }, actor: string): Promise<Hold | null>;
  holds(): Promise<Hold[]>;
  purge(options: PurgeOptions): Promise<PurgeReport>;
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
    erase: (request) => erase({ stored: options.store, sql: options.sql, keys: options.keys }, request),
    hold: (subject, reason, actor) => placeHold(options.sql, subject, reason, actor),
    release: (subject, actor) => releaseHold(options.sql, subject, actor),
    holds: () => listHolds(options.sql),
    purge: (purgeOptions) => purge({ stored: options.store, sql: options.sql }, purgeOptions),
    stop: () => keeper.stop(),
  };
}
