/**
 * Replays parked events into a projection's active build, a stream at a time: all of a stream's
 * parked events together and in stream order (its later events wait behind its first), each
 * under a savepoint as when they were parked, so what applies now is kept and what fails again
 * stays parked with one more attempt. The checkpoint does not move: these events are behind it.
 */
import { isUnavailable } from '../../db/errors.js';
import type { SqlClient } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';
import type { EventStore } from '../../store/event-store.js';
import { activeBuild } from '../builds.js';
import type { Projection } from '../projection.js';
import { applyIsolated } from './isolate.js';
import { deleteParked, insertParked, listParked, type ParkedEvent } from './parked-table.js';

export type ReplaySelector = { eventId: string } | { all: true };

export interface StreamReplay {
  projection: string;
  streamId: string;
  /** Events applied now (no longer parked). */
  replayed: number;
  /** Events still parked (the projection threw again, or they wait behind one that did). */
  stillParked: number;
  /** The error of the event it threw on again, when it did (no event data). */
  error?: string;
}

export interface ReplayReport {
  streams: StreamReplay[];
  replayed: number;
  stillParked: number;
}

async function readEvents(store: EventStore, streamId: string, ids: Set<string>): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(streamId)) if (ids.has(e.eventId)) events.push(e);
  return events.sort((a, b) => a.streamVersion - b.streamVersion);
}

async function replayStream(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  version: number,
  streamId: string,
): Promise<StreamReplay> {
  const build = { name: projection.name, version };
  const before = await listParked(sql, { projection: projection.name, streamId });
  const prior = new Map<string, ParkedEvent>(before.map((p) => [p.eventId, p]));
  const events = await readEvents(store, streamId, new Set(prior.keys()));
  return sql.transaction(async (tx) => {
    const taken = await deleteParked(
      tx,
      build,
      events.map((e) => e.eventId),
    );
    const mine = events.filter((e) => taken.has(e.eventId));
    const result = await applyIsolated(tx, sql, store, projection, version, mine, new Map(), {
      attempts: 1,
      isFatal: isUnavailable,
    });
    await insertParked(
      tx,
      build,
      result.parked.map((p) => {
        const was = prior.get(p.event.eventId)!;
        return { ...p, attempts: was.attempts + p.attempts, firstSeen: was.firstSeen };
      }),
    );
    const failed = result.parked.find((p) => p.blockedBy === undefined);
    return {
      projection: projection.name,
      streamId,
      replayed: result.applied,
      stillParked: result.parked.length,
      ...(failed ? { error: failed.error } : {}),
    };
  });
}

/** Replays the streams of the selected parked events (an event id: its whole stream). */
export async function replayParked(
  sql: SqlClient,
  store: EventStore,
  projections: readonly Projection[],
  selector: ReplaySelector,
): Promise<ReplayReport> {
  const selected = await listParked(sql, 'eventId' in selector ? { eventId: selector.eventId } : {});
  const streams: StreamReplay[] = [];
  for (const projection of projections) {
    const active = await activeBuild(sql, projection.name);
    if (!active) continue;
    const ids = [...new Set(selected.filter((p) => p.projection === projection.name).map((p) => p.streamId))];
    for (const streamId of ids)
      streams.push(await replayStream(sql, store, projection, active.version, streamId));
  }
  return {
    streams,
    replayed: streams.reduce((n, s) => n + s.replayed, 0),
    stillParked: streams.reduce((n, s) => n + s.stillParked, 0),
  };
}
