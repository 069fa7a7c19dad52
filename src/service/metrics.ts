/**
 * Prometheus metrics for intake, on a registry owned by one server (tests run several servers in
 * one process, and the composition root may pass its own registry to add more metrics beside these).
 */
import { Counter, Histogram, Registry } from 'prom-client';

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
