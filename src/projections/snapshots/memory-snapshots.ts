/** Fold snapshots in memory, for the memory event store. */
import { randomUUID } from 'node:crypto';
import type { BaseState } from '../../aggregates/aggregate.js';
import type { FoldSnapshot } from '../../aggregates/fold-snapshots.js';
import type { SnapshotMeta, SnapshotStore, StreamSnapshots } from './snapshot-store.js';

export class MemorySnapshots implements SnapshotStore {
  readonly #streams = new Map<
    string,
    { checkedTo: number; states: Map<number, FoldSnapshot<BaseState> & { id: string }> }
  >();

  list(streamId: string): Promise<StreamSnapshots | null> {
    const stream = this.#streams.get(streamId);
    if (!stream || stream.states.size === 0) return Promise.resolve(null);
    const snapshots = [...stream.states.values()]
      .map(({ n, maxAt, id }) => ({ n, maxAt, id }))
      .sort((a, b) => a.n - b.n);
    return Promise.resolve({ checkedTo: stream.checkedTo, snapshots });
  }

  load(streamId: string, snapshot: SnapshotMeta): Promise<BaseState | null> {
    return Promise.resolve(this.#streams.get(streamId)?.states.get(snapshot.n)?.state ?? null);
  }

  save(streamId: string, snapshots: FoldSnapshot<BaseState>[], checkedTo: number): Promise<void> {
    let stream = this.#streams.get(streamId);
    if (!stream) {
      stream = { checkedTo, states: new Map() };
      this.#streams.set(streamId, stream);
    }
    stream.checkedTo = checkedTo;
    for (const snapshot of snapshots) stream.states.set(snapshot.n, { ...snapshot, id: randomUUID() });
    return Promise.resolve();
  }

  drop(streamId: string, fromN = 0): Promise<void> {
    const stream = this.#streams.get(streamId);
    if (stream) for (const n of [...stream.states.keys()]) if (n >= fromN) stream.states.delete(n);
    return Promise.resolve();
  }
}
