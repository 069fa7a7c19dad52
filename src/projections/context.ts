/** The ProjectionContext a build's `init`, `apply` and `activate` receive. */
import type { RecordedEvent } from '../events/types.js';
import { isMultiStreamReader } from '../store/capabilities.js';
import type { EventStore } from '../store/event-store.js';
import type { SqlClient, SqlExecutor } from '../db/sql-client.js';
import { byFoldOrder } from './fold-order.js';
import type { ProjectionContext } from './projection.js';
import type { ProjectionSession } from './session.js';
import { versionedTable } from './sql-names.js';

export interface BatchScope {
  batch?: readonly RecordedEvent[];
  session?: ProjectionSession;
  /** The batch's transaction and the client it belongs to. */
  tx?: SqlExecutor;
  sql?: SqlClient;
}

export function projectionContext(
  store: EventStore,
  version: number,
  scope: BatchScope = {},
): ProjectionContext {
  // Per stream, the newest version this batch reached: the checkpoint covers exactly that prefix
  // (a stream's events commit in stream-version order).
  const reached = new Map<string, number>();
  for (const e of scope.batch ?? [])
    reached.set(e.streamId, Math.max(reached.get(e.streamId) ?? 0, e.streamVersion));
  const multi = isMultiStreamReader(store) ? store : undefined;
  // Events in the read models' own database are read inside the batch's transaction: on PGlite
  // (one connection) a read through the client would wait for that transaction for ever.
  const executor = scope.tx && scope.sql && multi?.client === scope.sql ? scope.tx : undefined;
  const read = async (
    requests: { streamId: string; to?: number }[],
  ): Promise<Map<string, RecordedEvent[]>> => {
    if (multi) return multi.readStreams(requests, executor);
    const found = new Map<string, RecordedEvent[]>();
    for (const r of requests) {
      const events: RecordedEvent[] = [];
      for await (const e of store.readStream(r.streamId, r.to === undefined ? {} : { to: r.to }))
        events.push(e);
      found.set(r.streamId, events);
    }
    return found;
  };
  return {
    version,
    session: scope.session,
    table: (base) => versionedTable(base, version),
    async readStream(streamId, options = {}) {
      const found = await read([{ streamId, to: options.to ?? reached.get(streamId) }]);
      return (found.get(streamId) ?? []).sort(byFoldOrder);
    },
    async readStreams(streamIds) {
      const found = await read(streamIds.map((streamId) => ({ streamId, to: reached.get(streamId) })));
      const out = new Map<string, RecordedEvent[]>();
      for (const id of streamIds) out.set(id, (found.get(id) ?? []).sort(byFoldOrder));
      return out;
    },
  };
}
