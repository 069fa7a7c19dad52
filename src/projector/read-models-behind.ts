/**
 * Whether any projection's read models are behind the event store, from the catalog and one
 * event read per projection (not from a runner's memory): a process that did not start its
 * runners (a CLI query) asks this before its first read, and catches up only when it must.
 */
import type { SqlExecutor } from '../db/sql-client.js';
import { START, type EventStore } from '../store/event-store.js';
import { activeBuild } from '../projections/builds.js';
import { isBulkCheckpoint } from '../projections/bulk-load.js';
import { isPartitionedCheckpoint } from '../projections/partitions/assignment.js';
import type { Projection } from '../projections/projection.js';

export async function readModelsBehind(
  store: EventStore,
  sql: SqlExecutor,
  projections: readonly Projection[],
): Promise<boolean> {
  for (const projection of projections) {
    const active = await activeBuild(sql, projection.name);
    // No build yet, or a checkpoint that is not one store position (a bulk load's, a partitioned
    // build's): any event at all means the runner must look.
    const checkpoint = active?.checkpoint;
    const after =
      checkpoint === undefined || isBulkCheckpoint(checkpoint) || isPartitionedCheckpoint(checkpoint)
        ? START
        : checkpoint;
    if (await anyEventAfter(store, after, projection)) return true;
  }
  return false;
}

async function anyEventAfter(store: EventStore, after: string, projection: Projection): Promise<boolean> {
  for await (const event of store.readAll({ after, filter: projection.filter, batchSize: 1, raw: false })) {
    void event;
    return true;
  }
  return false;
}
