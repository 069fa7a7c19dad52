/**
 * Which build the partitions follow, resolved under one advisory lock per projection so members
 * starting together agree:
 *
 * - no active build yet: create the first one (empty, active at once) and its partitions at START;
 * - the active build was made by this code version and is already partitioned: follow it, provided
 *   its partition count is the configured one (another count needs a rebuild: streams would move);
 * - the active build was followed by a single runner (or filled by the rebuild job): its
 *   partitions start at the build's checkpoint, which every partition has then applied; the build's
 *   own checkpoint becomes a marker that turns single runners away (runner.ts). A single runner
 *   still following it holds its lock, and this refuses until it stops.
 * - the active build was made by newer code: refuse, as the single runner does; by older code:
 *   build this code's version beside it, partitioned, from the first event (resuming one begun
 *   earlier): the members fill it side by side and switch over once every partition has reached
 *   the head (switchWhenCaughtUp), in one transaction, while the old build keeps serving.
 */
import type { SqlClient } from '../../db/sql-client.js';
import type { EventStore } from '../../store/event-store.js';
import { activeBuild, ensureCatalog, insertBuild, listBuilds, nextBuildVersion } from '../builds.js';
import { initBuild, switchOver } from '../build-steps.js';
import { reached } from './caught-up.js';
import { isBulkCheckpoint } from '../bulk-load.js';
import { acquireLock } from '../lock.js';
import type { Projection } from '../projection.js';
import { decideOnActive } from '../runner-plan.js';
import { NewerProjectionActiveError } from '../runner.js';
import { isPartitionedCheckpoint, PARTITIONED_PREFIX } from './assignment.js';
import { ensurePartitionTables, listPartitions, seedPartitions } from './partition-table.js';

export class PartitionsMismatchError extends Error {
  override readonly name = 'PartitionsMismatchError';
}

export interface PartitionedBuild {
  version: number;
  /** Being filled beside an older active build (not active yet). */
  building: boolean;
}

/** Resolves (creating or converting where needed) the build the partitions apply. */
export async function preparePartitionedBuild(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  partitions: number,
): Promise<PartitionedBuild> {
  await ensureCatalog(sql);
  await ensurePartitionTables(sql);
  const lock = await acquireLock(sql, `partitions:${projection.name}`, { whenLocked: 'wait', pollMs: 100 });
  try {
    const active = await activeBuild(sql, projection.name);
    const decision = decideOnActive(active, projection.version);
    if (decision.action === 'refuse')
      throw new NewerProjectionActiveError(projection.name, decision.activeCodeVersion, projection.version);
    if (decision.action === 'build') {
      const builds = await listBuilds(sql, projection.name);
      // This code's partitioned build begun earlier (beside the active one, or the first build of
      // a process that stopped before switching it over): resume it.
      const resumable = builds
        .filter(
          (b) =>
            b.state === 'building' &&
            b.codeVersion === projection.version &&
            isPartitionedCheckpoint(b.checkpoint),
        )
        .at(-1);
      let version = resumable?.version;
      if (version === undefined) {
        version = nextBuildVersion(builds, projection.version);
        // Tables first, then the catalog row with its partitions in one transaction: a crash in
        // between leaves no build that nobody would resume.
        await initBuild(sql, store, projection, version);
        const created = version;
        await sql.transaction(async (tx) => {
          await insertBuild(tx, projection.name, created, projection.version);
          await seedPartitions(tx, projection.name, created, partitions, '');
          await tx.query(
            `update projection_checkpoints set checkpoint = $3 where name = $1 and version = $2`,
            [projection.name, created, `${PARTITIONED_PREFIX}${partitions}`],
          );
        });
      }
      if (active) return { version, building: true };
      await switchOver(sql, store, projection, version);
      return { version, building: false };
    }
    const version = decision.version;
    const existing = await listPartitions(sql, projection.name, version);
    if (existing.length > 0) {
      const count = existing[0]!.partitions;
      if (count !== partitions || existing.length !== count)
        throw new PartitionsMismatchError(
          `projection ${projection.name} v${version} is split into ${count} partitions, not ${partitions}: set PROJECTION_PARTITIONS=${count}, or rebuild to change it`,
        );
      return { version, building: false };
    }
    if (isBulkCheckpoint(active!.checkpoint) || isPartitionedCheckpoint(active!.checkpoint))
      throw new PartitionsMismatchError(
        `projection ${projection.name} v${version} is mid bulk load; let the rebuild finish first`,
      );
    // Refuses (ProjectionLockedError) while a single runner follows the build.
    const single = await acquireLock(sql, `projection:${projection.name}:v${version}`);
    try {
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ checkpoint: string }>(
          `select checkpoint from projection_checkpoints where name = $1 and version = $2 and state = 'active' for update`,
          [projection.name, version],
        );
        const checkpoint = rows[0]?.checkpoint;
        if (checkpoint === undefined || isPartitionedCheckpoint(checkpoint))
          throw new Error(`projection ${projection.name} v${version} changed while being partitioned`);
        await seedPartitions(tx, projection.name, version, partitions, checkpoint);
        await tx.query(`update projection_checkpoints set checkpoint = $3 where name = $1 and version = $2`, [
          projection.name,
          version,
          `${PARTITIONED_PREFIX}${partitions}`,
        ]);
      });
    } finally {
      await single.release();
    }
    return { version, building: false };
  } finally {
    await lock.release();
  }
}

/**
 * Switches a partitioned build being filled over to active when every one of its partitions has
 * reached the head (taken now); true when it did. Under the same lock as preparation, and checked
 * again there, so members noticing together switch once.
 */
export async function switchWhenCaughtUp(
  sql: SqlClient,
  store: EventStore,
  projection: Projection,
  version: number,
): Promise<boolean> {
  const head = await store.headCheckpoint();
  const behind = (await listPartitions(sql, projection.name, version)).some(
    (r) => !reached(r.checkpoint, head),
  );
  if (behind) return false;
  const lock = await acquireLock(sql, `partitions:${projection.name}`, { whenLocked: 'wait', pollMs: 100 });
  try {
    const builds = await listBuilds(sql, projection.name);
    const mine = builds.find((b) => b.version === version);
    if (mine?.state === 'active') return true;
    if (mine?.state !== 'building') return false;
    await switchOver(sql, store, projection, version);
    return true;
  } finally {
    await lock.release();
  }
}
