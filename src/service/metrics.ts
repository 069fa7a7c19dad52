/**
 * Prometheus metrics for intake, on a registry owned by one server (tests run several servers in
 * one process, and the composition root may pass its own registry to add more metrics beside these).
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectionStatus } from '../projector/types.js';

/** What an HTTP delivery ended as: the ingest outcomes plus the two failures that are not about the body. */
export type DeliveryOutcome = 'appended' | 'duplicate' | 'quarantined' | 'rejected' | 'unavailable' | 'error';

export interface IntakeMetrics {
  registry: Registry;
  received: Counter<'source'>;
  outcomes: Counter<'source' | 'outcome'>;
  duration: Histogram<'source' | 'outcome'>;
  /** One delivery arrived (counted before its body is read). */
  receivedFrom(source: string): void;
  record(source: string, outcome: DeliveryOutcome, seconds: number): void;
}

export function createIntakeMetrics(registry: Registry = new Registry()): IntakeMetrics {
  const received = new Counter({
    name: 'intake_deliveries_received_total',
    help: 'Webhook deliveries received, by source',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'intake_deliveries_total',
    help: 'Webhook deliveries by source and outcome (appended, duplicate, quarantined, rejected, unavailable, error)',
    labelNames: ['source', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'intake_delivery_duration_seconds',
    help: 'Time from request start to response, by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  // Zero series up front so dashboards see every source before its first delivery.
  for (const source of ['persona', 'aiprise']) received.inc({ source }, 0);
  // One frozen label object per series, reused for every delivery instead of a new one per call.
  const sourceLabels = new Map<string, Readonly<{ source: string }>>();
  const outcomeLabels = new Map<
    string,
    Map<DeliveryOutcome, Readonly<{ source: string; outcome: DeliveryOutcome }>>
  >();
  return {
    registry,
    received,
    outcomes,
    duration,
    receivedFrom(source) {
      let labels = sourceLabels.get(source);
      if (!labels) sourceLabels.set(source, (labels = Object.freeze({ source })));
      received.inc(labels);
    },
    record(source, outcome, seconds) {
      let bySource = outcomeLabels.get(source);
      if (!bySource) outcomeLabels.set(source, (bySource = new Map()));
      let labels = bySource.get(outcome);
      if (!labels) bySource.set(outcome, (labels = Object.freeze({ source, outcome })));
      outcomes.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

/** The projections' facts for metrics: one read per scrape, shared by every gauge. */
export type ProjectionStatusSource = () => Promise<readonly ProjectionStatus[]>;

const RUNNING = new Set(['following', 'building', 'standby']);

/**
 * Per projection, read at scrape time from the catalog, the store and the parked table (so they
 * are true whoever projects): lag in events and seconds, parked events, and whether this process's
 * runner is running (1) or stopped or retrying (0; no series when another process projects).
 */
export function registerProjectionMetrics(registry: Registry, source: ProjectionStatusSource): void {
  let scrape: Promise<readonly ProjectionStatus[] | undefined> | undefined;
  // The gauges of one scrape share one read; the next scrape reads again.
  const statuses = (): Promise<readonly ProjectionStatus[] | undefined> => {
    scrape ??= source()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (scrape = undefined)));
    return scrape;
  };
  const gauge = (name: string, help: string, value: (s: ProjectionStatus) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of (await statuses()) ?? []) {
          const v = value(s);
          if (v !== undefined) this.set({ projection: s.name }, v);
        }
      },
    });
  gauge(
    'projection_lag_events',
    'Events stored after the active build checkpoint, by projection',
    (s) => s.lag.events,
  );
  gauge(
    'projection_lag_seconds',
    'Age of the oldest event not yet in the read models (0 when none), by projection',
    (s) => s.lag.seconds,
  );
  gauge(
    'projection_parked_events',
    'Events parked (dead letters) in the active build, by projection',
    (s) => s.parked,
  );
  gauge(
    'projection_runner_up',
    "1 while this process's runner runs, 0 while it is stopped or retrying",
    (s) => (s.runner ? (RUNNING.has(s.runner.state) ? 1 : 0) : undefined),
  );
}
