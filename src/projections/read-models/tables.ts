/**
 * The read-model tables of one build (`rm_<base>_v<N>`), created from their column tables
 * (columns.ts). Names come from ctx.table, which validates them; everything else is bound.
 */
import type { SqlExecutor } from '../../db/sql-client.js';
import type { ProjectionContext } from '../projection.js';
import { TABLES, type TableShape } from './columns.js';

function createTable(table: string, shape: TableShape, withKey: boolean): string {
  const columns = shape.columns.map((c) => `${c.name} ${c.type}${c.constraints ? ` ${c.constraints}` : ''}`);
  if (withKey) columns.push(`primary key (${shape.primaryKey.join(', ')})`);
  return `create table if not exists ${table} (${columns.join(', ')})${storage(shape)}`;
}

function storage(shape: TableShape): string {
  const fillfactor = shape.fillfactor;
  if (fillfactor === undefined) return '';
  if (!Number.isInteger(fillfactor) || fillfactor < 10 || fillfactor > 100)
    throw new RangeError(`fillfactor of ${shape.base} must be an integer from 10 to 100`);
  return ` with (fillfactor = ${fillfactor})`;
}

function createIndexes(table: string, shape: TableShape): string[] {
  return shape.indexes.map(
    (i) =>
      `create index if not exists ${table}_${i.suffix} on ${table}${i.using ? ` using ${i.using}` : ''} (${i.columns})`,
  );
}

export async function createTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const shape of TABLES) {
    const table = ctx.table(shape.base);
    await tx.query(createTable(table, shape, true));
    for (const s of createIndexes(table, shape)) await tx.query(s);
  }
}

/**
 * A bulk load's tables: the same columns with no primary key and no index, so rows go in at
 * append speed; finishTables adds the keys and indexes once the load is done.
 */
export async function createBareTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const shape of TABLES) await tx.query(createTable(ctx.table(shape.base), shape, false));
}

/** Adds the primary keys a bare table lacks (named as createTables names them) and every index. */
export async function finishTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const shape of TABLES) {
    const table = ctx.table(shape.base);
    const { rows } = await tx.query('select 1 from pg_index where indrelid = $1::regclass and indisprimary', [
      table,
    ]);
    if (rows.length === 0)
      await tx.query(
        `alter table ${table} add constraint ${table}_pkey primary key (${shape.primaryKey.join(', ')})`,
      );
    for (const s of createIndexes(table, shape)) await tx.query(s);
  }
}

export async function dropTables(tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
  for (const shape of TABLES) await tx.query(`drop table if exists ${ctx.table(shape.base)} cascade`);
}
