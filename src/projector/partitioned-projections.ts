/**
 * Projections for the scale-out roles (PostgreSQL): a `projector` process runs them as one member
 * of the partitioned runners (projections/partitions/), and an `intake` process runs none and
 * waits on the checkpoints the projector processes write for read-your-writes.
 */
import type { Registry } from 'prom-client';
import type { SqlClient } from '../db/sql-client.js';
import { waitForReadModels } from '../projections/partitions/caught-up.js';
import {
  parkedByPartition,
  registerPartitionLag,
  type ParkedCounter,
} from '../projections/partitions/partition-lag.js';
import {
  startPartitionedRunner,
  type PartitionedRunner,
} from '../projections/partitions/partitioned-runner.js';
import { partitionTelemetry } from '../projections/partitions/telemetry.js';
import { defaultProjections } from '../projections/registry.js';
import type { EventStore } from '../store/event-store.js';
import { runnerLogging, type Projections } from './projections.js';
import type { ProjectorLogger } from './types.js';

export interface PartitionedProjectionOptions {
  partitions: number;
  logger?: ProjectorLogger;
  /** Where the per-partition metrics go (the service's /metrics registry). */
  registry?: Registry;
  leaseMs?: number;
  heartbeatMs?: number;
  batchSize?: number;
  /** Parked events per partition for /metrics; default the parked table's count. */
  parked?: ParkedCounter;
}

export async function startPartitionedProjections(
  store: EventStore,
  sql: SqlClient,
  options: PartitionedProjectionOptions,
): Promise<Projections & { runners: readonly PartitionedRunner[] }> {
  const { logger, registry } = options;
  const runners: PartitionedRunner[] = [];
  try {
    for (const projection of defaultProjections) {
      if (registry)
        registerPartitionLag(
          registry,
          sql,
          projection.name,
          options.parked ?? parkedByPartition(sql, options.partitions),
        );
      runners.push(
        await startPartitionedRunner({
          store,
          sql,
          projection,
          partitions: options.partitions,
          telemetry: partitionTelemetry(projection.name, options.partitions, registry),
          ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
          ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
          ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
          ...runnerLogging(logger),
        }),
      );
    }
  } catch (error) {
    await Promise.all(runners.map((r) => r.stop()));
    throw error;
  }
  return {
    local: true,
    runners,
    statuses: () => runners.map((r) => r.status()),
    whenCaughtUp: async () => {
      await Promise.all(runners.map((r) => r.whenCaughtUp()));
    },
    stop: async () => {
      await Promise.all(runners.map((r) => r.stop()));
    },
  };
}

/**
 * No runner in this process: a read waits (up to `timeoutMs`, default 5 s) until the processes
 * that project have applied what was committed before it, then reads what is there.
 */
export function remoteProjections(store: EventStore, sql: SqlClient, timeoutMs = 5_000): Projections {
  let stopped = false;
  return {
    local: false,
    statuses: () => [],
    async whenCaughtUp() {
      await waitForReadModels(
        sql,
        store,
        defaultProjections.map((p) => p.name),
        { timeoutMs, stopped: () => stopped },
      );
    },
    async stop() {
      stopped = true;
    },
  };
}
