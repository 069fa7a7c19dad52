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
import type { SnapshotMeta, SnapshotStore } from './snapshot-store.js';

/** Events between snapshots: the most a past state reads besides the events after the last one. */
export const SNAPSHOT_EVERY = 250;

async function read(
  store: EventStore,
  streamId: string,
  from: number,
  to?: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(streamId, { from, ...(to !== undefined ? { to } : {}) }))
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
  let listed = await snapshots.list(streamId);
  let metas: SnapshotMeta[];
  let lastBase: FoldSnapshot<S>;
  let tail: RecordedEvent[];
  for (;;) {
    metas = listed?.snapshots ?? [];
    const last = metas.at(-1);
    lastBase = last
      ? { ...last, state: (await snapshots.load(streamId, last.n)) as S }
      : initialSnapshot(def, id);
    // Without snapshots this reads the whole stream once and leaves snapshots behind.
    tail = await read(store, streamId, lastBase.n + 1);
    if (!listed) break;
    // Events appended since the last check must not occur before any snapshot's events.
    const checkedTo = listed.checkedTo;
    const earliest = earliestAt(tail.filter((e) => e.streamVersion > checkedTo));
    const stale = metas.find((s) => s.maxAt > earliest);
    if (!stale) break;
    await snapshots.drop(streamId, stale.n);
    listed = await snapshots.list(streamId);
  }
  if (lastBase.n === 0 && tail.length === 0) return null;
  const now = foldTail(def, lastBase, tail, every);
  const head = lastBase.n + tail.length;
  if (now.state?.redacted) {
    await snapshots.drop(streamId);
    const events = lastBase.n === 0 ? tail : await read(store, streamId, 1);
    return fold(def, events, options);
  }
  await snapshots.save(streamId, now.snapshots as FoldSnapshot<BaseState>[], head);

  const all: SnapshotMeta[] = [...metas, ...now.snapshots.map(({ n, maxAt }) => ({ n, maxAt }))];
  const inside = (s: SnapshotMeta): boolean =>
    (request.version === undefined || s.n <= request.version) &&
    (request.asOf === undefined || s.maxAt <= request.asOf);
  let at = -1;
  for (let i = 0; i < all.length; i++) if (inside(all[i]!)) at = i;
  const baseMeta = at >= 0 ? all[at]! : { n: 0, maxAt: Number.NEGATIVE_INFINITY };
  const next = all[at + 1];
  let events: RecordedEvent[];
  let base: FoldSnapshot<S>;
  if (baseMeta.n === lastBase.n) {
    base = lastBase;
    events = tail;
  } else {
    const fresh = now.snapshots.find((s) => s.n === baseMeta.n);
    const state =
      baseMeta.n === 0
        ? def.initial(id)
        : (fresh?.state ?? ((await snapshots.load(streamId, baseMeta.n)) as S | null));
    if (!state) return fold(def, await read(store, streamId, 1), options);
    base = { ...baseMeta, state };
    const to = next ? next.n : head;
    events =
      baseMeta.n >= lastBase.n
        ? tail.filter((e) => e.streamVersion <= to)
        : await read(store, streamId, baseMeta.n + 1, to);
    if (baseMeta.n >= lastBase.n) events = events.filter((e) => e.streamVersion > baseMeta.n);
  }
  return foldFrom(def, base, events, {
    ...options,
    ...(request.version !== undefined ? { version: request.version - base.n } : {}),
  });
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
  const state = copyState(base.state);
  for (const p of selected) applyEvent(def, state, p);
  finalise(state);
  return deepFreeze(state);
}
