/**
 * The record's own tables, beside the event store's (its own migration component, so the store's
 * schema and its append path stay untouched).
 *
 * - `record_chain`: one row per chained event, in the global order the chain keeper read them:
 *   `seq` 1, 2, 3, …, the event's store position and id, and its chain hash.
 * - `record_chain_head`: one row, the last link and the store checkpoint after it, so the keeper
 *   resumes where it stopped and each batch compare-and-sets it.
 * - `record_keys`: one data key per stream, wrapped by the master key; `wrapped` is set to null
 *   when the stream's subject is erased (the key is destroyed, its ciphertext unreadable).
 * - `record_relations`: which streams hold events naming a subject (an inquiry's stream names its
 *   account), so erasing the account reaches them.
 * - `record_erasures`: each erasure, who asked, when, why, and what it reached.
 * - `record_holds`: legal holds per subject (released ones keep who released them and when).
 * - `record_purges`, `record_purged_events`: each purge, and the ids of the events it removed, so
 *   verify tells a purge from a deletion behind the product's back.
 * - `record_backfill`: where an unfinished backfill from Persona's Events API stopped.
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
  {
    version: 2,
    name: 'data keys, relations, erasures',
    statements: [
      `create table if not exists record_keys (
        stream_id text primary key,
        wrapped text,
        created_at timestamptz not null default now(),
        destroyed_at timestamptz,
        erasure_id text
      )`,
      `create table if not exists record_relations (
        kind text not null,
        id text not null,
        stream_id text not null,
        primary key (kind, id, stream_id)
      )`,
      `create table if not exists record_erasures (
        erasure_id text primary key,
        subject_kind text not null,
        subject_id text not null,
        trigger text not null,
        reason text not null,
        actor text not null,
        erased_at timestamptz not null default now(),
        streams jsonb not null,
        events integer not null,
        unsealed_events integer not null
      )`,
    ],
  },
  {
    version: 3,
    name: 'legal holds and purges',
    statements: [
      `create table if not exists record_holds (
        kind text not null,
        id text not null,
        reason text not null,
        held_by text not null,
        held_at timestamptz not null default now(),
        released_at timestamptz,
        released_by text,
        primary key (kind, id)
      )`,
      `create table if not exists record_purges (
        purge_id text primary key,
        actor text not null,
        purged_at timestamptz not null default now(),
        cutoff timestamptz not null,
        streams jsonb not null,
        events integer not null,
        quarantined integer not null
      )`,
      `create table if not exists record_purged_events (
        event_id text primary key,
        purge_id text not null
      )`,
    ],
  },
  {
    version: 4,
    name: 'backfill cursors',
    statements: [
      `create table if not exists record_backfill (
        job text primary key,
        cursor text,
        pages integer not null default 0,
        updated_at timestamptz not null default now(),
        completed_at timestamptz
      )`,
    ],
  },
  {
    version: 5,
    name: 'purges count the access-log rows they remove',
    statements: [
      'alter table record_purges add column if not exists access_log_entries integer not null default 0',
    ],
  },
];
