/**
 * The event store's tables. `events.txid` is the writing transaction's id: readers of the global
 * order only return rows whose txid is below the oldest running transaction, and order by
 * (txid, position), so a row that commits late can never appear behind a reader's checkpoint.
 * No foreign key from events to streams: the append transaction writes both, and the check
 * would cost every insert.
 */
import type { Migration } from '../../db/migrations.js';

export const EVENT_STORE_COMPONENT = 'event-store';

export const eventStoreMigrations: Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    statements: [
      `create table if not exists streams (
        stream_id text primary key,
        category text not null,
        version bigint not null check (version >= 0),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`,
      `create index if not exists streams_category on streams (category)`,
      `create table if not exists events (
        position bigint generated always as identity primary key,
        txid xid8 not null default pg_current_xact_id(),
        stream_id text not null,
        stream_version bigint not null check (stream_version >= 1),
        event_id text not null unique,
        type text not null,
        source text not null,
        subject_kind text not null,
        subject_id text not null,
        occurred_at timestamptz not null,
        recorded_at timestamptz not null default now(),
        actor text,
        schema_version integer not null,
        data jsonb not null,
        raw text not null,
        related jsonb not null default '[]',
        unknown boolean not null default false,
        metadata jsonb not null default '{}',
        unique (stream_id, stream_version)
      )`,
      // The global order: keyset pagination over (txid, position).
      `create index if not exists events_global_order on events (txid, position)`,
    ],
  },
  {
    version: 2,
    // No query filters streams by category (categories are matched as stream id prefixes on
    // events), and every new stream paid for the index.
    name: 'drop unused streams_category index',
    statements: [`drop index if exists streams_category`],
  },
];
