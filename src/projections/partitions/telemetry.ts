/**
 * What a partitioned member reports: a trace span per batch (src/telemetry: a no-op unless the
 * process configured an SDK; the projection's read, fold and write spans nest under it) and Prometheus metrics per
 * projection and partition. The runner only sees the PartitionTelemetry interface.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RecordedEvent } from '../../events/types.js';
import { inSpan } from '../../telemetry/spans.js';

export interface PartitionTelemetry {
  /** Wraps one batch in a span (the projection's read, fold and write spans nest under it) and times it. */
  batch<T>(info: { partition: number; events: readonly RecordedEvent[] }, fn: () => Promise<T>): Promise<T>;
  /** The member's share of the partitions changed. */
  rebalanced(members: number): void;
  /** The partitions this member applies now. */
  held(partitions: readonly number[]): void;
}

export const noTelemetry: PartitionTelemetry = {
  batch: (_info, fn) => fn(),
  rebalanced: () => undefined,
  held: () => undefined,
};

export interface PartitionMetrics {
  batchDuration: Histogram<'projection' | 'partition'>;
  batchEvents: Counter<'projection' | 'partition'>;
  rebalances: Counter<'projection'>;
  held: Gauge<'projection' | 'partition'>;
}

const registered = new WeakMap<Registry, PartitionMetrics>();

/** Registers the per-partition metrics on `registry` once (several members in one process share them). */
export function partitionMetrics(registry: Registry): PartitionMetrics {
  const existing = registered.get(registry);
  if (existing) return existing;
  const metrics: PartitionMetrics = {
    batchDuration: new Histogram({
      name: 'projection_batch_duration_seconds',
      help: 'Time to apply one batch of a partition (fencing, fold and write, commit)',
      labelNames: ['projection', 'partition'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    batchEvents: new Counter({
      name: 'projection_batch_events_total',
      help: 'Events applied by this process, by projection and partition',
      labelNames: ['projection', 'partition'] as const,
      registers: [registry],
    }),
    rebalances: new Counter({
      name: 'projection_rebalances_total',
      help: "Times this process's share of the partitions changed",
      labelNames: ['projection'] as const,
      registers: [registry],
    }),
    held: new Gauge({
      name: 'projection_partition_held',
      help: '1 for each partition this process applies now',
      labelNames: ['projection', 'partition'] as const,
      registers: [registry],
    }),
  };
  registered.set(registry, metrics);
  return metrics;
}

/** Spans and metrics for one projection's member. */
export function partitionTelemetry(
  projection: string,
  partitions: number,
  registry?: Registry,
): PartitionTelemetry {
  const m = registry ? partitionMetrics(registry) : undefined;
  return {
    async batch(info, fn) {
      const labels = { projection, partition: String(info.partition) };
      const end = m?.batchDuration.startTimer(labels);
      const result = await inSpan(
        'projection.batch',
        {
          'projection.name': projection,
          'projection.partition': info.partition,
          'projection.events': info.events.length,
        },
        () => fn(),
      );
      end?.();
      m?.batchEvents.inc(labels, info.events.length);
      return result;
    },
    rebalanced() {
      m?.rebalances.inc({ projection });
    },
    held(held) {
      if (!m) return;
      const set = new Set(held);
      for (let p = 0; p < partitions; p++)
        m.held.set({ projection, partition: String(p) }, set.has(p) ? 1 : 0);
    },
  };
}
