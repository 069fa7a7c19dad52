/**
 * The read-model tables of one build (`rm_<base>_v<N>`). Names come from ctx.table, which
 * validates them; everything else is bound.
 */
import type { SqlExecutor } from '../../db/sql-client.js';
import type { ProjectionContext } from '../projection.js';

export const TABLE_BASES = ['aggregate_state', 'timeline_entries', 'reference_index'] as const;

/**
 * A bulk load's tables: the same columns with no primary key and no index, so rows go in at
 * append speed; finishTables adds the keys and indexes once the load is done.
 */
export async function createBareTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const s of statementsFor(ctx)) {
    if (s.startsWith('create index')) continue;
    await tx.query(s.replace(/,\s*primary key \([^)]*\)\)$/, ')'));
  }
}

/** Adds the primary keys a bare table lacks (same names as createTables gives them) and every index. */
export async function finishTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const s of statementsFor(ctx)) {
    const pk = /^create table if not exists (\w+) \([\s\S]*,\s*primary key (\([^)]*\))\)$/.exec(s);
    if (pk) {
      const { rows } = await tx.query(
        `select 1 from pg_index where indrelid = $1::regclass and indisprimary`,
        [pk[1]],
      );
      if (rows.length === 0)
        await tx.query(`alter table ${pk[1]} add constraint ${pk[1]}_pkey primary key ${pk[2]}`);
    } else await tx.query(s);
  }
}

export async function createTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const s of statementsFor(ctx)) await tx.query(s);
}

function statementsFor(ctx: ProjectionContext): string[] {
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
    // includeRelated also reads the rows recorded on related aggregates' streams (since version 2).
    `create index if not exists ${timeline}_stream on ${timeline} (stream_id, occurred_at, position)`,
    `create table if not exists ${refs} (
      reference_id text not null,
      kind text not null,
      id text not null,
      source text not null,
      primary key (reference_id, kind, id))`,
    `create index if not exists ${refs}_subject on ${refs} (kind, id)`,
  ];
  return statements;
}

export async function dropTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const base of TABLE_BASES) await tx.query(`drop table if exists ${ctx.table(base)} cascade`);
}
