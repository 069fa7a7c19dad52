/** Fold snapshots in memory, for the memory event store. */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { FoldSnapshot } from '../../aggregates/fold-snapshots.js';
import type { SnapshotStore, StreamSnapshots } from './snapshot-store.js';

export class MemorySnapshots implements SnapshotStore {
  readonly #streams = new Map<string, { checkedTo: number; states: Map<number, FoldSnapshot<BaseState>> }>();

  list(streamId: string): Promise<StreamSnapshots | null> {
    const stream = this.#streams.get(streamId);
    if (!stream || stream.states.size === 0) return Promise.resolve(null);
    const snapshots = [...stream.states.values()]
      .map(({ n, maxAt }) => ({ n, maxAt }))
      .sort((a, b) => a.n - b.n);
    return Promise.resolve({ checkedTo: stream.checkedTo, snapshots });
  }

  load(streamId: string, n: number): Promise<BaseState | null> {
    return Promise.resolve(this.#streams.get(streamId)?.states.get(n)?.state ?? null);
  }

  save(streamId: string, snapshots: FoldSnapshot<BaseState>[], checkedTo: number): Promise<void> {
    let stream = this.#streams.get(streamId);
    if (!stream) {
      stream = { checkedTo, states: new Map() };
      this.#streams.set(streamId, stream);
    }
    stream.checkedTo = checkedTo;
    for (const snapshot of snapshots) stream.states.set(snapshot.n, snapshot);
    return Promise.resolve();
  }

  drop(streamId: string, fromN = 0): Promise<void> {
    const stream = this.#streams.get(streamId);
    if (stream) for (const n of [...stream.states.keys()]) if (n >= fromN) stream.states.delete(n);
    return Promise.resolve();
  }
}
