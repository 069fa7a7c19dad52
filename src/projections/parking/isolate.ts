/**
 * Applies a batch one event at a time inside the caller's transaction, each under a savepoint, to
 * find the events the projection throws on: those are parked, and so is every later event of their
 * stream (it waits behind the first). Everything else is applied. Deterministic projections give
 * the same tables for [a, b] as for [a] then [b], so the result equals the batch without the
 * parked events. Runs without the run's memo: a failed savepoint would leave it untrue.
 */
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';
import type { EventStore } from '../../store/event-store.js';
import { projectionContext } from '../context.js';
import { summariseError } from '../error-summary.js';
import type { Projection } from '../projection.js';
import type { NewParkedEvent } from './parked-table.js';

export interface IsolatedResult {
  applied: number;
  parked: NewParkedEvent[];
  /** The error of each event the projection threw on (not those blocked behind one). */
  failures: { event: RecordedEvent; error: unknown }[];
}

/**
 * @param blocked streams that already have a parked event (stream id -> that event's id): their
 *   events in `events` are parked behind it without being tried.
 * @param isFatal errors that must abort the whole transaction instead of parking (an outage).
 */
export async function applyIsolated(
  tx: SqlExecutor,
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  version: number,
  events: readonly RecordedEvent[],
  blocked: ReadonlyMap<string, string>,
  options: {
    attempts: number;
    isFatal: (error: unknown) => boolean;
    /** Other processes write the same tables (partitioned projections). */
    concurrentWriters?: boolean;
  },
): Promise<IsolatedResult> {
  const heads = new Map(blocked);
  const result: IsolatedResult = { applied: 0, parked: [], failures: [] };
  for (const event of events) {
    const head = heads.get(event.streamId);
    if (head !== undefined) {
      result.parked.push({ event, error: `waits behind parked event ${head}`, blockedBy: head, attempts: 0 });
      continue;
    }
    await tx.query('savepoint parking_event');
    try {
      await projection.apply([event], tx, {
        ...projectionContext(store, version, { batch: [event], tx, sql }),
        ...(options.concurrentWriters ? { concurrentWriters: true } : {}),
      });
      await tx.query('release savepoint parking_event');
      result.applied += 1;
    } catch (error) {
      if (options.isFatal(error)) throw error;
      await tx.query('rollback to savepoint parking_event');
      heads.set(event.streamId, event.eventId);
      result.failures.push({ event, error });
      result.parked.push({ event, error: summariseError(error), attempts: options.attempts });
    }
  }
  return result;
}
