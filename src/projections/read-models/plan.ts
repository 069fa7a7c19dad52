/**
 * What a batch does to each stream, decided without I/O: fold the new events onto the stored
 * state, or refold the stream from its first event when that would not equal a fresh fold (an
 * event older than what the row reflects, or a stream that became redacted, whose earlier rows
 * must be recomputed masked). Streams of no aggregate only add timeline rows.
 */
import type { AggregateDefinition, BaseState } from '../../aggregates/aggregate.js';
import { aggregateForStream, type AggregateState } from '../../aggregates/registry.js';
import { streamVendorId } from '../../events/streams.js';
import type { RecordedEvent, Subject } from '../../events/types.js';
import { foldChangesFromStart, foldChangesInPlace, foldChangesOnto, type FoldStep } from './fold-changes.js';

/** An aggregate_state row as a batch needs it. */
export interface StoredRow {
  streamVersion: number;
  lastMs: number | null;
  redacted: boolean;
  state: BaseState;
  /** The row's references as written (JSON), when known: unchanged references are not rewritten. */
  refs?: string;
  /**
   * The state is this run's own (an unfrozen fold result the cache holds and nobody else does), so
   * the next fold may continue on it in place instead of on a copy. A batch that fails drops the
   * cache (ProjectionSession.failed), so a state a failed batch folded in place is never used again.
   */
  owned?: boolean;
}

/** One stream's fold in a batch (or, in a bulk load, its whole fold). */
export interface Outcome {
  streamId: string;
  origin: Subject;
  def: AggregateDefinition<AggregateState> | undefined;
  state: AggregateState | null;
  steps: FoldStep[];
  streamVersion: number;
  /** Latest occurredAt of the stream's events, epoch ms (-Infinity when none is known). */
  lastMs: number;
  stored: StoredRow | undefined;
  becameRedacted: boolean;
}

/** A stream to fold again from its first event (its events are read for all such streams at once). */
export interface Refold {
  streamId: string;
  origin: Subject;
  def: AggregateDefinition<AggregateState>;
  stored: StoredRow | undefined;
  streamVersion: number;
  lastMs: number;
}

export const subjectKey = (kind: string, id: string): string => `${kind}\0${id}`;

/** The subject a stream's rows are about: its aggregate, or the first event's subject. */
function originOf(
  streamId: string,
  events: readonly RecordedEvent[],
): {
  def: AggregateDefinition<AggregateState> | undefined;
  origin: Subject;
} {
  const def = aggregateForStream(streamId) as AggregateDefinition<AggregateState> | undefined;
  return { def, origin: def ? { kind: def.kind, id: streamVendorId(streamId) } : events[0]!.subject };
}

export function groupByStream(batch: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of batch) {
    const list = byStream.get(e.streamId);
    if (list) list.push(e);
    else byStream.set(e.streamId, [e]);
  }
  return byStream;
}

/** The aggregates of these streams (streams of no aggregate have no state row). */
export function aggregateSubjects(streamIds: Iterable<string>): Subject[] {
  const out: Subject[] = [];
  for (const streamId of streamIds) {
    const def = aggregateForStream(streamId);
    if (def) out.push({ kind: def.kind, id: streamVendorId(streamId) });
  }
  return out;
}

function reachedVersion(events: readonly RecordedEvent[]): number {
  let reached = 0;
  for (const e of events) if (e.streamVersion > reached) reached = e.streamVersion;
  return reached;
}

/** Each stream's outcome, or the streams to refold; streams with nothing new are left out. */
export function planStreams(
  byStream: ReadonlyMap<string, RecordedEvent[]>,
  stored: ReadonlyMap<string, StoredRow>,
): { outcomes: Outcome[]; refolds: Refold[] } {
  const outcomes: Outcome[] = [];
  const refolds: Refold[] = [];
  for (const [streamId, events] of byStream) {
    const { def, origin } = originOf(streamId, events);
    const row = def ? stored.get(subjectKey(origin.kind, origin.id)) : undefined;
    const planned = planStream(streamId, events, def, origin, row);
    if (!planned) continue;
    if ('refold' in planned) refolds.push(planned.refold);
    else outcomes.push(planned);
  }
  return { outcomes, refolds };
}

function planStream(
  streamId: string,
  events: RecordedEvent[],
  def: AggregateDefinition<AggregateState> | undefined,
  origin: Subject,
  stored: StoredRow | undefined,
): Outcome | { refold: Refold } | undefined {
  const streamVersion = reachedVersion(events);
  if (!def) {
    return {
      streamId,
      origin,
      def,
      state: null,
      steps: events.map((event) => ({ event, changes: [] })),
      streamVersion,
      lastMs: 0,
      stored,
      becameRedacted: false,
    };
  }
  const fresh = stored ? events.filter((e) => e.streamVersion > stored.streamVersion) : events;
  if (fresh.length === 0) return undefined;
  let lastMs = stored?.lastMs ?? -Infinity;
  let late = false;
  for (const e of fresh) {
    const t = Date.parse(e.occurredAt);
    if (stored?.lastMs != null && t < stored.lastMs) late = true;
    if (t > lastMs) lastMs = t;
  }
  const refold: Refold = { streamId, origin, def, stored, streamVersion, lastMs };
  if (late) return { refold };
  const result = !stored
    ? foldChangesFromStart(def, origin.id, fresh)
    : stored.owned
      ? foldChangesInPlace(def, stored.state as AggregateState, fresh)
      : foldChangesOnto(def, stored.state as AggregateState, fresh);
  const becameRedacted = result.state.redacted && !(stored?.redacted ?? false);
  // With no stored row the batch holds the whole stream, so this fold already is a fresh one.
  if (becameRedacted && stored) return { refold };
  return { ...refold, state: result.state, steps: result.steps, becameRedacted };
}

/** A refold's outcome, from every event of its stream (up to what the batch reached). */
export function refoldStream(refold: Refold, events: readonly RecordedEvent[]): Outcome {
  const result = foldChangesFromStart(refold.def, refold.origin.id, events);
  const becameRedacted = result.state.redacted && !(refold.stored?.redacted ?? false);
  return { ...refold, state: result.state, steps: result.steps, becameRedacted };
}
