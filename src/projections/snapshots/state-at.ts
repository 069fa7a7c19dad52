/**
 * A past state (`asOf` a time, at a `version` in fold order) from fold snapshots, reading one
 * interval of events instead of the whole stream. The selection a past state applies is a prefix
 * of the fold order, so with valid snapshots (fold-snapshots.ts) the base is the last snapshot
 * inside that prefix and the events needed lie between it and the next snapshot (or the head).
 *
 * Redaction is permanent: the current state is folded too (latest snapshot + the events after
 * it), and when it is redacted the stream's snapshots, which may hold PII from before the
 * redaction, are deleted and the past state comes from a full fold that clears PII, as `fold`
 * does; no snapshot is kept for a redacted subject.
 */
import type { AggregateDefinition, BaseState } from '../../aggregates/aggregate.js';
import { fold, type FoldOptions } from '../../aggregates/fold.js';
import { prepare, select } from '../../aggregates/fold-order.js';
import { applyEvent, finalise } from '../../aggregates/apply.js';
import { copyState, deepFreeze } from '../../aggregates/state-copy.js';
import { earliestAt, foldTail, initialSnapshot, type FoldSnapshot } from '../../aggregates/fold-snapshots.js';
import type { RecordedEvent } from '../../events/types.js';
import type { EventStore } from '../../store/event-store.js';
import { LRUCache } from 'lru-cache';
import type { SnapshotMeta, SnapshotStore, StreamSnapshots } from './snapshot-store.js';

/** Events between snapshots: the most a past state reads besides the events after the last one. */
export const SNAPSHOT_EVERY = 128;

async function read(
  store: EventStore,
  streamId: string,
  from: number,
  to?: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  // A fold never reads the delivery bodies.
  for await (const event of store.readStream(streamId, {
    from,
    raw: false,
    ...(to !== undefined ? { to } : {}),
  }))
    events.push(event);
  return events;
}

export interface StateAtRequest<S extends BaseState> {
  def: AggregateDefinition<S>;
  streamId: string;
  id: string;
  asOf?: number;
  version?: number;
}

/**
 * Per snapshot store and stream: the head version a query last checked, and the last snapshot it
 * saw. While both hold, no event arrived since, so the stream is known valid and not redacted and
 * a query reads only the interval it folds.
 */
const checkedHeads = new WeakMap<SnapshotStore, LRUCache<string, { head: number; lastId: string }>>();

function headsOf(snapshots: SnapshotStore): LRUCache<string, { head: number; lastId: string }> {
  let heads = checkedHeads.get(snapshots);
  if (!heads) {
    heads = new LRUCache({ max: 1024 });
    checkedHeads.set(snapshots, heads);
  }
  return heads;
}

interface Checked<S> {
  metas: SnapshotMeta[];
  head: number;
  /** The last snapshot (or the initial one) and the events after it, when they were read. */
  last?: { base: FoldSnapshot<S>; tail: RecordedEvent[] };
  /** Fresh snapshots' states, by n. */
  fresh: Map<number, S>;
}

