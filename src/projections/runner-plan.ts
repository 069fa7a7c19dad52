/**
 * What a runner does on start, decided from the catalog alone (no I/O, so it is tested without a
 * database):
 *
 * - The active build was made by newer code: refuse, so old and new deployments never flip-flop.
 * - The active build was made by this code version: follow it.
 * - Otherwise build this code version's tables (resuming an interrupted build of it): the first
 *   build ever is active while it fills; a build beside an older active one fills from the first
 *   event (in bulk where the store can) and switches over when it has caught up.
 */
import { isBulkCheckpoint } from './bulk-load.js';
import { nextBuildVersion, resumableBuild, type Build } from './builds.js';

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

/** The build to make when decideOnActive says `build` (`builds` listed under the rebuild lock). */
export function planBuild(
  active: Build | undefined,
  builds: readonly Build[],
  codeVersion: number,
): BuildPlan {
  const resumable = resumableBuild(builds, codeVersion);
  // A build beside an active one is filled in bulk; the first build is active while it fills, so
  // it needs its keys from the start, unless a bulk load of it was interrupted.
  const resumingBulk = resumable !== undefined && isBulkCheckpoint(resumable.checkpoint);
  return {
    version: resumable?.version ?? nextBuildVersion(builds, codeVersion),
    create: resumable === undefined,
    bulkInit: active !== undefined || resumingBulk,
    finishBulkFirst: active === undefined && resumingBulk,
    replacing: active?.version ?? null,
  };
}
