/** Fold snapshots in their own table (`state_snapshots`) beside the read models. */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { FoldSnapshot } from '../../aggregates/fold-snapshots.js';
import { runMigrations } from '../../db/migrations.js';
import type { SqlClient } from '../../db/sql-client.js';
import { SNAPSHOT_FORMAT, type SnapshotStore, type StreamSnapshots } from './snapshot-store.js';

const MIGRATIONS = [
  {
    version: 1,
    name: 'state snapshots',
    statements: [
      `create table if not exists state_snapshots (
        stream_id text not null,
        n integer not null,
        format integer not null,
        max_at double precision not null,
        checked_to integer not null,
        state jsonb not null,
        primary key (stream_id, n)
      )`,
    ],
  },
];

const LIST = `select n, max_at, checked_to from state_snapshots
  where stream_id = $1 and format = $2 order by n`;
const LOAD = 'select state from state_snapshots where stream_id = $1 and n = $2 and format = $3';
const SAVE = `insert into state_snapshots (stream_id, n, format, max_at, checked_to, state)
  select $1, n, $2, max_at, $3, state from unnest($4::int4[], $5::float8[], $6::jsonb[]) as s(n, max_at, state)
  on conflict (stream_id, n) do update set format = excluded.format, max_at = excluded.max_at,
    checked_to = excluded.checked_to, state = excluded.state`;
const CHECKED = 'update state_snapshots set checked_to = $2 where stream_id = $1 and checked_to < $2';
const DROP = 'delete from state_snapshots where stream_id = $1 and (n >= $2 or format <> $3)';

export class SqlSnapshots implements SnapshotStore {
  readonly #sql: SqlClient;

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
    const { rows } = await this.#sql.query<{ n: number; max_at: number; checked_to: number }>(LIST, [
      streamId,
      SNAPSHOT_FORMAT,
    ]);
    if (rows.length === 0) return null;
    return {
      checkedTo: Math.min(...rows.map((r) => r.checked_to)),
      snapshots: rows.map((r) => ({ n: r.n, maxAt: Number(r.max_at) })),
    };
  }

  async load(streamId: string, n: number): Promise<BaseState | null> {
    const { rows } = await this.#sql.query<{ state: BaseState | string }>(LOAD, [
      streamId,
      n,
      SNAPSHOT_FORMAT,
    ]);
    const state = rows[0]?.state;
    if (state === undefined) return null;
    return typeof state === 'string' ? (JSON.parse(state) as BaseState) : state;
  }

  async save(streamId: string, snapshots: FoldSnapshot<BaseState>[], checkedTo: number): Promise<void> {
    if (snapshots.length > 0)
      await this.#sql.query(SAVE, [
        streamId,
        SNAPSHOT_FORMAT,
        checkedTo,
        snapshots.map((s) => s.n),
        snapshots.map((s) => s.maxAt),
        snapshots.map((s) => JSON.stringify(s.state)),
      ]);
    await this.#sql.query(CHECKED, [streamId, checkedTo]);
  }

  async drop(streamId: string, fromN = 0): Promise<void> {
    await this.#sql.query(DROP, [streamId, fromN, SNAPSHOT_FORMAT]);
  }
}