export async function stateAt<S extends BaseState>(
  store: EventStore,
  snapshots: SnapshotStore,
  request: StateAtRequest<S>,
  every = SNAPSHOT_EVERY,
): Promise<S | null> {
  const { def, streamId, id } = request;
  const options: FoldOptions = {
    id,
    ...(request.asOf !== undefined ? { asOf: new Date(request.asOf) } : {}),
    ...(request.version !== undefined ? { version: request.version } : {}),
  };
  const version = await store.streamVersion(streamId);
  if (version === 0) return null;
  const listed = await snapshots.list(streamId);
  const known = headsOf(snapshots).get(streamId);
  const lastMeta = listed?.snapshots.at(-1);
  const checked: Checked<S> | 'redacted' =
    listed && lastMeta && known && known.head === version && known.lastId === lastMeta.id
      ? { metas: listed.snapshots, head: version, fresh: new Map() }
      : await check(store, snapshots, def, streamId, id, listed, every);
  if (checked === 'redacted') return fold(def, await read(store, streamId, 1), options);

  const { metas, head } = checked;
  const inside = (s: SnapshotMeta): boolean =>
    (request.version === undefined || s.n <= request.version) &&
    (request.asOf === undefined || s.maxAt <= request.asOf);
  let at = -1;
  for (let i = 0; i < metas.length; i++) if (inside(metas[i]!)) at = i;
  const baseMeta = at >= 0 ? metas[at]! : { n: 0, maxAt: Number.NEGATIVE_INFINITY };
  const to = metas[at + 1]?.n ?? head;
  let base: FoldSnapshot<S>;
  let events: RecordedEvent[];
  if (checked.last && baseMeta.n >= checked.last.base.n) {
    // Inside what the check read: the last snapshot, or a fresh one after it.
    const state =
      baseMeta.n === checked.last.base.n ? checked.last.base.state : checked.fresh.get(baseMeta.n)!;
    base = { ...baseMeta, state };
    events = checked.last.tail.filter((e) => e.streamVersion > baseMeta.n && e.streamVersion <= to);
  } else {
    const state =
      baseMeta.n === 0 ? def.initial(id) : ((await snapshots.load(streamId, baseMeta)) as S | null);
    // Dropped by a concurrent query: the full fold answers.
    if (!state) return fold(def, await read(store, streamId, 1), options);
    base = { ...baseMeta, state };
    events = await read(store, streamId, baseMeta.n + 1, to);
  }
  return foldFrom(def, base, events, {
    ...options,
    ...(request.version !== undefined ? { version: request.version - base.n } : {}),
  });
}

/**
 * Reads the events after the last snapshot, drops the snapshots they invalidate, folds them (the
 * current state, for redaction), saves the snapshots they complete and records the checked head.
 */
async function check<S extends BaseState>(
  store: EventStore,
  snapshots: SnapshotStore,
  def: AggregateDefinition<S>,
  streamId: string,
  id: string,
  listed: StreamSnapshots | null,
  every: number,
): Promise<Checked<S> | 'redacted'> {
  for (;;) {
    const metas = listed?.snapshots ?? [];
    const last = metas.at(-1);
    const state = last ? ((await snapshots.load(streamId, last)) as S | null) : def.initial(id);
    if (!state) {
      listed = await snapshots.list(streamId);
      continue;
    }
    const base: FoldSnapshot<S> = last ? { ...last, state } : initialSnapshot(def, id);
    // Without snapshots this reads the whole stream once and leaves snapshots behind.
    const tail = await read(store, streamId, base.n + 1);
    if (listed) {
      // Events appended since the last check must not occur before any snapshot's events.
      const checkedTo = listed.checkedTo;
      const earliest = earliestAt(tail.filter((e) => e.streamVersion > checkedTo));
      const stale = metas.find((s) => s.maxAt > earliest);
      if (stale) {
        await snapshots.drop(streamId, stale.n);
        listed = await snapshots.list(streamId);
        continue;
      }
    }
    const now = foldTail(def, base, tail, every);
    if (now.state?.redacted) {
      await snapshots.drop(streamId);
      headsOf(snapshots).delete(streamId);
      return 'redacted';
    }
    const head = base.n + tail.length;
    await snapshots.save(streamId, now.snapshots as FoldSnapshot<BaseState>[], head);
    const saved = (await snapshots.list(streamId))?.snapshots ?? [];
    const lastSaved = saved.at(-1);
    if (lastSaved?.id !== undefined) headsOf(snapshots).set(streamId, { head, lastId: lastSaved.id });
    return {
      metas: [...metas, ...now.snapshots.map(({ n, maxAt }) => ({ n, maxAt }))],
      head,
      last: { base, tail },
      fresh: new Map(now.snapshots.map((s) => [s.n, s.state])),
    };
  }
}

/** `events` (after the base, none before its maxAt) selected by `options` and applied to the base. */
function foldFrom<S extends BaseState>(
  def: AggregateDefinition<S>,
  base: FoldSnapshot<S>,
  events: readonly RecordedEvent[],
  options: FoldOptions,
): S | null {
  const selected = select(prepare(events), options);
  if (base.n === 0 && selected.length === 0) return null;
  const state = copyState(def, base.state);
  for (const p of selected) applyEvent(def, state, p);
  finalise(state);
  return deepFreeze(state);
}
