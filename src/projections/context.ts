/** The ProjectionContext a build's `init`, `apply` and `activate` receive. */
import type { RecordedEvent } from '../events/types.js';
import type { EventStore } from '../store/event-store.js';
import { byFoldOrder } from './fold-order.js';
import type { ProjectionContext } from './projection.js';
import { versionedTable } from './sql-names.js';

export function projectionContext(store: EventStore, version: number, batch: readonly RecordedEvent[] = []): ProjectionContext {
  // Per stream, the newest version this batch reached: the checkpoint covers exactly that prefix
  // (a stream's events commit in stream-version order).
  const reached = new Map<string, number>();
  for (const e of batch) reached.set(e.streamId, Math.max(reached.get(e.streamId) ?? 0, e.streamVersion));
  return {
    version,
    table: (base) => versionedTable(base, version),
    async readStream(streamId, options = {}) {
      const to = options.to ?? reached.get(streamId);
      const events: RecordedEvent[] = [];
      for await (const e of store.readStream(streamId, to === undefined ? {} : { to })) events.push(e);
      return events.sort(byFoldOrder);
    },
  };
}
