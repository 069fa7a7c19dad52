/**
 * The read-model tables of one build (`rm_<base>_v<N>`). Names come from ctx.table, which
 * validates them; everything else is bound.
 */
import type { SqlExecutor } from '../../store/sql-client.js';
import type { ProjectionContext } from '../projection.js';

export const TABLE_BASES = ['aggregate_state', 'timeline_entries', 'reference_index'] as const;

export async function createTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  const state = ctx.table('aggregate_state');
  const timeline = ctx.table('timeline_entries');
  const refs = ctx.table('reference_index');
  const statements = [
    `create table if not exists ${state} (
      kind text not null,
      id text not null,
      stream_id text not null,
      version integer not null,
      stream_version integer not null,
      status text,
      tags text[] not null default '{}',
      state jsonb not null,
      redacted boolean not null default false,
      created_at timestamptz,
      updated_at timestamptz,
      last_occurred_at timestamptz,
      primary key (kind, id))`,
    `create index if not exists ${state}_tags on ${state} using gin (tags)`,
    `create index if not exists ${state}_status on ${state} (kind, status)`,
    `create table if not exists ${timeline} (
      subject_kind text not null,
      subject_id text not null,
      event_id text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null,
      position bigint not null,
      stream_id text not null,
      type text not null,
      source text not null,
      actor text,
      summary text not null,
      changes jsonb not null,
      primary key (subject_kind, subject_id, event_id))`,
    `create index if not exists ${timeline}_time on ${timeline} (subject_kind, subject_id, occurred_at, position)`,
    `create table if not exists ${refs} (
      reference_id text not null,
      kind text not null,
      id text not null,
      source text not null,
      primary key (reference_id, kind, id))`,
    `create index if not exists ${refs}_subject on ${refs} (kind, id)`,
  ];
  for (const s of statements) await tx.query(s);
}

export async function dropTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const base of TABLE_BASES) await tx.query(`drop table if exists ${ctx.table(base)} cascade`);
}
