/**
 * What a runner does on start, decided from the catalog alone (no I/O, so it is tested without a
 * database):
 *
 * - The active build was made by newer code: refuse, so old and new deployments never flip-flop.
 * - The active build was made by this code version: follow it.
 * - Otherwise build this code version's tables (resuming an interrupted build of it): the first
 *   build ever is active while it fills (or, when its caller asks, is filled in bulk first); a
 *   build beside an older active one fills from the first event (in bulk where the store can) and
 *   switches over when it has caught up.
 */
import { isBulkCheckpoint } from './bulk-load.js';
import { nextBuildVersion, resumableBuild, type Build } from './builds.js';
import { START } from '../store/event-store.js';

export type ActiveDecision =
  | { action: 'refuse'; activeCodeVersion: number }
  | { action: 'follow'; version: number }
  | { action: 'build' };

export function decideOnActive(active: Build | undefined, codeVersion: number): ActiveDecision {
  if (active && active.codeVersion > codeVersion)
    return { action: 'refuse', activeCodeVersion: active.codeVersion };
  if (active && active.codeVersion === codeVersion) return { action: 'follow', version: active.version };
  return { action: 'build' };
}

export interface BuildPlan {
  /** Table version to build. */
  version: number;
  /** No build of it exists yet: insert its catalog row. */
  create: boolean;
  /** Create the bulk path's bare tables (filled from the first event, keys added at the end). */
  bulkInit: boolean;
  /** An interrupted bulk load of a first build: finish it before the build becomes active. */
  finishBulkFirst: boolean;
  /** No build is active: this one is, at once, while it fills. Else: the active build it replaces. */
  replacing: number | null;
}

export interface PlanOptions {
  /**
   * A first build (none active) that has applied nothing may be filled in bulk before it becomes
   * active, rather than be active at once while it fills: the caller found events in the store and
   * waits for the catch-up anyway (RunnerOptions.firstBuild).
   */
  firstInBulk?: boolean;
}

/** The build to make when decideOnActive says `build` (`builds` listed under the rebuild lock). */
export function planBuild(
  active: Build | undefined,
  builds: readonly Build[],
  codeVersion: number,
  options: PlanOptions = {},
): BuildPlan {
  const resumable = resumableBuild(builds, codeVersion);
  // A build beside an active one is filled in bulk; the first build is active while it fills, so
  // it needs its keys from the start, unless a bulk load of it was interrupted or the caller asked
  // for one (and it has applied nothing yet).
  const resumingBulk = resumable !== undefined && isBulkCheckpoint(resumable.checkpoint);
  const startingBulk =
    active === undefined && options.firstInBulk === true && (resumable?.checkpoint ?? START) === START;
  return {
    version: resumable?.version ?? nextBuildVersion(builds, codeVersion),
    create: resumable === undefined,
    bulkInit: active !== undefined || resumingBulk || startingBulk,
    finishBulkFirst: active === undefined && (resumingBulk || startingBulk),
    replacing: active?.version ?? null,
  };
}
