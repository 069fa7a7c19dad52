/**
 * Fold snapshots in their own table (`state_snapshots`) beside the read models. Each row gets a
 * random id when written, and parsed states are kept in a small LRU by that id: a snapshot's state
 * never changes once written (a replaced one has a new id), so repeated past-state queries of a
 * subject do not fetch and parse its large state rows again.
 */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { FoldSnapshot } from '../../aggregates/fold-snapshots.js';
import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { runMigrations } from '../../db/migrations.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import { deepFreeze } from '../../aggregates/state-copy.js';
import { relationExists } from '../../db/current-schema.js';
import {
  SNAPSHOT_FORMAT,
  type SnapshotMeta,
  type SnapshotStore,
  type StreamSnapshots,
} from './snapshot-store.js';

const MIGRATIONS = [
  {
    version: 1,
    name: 'state snapshots',
    statements: [
      `create table if not exists state_snapshots (
        stream_id text not null,
        n integer not null,
        snapshot_id text not null,
        format integer not null,
        max_at double precision not null,
        checked_to integer not null,
        state jsonb not null,
        primary key (stream_id, n)
      )`,
    ],
  },
];

const LIST = `select n, snapshot_id, max_at, checked_to from state_snapshots
  where stream_id = $1 and format = $2 order by n`;
const LOAD = 'select state from state_snapshots where stream_id = $1 and n = $2 and snapshot_id = $3';
const SAVE = `insert into state_snapshots (stream_id, n, snapshot_id, format, max_at, checked_to, state)
  select $1, n, id, $2, max_at, $3, state
    from unnest($4::int4[], $5::text[], $6::float8[], $7::jsonb[]) as s(n, id, max_at, state)
  on conflict (stream_id, n) do update set snapshot_id = excluded.snapshot_id, format = excluded.format,
    max_at = excluded.max_at, checked_to = excluded.checked_to, state = excluded.state`;
const CHECKED = 'update state_snapshots set checked_to = $2 where stream_id = $1 and checked_to < $2';
const DROP = 'delete from state_snapshots where stream_id = $1 and (n >= $2 or format <> $3)';

/**
 * Deletes every snapshot of these streams (erasure and purge: a snapshot holds the folded state,
 * PII included); nothing where the table was never made.
 */
export async function dropSnapshotsOf(sql: SqlExecutor, streamIds: readonly string[]): Promise<void> {
  if (streamIds.length === 0) return;
  if (!(await relationExists(sql, 'state_snapshots'))) return;
  await sql.query('delete from state_snapshots where stream_id = any($1::text[])', [streamIds]);
}

export class SqlSnapshots implements SnapshotStore {
  readonly #sql: SqlClient;
  readonly #states = new LRUCache<string, BaseState>({ max: 64 });

  private constructor(sql: SqlClient) {
    this.#sql = sql;
  }

  static async open(sql: SqlClient, options: { schema?: string } = {}): Promise<SqlSnapshots> {
    await runMigrations(sql, {
      component: 'state-snapshots',
      migrations: MIGRATIONS,
      ...(options.schema ? { schema: options.schema } : {}),
    });
    return new SqlSnapshots(sql);
  }

  async list(streamId: string): Promise<StreamSnapshots | null> {
    const { rows } = await this.#sql.query<{
      n: number;
      snapshot_id: string;
      max_at: number;
      checked_to: number;
    }>(LIST, [streamId, SNAPSHOT_FORMAT]);
    if (rows.length === 0) return null;
    return {
      checkedTo: Math.min(...rows.map((r) => r.checked_to)),
      snapshots: rows.map((r) => ({ n: r.n, id: r.snapshot_id, maxAt: Number(r.max_at) })),
    };
  }

  async load(streamId: string, meta: SnapshotMeta): Promise<BaseState | null> {
    const cached = meta.id === undefined ? undefined : this.#states.get(meta.id);
    if (cached) return cached;
    const { rows } = await this.#sql.query<{ state: BaseState | string }>(LOAD, [streamId, meta.n, meta.id]);
    const stored = rows[0]?.state;
    if (stored === undefined) return null;
    const state = deepFreeze(typeof stored === 'string' ? (JSON.parse(stored) as BaseState) : stored);
    if (meta.id !== undefined) this.#states.set(meta.id, state);
    return state;
  }

  async save(streamId: string, snapshots: FoldSnapshot<BaseState>[], checkedTo: number): Promise<void> {
    if (snapshots.length > 0)
      await this.#sql.query(SAVE, [
        streamId,
        SNAPSHOT_FORMAT,
        checkedTo,
        snapshots.map((s) => s.n),
        snapshots.map(() => randomUUID()),
        snapshots.map((s) => s.maxAt),
        snapshots.map((s) => JSON.stringify(s.state)),
      ]);
    await this.#sql.query(CHECKED, [streamId, checkedTo]);
  }

  async drop(streamId: string, fromN = 0): Promise<void> {
    await this.#sql.query(DROP, [streamId, fromN, SNAPSHOT_FORMAT]);
  }
}
