/**
 * Poison events: a batch the projection keeps throwing on (not an outage, not a moved checkpoint)
 * is retried by the subscription with backoff (a build's catch-up, build-steps.ts, at once) a
 * bounded number of times, then applied event by event (isolate.ts) so the events it throws on
 * are parked and every other stream goes on. Once parked, a stream's later events are parked
 * behind its first one in every batch (`skipParked`), until a replay (replay.ts) applies them.
 */
import { isUnavailable } from '../../db/errors.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';
import type { Checkpoint, EventStore } from '../../store/event-store.js';
import { advanceCheckpoint } from '../builds.js';
import { CheckpointMovedError, type BuildRef } from '../build-ref.js';
import { summariseError } from '../error-summary.js';
import type { Projection } from '../projection.js';
import { applyIsolated, type IsolatedResult } from './isolate.js';
import { anyParked, insertParked, parkedStreamsAmong, type NewParkedEvent } from './parked-table.js';

/** Attempts at one batch before its events are tried one by one. */
export const DEFAULT_POISON_ATTEMPTS = 3;

/**
 * Thrown instead of parking when the projection failed on every stream it tried in a batch, two or
 * more: that is a broken projection (or a missing table), not a poison event, and parking would
 * leave a build with nothing in it. Used where the build is not serving yet (catch-up, bulk load),
 * so that a rebuild with such code fails, as before, instead of switching over to it.
 */
export class ProjectionBrokenError extends Error {
  override readonly name = 'ProjectionBrokenError';
  constructor(projection: string, streams: number, cause: unknown) {
    super(
      `projection ${projection}: failed on every one of the ${streams} streams of a batch (${summariseError(cause)}); not parking them`,
      { cause },
    );
  }
}

/** Throws ProjectionBrokenError when each of the `tried` streams (two or more) failed. */
export function refuseWholesale(
  projection: string,
  tried: number,
  failures: readonly { error: unknown }[],
): void {
  if (tried >= 2 && failures.length >= tried)
    throw new ProjectionBrokenError(projection, tried, failures[0]!.error);
}

/** Counts failed attempts at the batch that starts at one checkpoint. */
export class PoisonGuard {
  #from: Checkpoint | undefined;
  #attempts = 0;

  constructor(readonly maxAttempts = DEFAULT_POISON_ATTEMPTS) {}

  /** True when the batch starting at `from` has failed often enough to be isolated. */
  isolating(from: Checkpoint): boolean {
    return this.#from === from && this.#attempts >= this.maxAttempts;
  }

  get attempts(): number {
    return this.#attempts;
  }

  /** A batch starting at `from` failed; outages do not count (they say nothing about the events). */
  failed(from: Checkpoint, error: unknown): void {
    if (isUnavailable(error) || error instanceof CheckpointMovedError) return;
    if (this.#from !== from) {
      this.#from = from;
      this.#attempts = 0;
    }
    this.#attempts += 1;
  }

  succeeded(): void {
    this.#from = undefined;
    this.#attempts = 0;
  }
}

export interface SkipParked {
  /** For applyBatch's `prepare`. */
  (tx: SqlExecutor, events: RecordedEvent[]): Promise<RecordedEvent[]>;
  /** This run parked events (applyBatchParking): look for parked streams in every batch from now. */
  parked(): void;
}

/**
 * For applyBatch's `prepare` in one locked run: inside the batch transaction, parks the events of
 * streams that already have a parked event (behind it) and returns the others, to apply as usual.
 * Only the lock holder parks into a build (a replay only removes rows), so a build found without
 * parked events on the run's first batch needs no look per batch until this run parks one.
 */
export function skipParked(build: BuildRef): SkipParked {
  let maybe: boolean | undefined;
  const prepare = async (tx: SqlExecutor, events: RecordedEvent[]): Promise<RecordedEvent[]> => {
    if (events.length === 0) return events;
    maybe ??= await anyParked(tx, build);
    if (!maybe) return events;
    const heads = await parkedStreamsAmong(tx, build, [...new Set(events.map((e) => e.streamId))]);
    if (heads.size === 0) return events;
    const behind: NewParkedEvent[] = [];
    const rest: RecordedEvent[] = [];
    for (const e of events) {
      const head = heads.get(e.streamId);
      if (head === undefined) rest.push(e);
      else
        behind.push({ event: e, error: `waits behind parked event ${head}`, blockedBy: head, attempts: 0 });
    }
    await insertParked(tx, build, behind);
    return rest;
  };
  return Object.assign(prepare, { parked: () => void (maybe = true) });
}

/**
 * Applies a batch that failed `attempts` times event by event and parks what fails, with the
 * checkpoint compare-and-set, in one transaction. Throws CheckpointMovedError (nothing written)
 * as applyBatch does, and rethrows an outage instead of parking on it. `asyncCommit` as for
 * applyBatch (a build nobody reads yet).
 */
export async function applyBatchParking(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  build: BuildRef,
  expected: Checkpoint,
  next: Checkpoint,
  events: RecordedEvent[],
  attempts: number,
  options: {
    asyncCommit?: boolean;
    /** Fail with ProjectionBrokenError (nothing written) instead of parking every stream tried. */
    refuseWholesale?: boolean;
  } = {},
): Promise<IsolatedResult> {
  return sql.transaction(async (tx) => {
    if (options.asyncCommit) await tx.query('set local synchronous_commit = off');
    if (!(await advanceCheckpoint(tx, build, expected, next, events.length)))
      throw new CheckpointMovedError(build.name, build.version);
    const blocked = await parkedStreamsAmong(tx, build, [...new Set(events.map((e) => e.streamId))]);
    const result = await applyIsolated(tx, sql, store, projection, build.version, events, blocked, {
      attempts,
      isFatal: isUnavailable,
    });
    if (options.refuseWholesale) {
      const tried = new Set(events.filter((e) => !blocked.has(e.streamId)).map((e) => e.streamId));
      refuseWholesale(projection.name, tried.size, result.failures);
    }
    await insertParked(tx, build, result.parked);
    return result;
  });
}
