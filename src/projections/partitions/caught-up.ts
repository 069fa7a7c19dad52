/**
 * "Caught up" read from the checkpoints alone, for processes that do not apply the batches
 * themselves (an intake-only process's read-your-writes, a member waiting on partitions other
 * members hold): take the head of the global order, then poll until the active build's
 * checkpoint, or every one of its partitions' checkpoints, is at or past it.
 */
import type { SqlClient } from '../../db/sql-client.js';
import type { Checkpoint, EventStore } from '../../store/event-store.js';
import { START } from '../../store/event-store.js';
import { decodeCheckpoint } from '../../store/sql/checkpoint.js';
import { undecorated } from '../../store/capabilities.js';
import { SqlEventStore } from '../../store/sql/sql-event-store.js';
import { activeBuild } from '../builds.js';
import { isBulkCheckpoint } from '../bulk-load.js';
import { isPartitionedCheckpoint } from './assignment.js';
import { listPartitions } from './partition-table.js';

/** True when checkpoint `a` is at or past `b` (SQL store checkpoints, `<txid>/<position>`). */
export function reached(a: Checkpoint, b: Checkpoint): boolean {
  if (b === START) return true;
  if (a === START || isBulkCheckpoint(a) || isPartitionedCheckpoint(a)) return false;
  const x = decodeCheckpoint(a);
  const y = decodeCheckpoint(b);
  const tx = BigInt(x.txid) - BigInt(y.txid);
  return tx > 0n || (tx === 0n && BigInt(x.position) >= BigInt(y.position));
}

export interface WaitOptions {
  /** Give up after this long and resolve false. Default: wait until reached or stopped. */
  timeoutMs?: number;
  stopped?: () => boolean;
  pollMs?: number;
}

/** The checkpoints the active build of `name` has reached (one, or one per partition); [] without a build. */
async function buildCheckpoints(sql: SqlClient, name: string, version?: number): Promise<Checkpoint[]> {
  const active = await activeBuild(sql, name);
  if (!active || (version !== undefined && active.version !== version)) return [];
  if (!isPartitionedCheckpoint(active.checkpoint)) return [active.checkpoint];
  return (await listPartitions(sql, name, active.version)).map((r) => r.checkpoint);
}

async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<boolean> {
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let pause = 10;
  for (;;) {
    if (await check()) return true;
    if (options.stopped?.() || Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, Math.min(pause, Math.max(1, deadline - Date.now()))));
    pause = Math.min(pause * 2, options.pollMs ?? 100);
  }
}

/** Waits for every partition of `version` of `name` to reach the head taken at the call. */
export async function waitForPartitions(
  sql: SqlClient,
  store: EventStore,
  name: string,
  version: number,
  options: WaitOptions = {},
): Promise<boolean> {
  const head = await store.headCheckpoint();
  return waitUntil(async () => {
    const rows = await listPartitions(sql, name, version);
    return rows.length > 0 && rows.every((r) => reached(r.checkpoint, head));
  }, options);
}

/**
 * Waits until the active builds of `names` have applied the head taken at the call, however they
 * are followed (a single runner or partitions, in any process). Only for the SQL event store;
 * other stores resolve true at once (their checkpoints are opaque here).
 */
export async function waitForReadModels(
  sql: SqlClient,
  store: EventStore,
  names: readonly string[],
  options: WaitOptions = {},
): Promise<boolean> {
  if (!(undecorated(store).inner instanceof SqlEventStore)) return true;
  const head = await store.headCheckpoint();
  return waitUntil(async () => {
    for (const name of names) {
      const checkpoints = await buildCheckpoints(sql, name);
      if (checkpoints.length === 0 || !checkpoints.every((c) => reached(c, head))) return false;
    }
    return true;
  }, options);
}
