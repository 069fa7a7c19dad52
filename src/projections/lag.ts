/**
 * How far a projection's active build is behind the event store, read from the catalog and the
 * store (not from a runner's memory), so any process tells the truth about the read models it
 * serves, whoever keeps them current: events after the build's checkpoint, and the age of the
 * oldest of them (now minus its recordedAt). Parked events are behind the checkpoint, not lag.
 */
import type { SqlExecutor } from '../db/sql-client.js';
import { isEventCounter } from '../store/capabilities.js';
import { START, type EventStore } from '../store/event-store.js';
import { activeBuild } from './builds.js';
import { isBulkCheckpoint } from './bulk-load.js';
import type { Projection } from './projection.js';

export interface ProjectionLag {
  projection: string;
  /** Active build's table version; undefined before the first build exists. */
  buildVersion: number | undefined;
  /** Events stored after the checkpoint (capped at LAG_COUNT_CAP by stores that cannot count). */
  events: number;
  /** Age of the oldest event not yet applied, seconds (0 when none). */
  seconds: number;
}

/** A store without a counter (KurrentDB, memory) is read up to this many events to count the lag: "at least". */
export const LAG_COUNT_CAP = 10_000;

export async function projectionLag(
  store: EventStore,
  sql: SqlExecutor,
  projection: Projection,
  now: Date = new Date(),
): Promise<ProjectionLag> {
  const active = await activeBuild(sql, projection.name);
  const after = !active || isBulkCheckpoint(active.checkpoint) ? START : active.checkpoint;
  let oldest: string | undefined;
  let counted = 0;
  const counter = isEventCounter(store) ? store : undefined;
  for await (const { event } of store.readAll({
    after,
    filter: projection.filter,
    batchSize: counter ? 1 : 1000,
    raw: false,
  })) {
    oldest ??= event.recordedAt;
    counted += 1;
    if (counter || counted >= LAG_COUNT_CAP) break;
  }
  const events =
    counter && oldest !== undefined
      ? await counter.countEvents({ after, filter: projection.filter })
      : counted;
  const seconds = oldest === undefined ? 0 : Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000);
  return { projection: projection.name, buildVersion: active?.version, events, seconds };
}
