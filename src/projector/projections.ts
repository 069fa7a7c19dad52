/**
 * Runs the projections for a projector. Only one process may follow a projection (advisory lock);
 * when another one already does (a `serve` process while the CLI runs a query), this process reads
 * the read models that process keeps current instead of projecting itself.
 */
import { defaultProjections } from '../projections/registry.js';
import { ProjectionLockedError } from '../projections/lock.js';
import {
  startRunners,
  type ProjectionRunners,
  type RunnerOptions,
  type RunnerStatus,
} from '../projections/runner.js';
import type { EventStore } from '../store/event-store.js';
import type { SqlClient } from '../db/sql-client.js';
import type { ProjectorLogger } from './types.js';

export interface Projections {
  /** False when another process holds the projection locks and keeps the read models current. */
  readonly local: boolean;
  /** Resolves when every event committed before the call is in the read models (at once when not local). */
  whenCaughtUp(): Promise<void>;
  /** What this process's runners are doing (none when another process projects, or not started yet). */
  statuses(): RunnerStatus[];
  stop(): Promise<void>;
}

/** A runner's logger and its report of errors it recovers from (ids and messages only). */
export function runnerLogging(logger: ProjectorLogger | undefined): {
  logger?: ProjectorLogger;
  onError?: (error: unknown) => void;
} {
  if (!logger) return {};
  return {
    logger,
    onError: (error: unknown) =>
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'projection error, retrying',
      ),
  };
}

export async function startProjections(
  store: EventStore,
  sql: SqlClient,
  logger?: ProjectorLogger,
  options: Pick<RunnerOptions, 'firstBuild'> = {},
): Promise<Projections> {
  let runners: ProjectionRunners;
  try {
    runners = await startRunners({
      store,
      sql,
      projections: defaultProjections,
      whenLocked: 'fail',
      ...runnerLogging(logger),
      ...options,
    });
  } catch (error) {
    if (!(error instanceof ProjectionLockedError)) throw error;
    logger?.info({}, 'another process is projecting; reading the read models it keeps current');
    return {
      local: false,
      whenCaughtUp: async () => undefined,
      statuses: () => [],
      stop: async () => undefined,
    };
  }
  return {
    local: true,
    whenCaughtUp: () => runners.whenCaughtUp(),
    statuses: () => runners.statuses(),
    stop: () => runners.stop(),
  };
}

/**
 * Projections that start on first need (a read or catchUp), for callers that write a burst first:
 * one catch-up in large batches is much cheaper than following every delivery live on PGlite, and
 * a first build is filled in bulk (RunnerOptions.firstBuild), since the caller waits for it anyway.
 */
export function deferredProjections(start: () => Promise<Projections>): Projections {
  let started: Promise<Projections> | undefined;
  let running: Projections | undefined;
  // A start that failed (the database away) is tried again by the next caller, not kept.
  const get = () =>
    (started ??= start().then(
      (p) => {
        running = p;
        return p;
      },
      (error: unknown) => {
        started = undefined;
        throw error;
      },
    ));
  return {
    get local() {
      return true;
    },
    whenCaughtUp: async () => (await get()).whenCaughtUp(),
    statuses: () => running?.statuses() ?? [],
    stop: async () => {
      if (started) await (await started).stop();
    },
  };
}
