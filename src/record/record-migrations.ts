/**
 * The record's own tables, beside the event store's (its own migration component, so the store's
 * schema and its append path stay untouched).
 *
 * - `record_chain`: one row per chained event, in the global order the chain keeper read them:
 *   `seq` 1, 2, 3, …, the event's store position and id, and its chain hash.
 * - `record_chain_head`: one row, the last link and the store checkpoint after it, so the keeper
 *   resumes where it stopped and each batch compare-and-sets it.
 */
import type { Migration } from '../db/migrations.js';

export const RECORD_COMPONENT = 'record';

export const recordMigrations: Migration[] = [
  {
    version: 1,
    name: 'hash chain',
    statements: [
      `create table if not exists record_chain (
        seq bigint primary key check (seq >= 1),
        position text not null,
        event_id text not null unique,
        hash text not null,
        chained_at timestamptz not null default now()
      )`,
      `create table if not exists record_chain_head (
        one boolean primary key default true check (one),
        seq bigint not null,
        hash text not null,
        checkpoint text not null,
        updated_at timestamptz not null default now()
      )`,
    ],
  },
];
