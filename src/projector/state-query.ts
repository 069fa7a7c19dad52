/**
 * state(): the read model in one query for "now"; for "as of a time" or "at a version", a fold of
 * the stream from the event store that starts at the nearest fold snapshot (projections/snapshots),
 * since the read model only holds the latest state.
 */
import { aggregateFor, type StateByKind } from '../aggregates/registry.js';
import { streamIdFor } from '../events/streams.js';
import type { AggregateKind } from '../events/types.js';
import type { SnapshotStore } from '../projections/snapshots/snapshot-store.js';
import { stateAt } from '../projections/snapshots/state-at.js';
import type { EventStore } from '../store/event-store.js';
import type { SqlExecutor } from '../db/sql-client.js';
import { checkQueryText, InvalidQueryError } from '../timeline/errors.js';
import { toIsoTime } from '../timeline/options.js';
import { parkedExists } from '../projections/parking/parked-table.js';
import { readModelsProjection } from '../projections/read-models/read-models.js';
import type { StateOptions } from './types.js';

export async function readCurrentState<K extends AggregateKind>(
  sql: SqlExecutor,
  kind: K,
  id: string,
): Promise<StateByKind[K] | null> {
  const checked = checkQueryText('id', id);
  // `stale`: the stream has a parked event, so this row stops before it (projections/parking).
  const { rows } = await sql.query<{ state: StateByKind[K] | string; stale: boolean }>(
    `select state, ${parkedExists(3, 4)} as stale from aggregate_state where kind = $1 and id = $2`,
    [kind, checked, readModelsProjection.name, streamIdFor(kind, checked)],
  );
  const row = rows[0];
  if (!row) return null;
  const state = typeof row.state === 'string' ? (JSON.parse(row.state) as StateByKind[K]) : row.state;
  return row.stale ? { ...state, stale: true } : state;
}

export async function foldStateAt<K extends AggregateKind>(
  store: EventStore,
  snapshots: SnapshotStore,
  kind: K,
  id: string,
  options: StateOptions,
): Promise<StateByKind[K] | null> {
  const asOf = options.asOf === undefined ? undefined : toIsoTime('asOf', options.asOf);
  if (options.version !== undefined && (!Number.isInteger(options.version) || options.version < 0)) {
    throw new InvalidQueryError('version', 'must be a whole number, 0 or more');
  }
  const at = stateAt(store, snapshots, {
    def: aggregateFor(kind),
    streamId: streamIdFor(kind, checkQueryText('id', id)),
    id,
    ...(asOf !== undefined ? { asOf: Date.parse(asOf) } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
  });
  return at as Promise<StateByKind[K] | null>;
}
