/**
 * Where fold snapshots of aggregate states live: their own table on SQL backends
 * (sql-snapshots.ts), a map for the memory store (memory-snapshots.ts). Rows carry a format; rows
 * of another format (fold semantics changed) are never read.
 */
import type { BaseState } from '../../aggregates/aggregate.js';
import type { FoldSnapshot } from '../../aggregates/fold-snapshots.js';

/** Bump when folding changes what a state holds, so older snapshots are ignored and replaced. */
export const SNAPSHOT_FORMAT = 1;

export interface SnapshotMeta {
  n: number;
  maxAt: number;
  /** The stored row's identity, where the store has one (a replaced snapshot gets a new one). */
  id?: string;
}

export interface StreamSnapshots {
  /** The stream version up to which every later event was checked against the snapshots. */
  checkedTo: number;
  /** In increasing n. */
  snapshots: SnapshotMeta[];
}

export interface SnapshotStore {
  /** The stream's snapshots (without their states); null when it has none. */
  list(streamId: string): Promise<StreamSnapshots | null>;
  load(streamId: string, snapshot: SnapshotMeta): Promise<BaseState | null>;
  /** Adds snapshots and records `checkedTo` for all of the stream's snapshots. */
  save(streamId: string, snapshots: FoldSnapshot<BaseState>[], checkedTo: number): Promise<void>;
  /** Drops the stream's snapshots from version `fromN` on (all with 0). */
  drop(streamId: string, fromN?: number): Promise<void>;
}
