/**
 * Lag of each partition, computed when /metrics is scraped (prom-client's collect): in events,
 * the positions of the global order between the partition's checkpoint and the newest event
 * (positions come from an identity, so rolled-back appends leave small gaps: an upper bound); in
 * seconds, how much older the event at the checkpoint was recorded than the newest one (0 when
 * caught up). One query for all partitions of the active build.
 */
import { Gauge, type Registry } from 'prom-client';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import { START } from '../../store/event-store.js';
import { decodeCheckpoint } from '../../store/sql/checkpoint.js';
import { activeBuild } from '../builds.js';
import { countParkedByStream } from '../parking/parked-table.js';
import { isPartitionedCheckpoint } from './assignment.js';
import { partitionOf } from './partition-of.js';
import { listPartitions } from './partition-table.js';

interface Lag {
  partition: number;
  events: number;
  seconds: number;
}

export async function partitionLag(sql: SqlClient, name: string): Promise<Lag[]> {
  const build = await activeBuild(sql, name);
  if (!build || !isPartitionedCheckpoint(build.checkpoint)) return [];
  const rows = await listPartitions(sql, name, build.version);
  const positions = rows.map((r) => (r.checkpoint === START ? '0' : decodeCheckpoint(r.checkpoint).position));
  const { rows: lag } = await sql.query<{ partition: number; events: string; seconds: number | null }>(
    `with head as (select position, recorded_at from events order by position desc limit 1)
     select c.partition, greatest(h.position - c.position, 0)::text as events,
            greatest(extract(epoch from h.recorded_at - e.recorded_at), 0)::float8 as seconds
       from unnest($1::int[], $2::bigint[]) as c(partition, position)
       cross join head h
       left join events e on e.position = c.position`,
    [rows.map((r) => r.partition), positions],
  );
  return lag.map((r) => ({
    partition: Number(r.partition),
    events: Number(r.events),
    // A checkpoint before the first event: as old as the oldest event is.
    seconds: r.seconds ?? 0,
  }));
}

/** Parked (poison) events per partition. */
export type ParkedCounter = (projection: string) => Promise<ReadonlyMap<number, number>>;

/** The parked table's count, by the partition each stream belongs to. */
export function parkedByPartition(sql: SqlExecutor, partitions: number): ParkedCounter {
  return async (projection) => {
    const counts = new Map<number, number>();
    for (const [streamId, n] of await countParkedByStream(sql, projection)) {
      const p = partitionOf(streamId, partitions);
      counts.set(p, (counts.get(p) ?? 0) + n);
    }
    return counts;
  };
}

/**
 * Registers the two lag gauges for `name` on `registry` (read from the database at each scrape),
 * and `projection_partition_parked_events` when a parked-event counter is given.
 */
export function registerPartitionLag(
  registry: Registry,
  sql: SqlClient,
  name: string,
  parked?: ParkedCounter,
): void {
  if (registry.getSingleMetric('projection_partition_lag_events')) return;
  let last: Promise<Lag[]> | undefined;
  // Both gauges are collected in one scrape: share one query.
  const lagOnce = (): Promise<Lag[]> => {
    last ??= partitionLag(sql, name)
      .catch(() => [])
      .finally(() => setImmediate(() => (last = undefined)));
    return last;
  };
  new Gauge({
    name: 'projection_partition_lag_events',
    help: 'Global-order positions between a partition checkpoint and the newest event',
    labelNames: ['projection', 'partition'] as const,
    registers: [registry],
    async collect() {
      for (const l of await lagOnce())
        this.set({ projection: name, partition: String(l.partition) }, l.events);
    },
  });
  new Gauge({
    name: 'projection_partition_lag_seconds',
    help: 'How much earlier the event at a partition checkpoint was recorded than the newest event',
    labelNames: ['projection', 'partition'] as const,
    registers: [registry],
    async collect() {
      for (const l of await lagOnce())
        this.set({ projection: name, partition: String(l.partition) }, l.seconds);
    },
  });
  if (!parked) return;
  new Gauge({
    name: 'projection_partition_parked_events',
    help: 'Events parked (set aside as poison) by partition',
    labelNames: ['projection', 'partition'] as const,
    registers: [registry],
    async collect() {
      const counts = await parked(name).catch(() => new Map<number, number>());
      for (const [partition, n] of counts) this.set({ projection: name, partition: String(partition) }, n);
    },
  });
}
