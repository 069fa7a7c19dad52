/**
 * One worker per projection build (and one rebuild per projection) at a time.
 *
 * PostgreSQL: `pg_try_advisory_xact_lock(key)` taken in a transaction that stays open on its own
 * pooled connection while the lock is held. A transaction-scoped lock is released by the server
 * whatever happens to the process (crash, lost connection), and the holding transaction writes
 * nothing, so it has no xid and does not hold back the store's snapshot horizon. An idle
 * transaction hears nothing when its connection is cut (the server restarted, the session was
 * terminated), so the holder sends `select 1` every `heartbeatMs`: the first one that fails
 * reports the lock lost through `onLost`, instead of the holder finding out only at release.
 *
 * PGlite: one process owns the database and it has a single connection (a held transaction would
 * block every other query, and session locks are re-entrant there), so the lock is an in-process
 * registry keyed by the same 64-bit key.
 *
 * Either way the lock only keeps workers from wasting effort: correctness comes from the
 * checkpoint compare-and-set in every batch transaction.
 */
import type { SqlClient } from '../db/sql-client.js';
import { currentSchema } from '../db/current-schema.js';
import { pollUntil } from '../db/retry.js';
import { lockKey } from './lock-key.js';

export class ProjectionLockedError extends Error {
  override readonly name = 'ProjectionLockedError';
  constructor(
    readonly scope: string,
    readonly key: string,
  ) {
    super(
      `${scope} is held by another runner (advisory lock key ${key}); stop that process or retry when it has finished`,
    );
  }
}

export interface HeldLock {
  readonly key: string;
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** 'fail' (default) throws ProjectionLockedError at once; 'wait' retries until free or aborted. */
  whenLocked?: 'wait' | 'fail';
  pollMs?: number;
  signal?: AbortSignal;
  /** Called when PostgreSQL drops the holding connection (the lock is gone); not at release. */
  onLost?: (error: unknown) => void;
  /** How often the holder checks its connection (PostgreSQL). Default 5000 ms. */
  heartbeatMs?: number;
}

const HEARTBEAT_MS = 5_000;

/** True once `released` settles, false after `ms` (the timer never outlives the release). */
function releasedWithin(released: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void released.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

const pgliteHeld = new WeakMap<SqlClient, Set<string>>();

async function tryPglite(sql: SqlClient, key: string): Promise<HeldLock | null> {
  let held = pgliteHeld.get(sql);
  if (!held) pgliteHeld.set(sql, (held = new Set()));
  if (held.has(key)) return null;
  held.add(key);
  const set = held;
  return {
    key,
    async release() {
      set.delete(key);
    },
  };
}

function tryPg(
  sql: SqlClient,
  key: string,
  onLost: ((error: unknown) => void) | undefined,
  heartbeatMs: number,
): Promise<HeldLock | null> {
  return new Promise<HeldLock | null>((resolve, reject) => {
    let settled = false;
    let releasing = false;
    let releaseHolder: () => void = () => undefined;
    const released = new Promise<void>((r) => (releaseHolder = r));
    const holding = sql
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ ok: boolean }>(
          'select pg_try_advisory_xact_lock($1::bigint) as ok',
          [key],
        );
        settled = true;
        if (!rows[0]?.ok) {
          resolve(null);
          return;
        }
        resolve({
          key,
          async release() {
            releasing = true;
            releaseHolder();
            await holding.catch(() => undefined);
          },
        });
        while (!(await releasedWithin(released, heartbeatMs))) await tx.query('select 1');
      })
      .catch((error: unknown) => {
        if (!settled) reject(error);
        else if (!releasing) onLost?.(error);
      });
  });
}

/** Takes the advisory lock for `scope` in the client's current schema. */
export async function acquireLock(
  sql: SqlClient,
  scope: string,
  options: AcquireOptions = {},
): Promise<HeldLock> {
  const key = lockKey(await currentSchema(sql), scope);
  return pollUntil(
    () =>
      sql.dialect === 'pglite'
        ? tryPglite(sql, key)
        : tryPg(sql, key, options.onLost, options.heartbeatMs ?? HEARTBEAT_MS),
    {
      wait: options.whenLocked === 'wait',
      intervalMs: options.pollMs ?? 500,
      whenNone: () => new ProjectionLockedError(scope, key),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
}
