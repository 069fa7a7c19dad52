/**
 * OpenTelemetry tracing for the service: the SDK (@opentelemetry/sdk-node) with its OTLP trace
 * exporter, configured by the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT,
 * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER …).
 * Off unless configured: the SDK starts only when OTEL_TRACES_EXPORTER (not `none`) or an OTLP
 * endpoint is set, and never with OTEL_SDK_DISABLED=true. The code's spans go through
 * @opentelemetry/api (src/telemetry/spans.ts), which is a no-op without the SDK. Metrics stay on
 * /metrics (prom-client): the SDK's metric and log exporters are off unless their own variables
 * ask for them.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Tracing {
  /** Flushes spans still buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

type Env = Record<string, string | undefined>;

/** Whether the OTEL_* variables ask for traces. */
export function tracingConfigured(env: Env = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  const exporters = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporters) return !exporters.split(',').every((e) => ['none', ''].includes(e.trim()));
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

export interface StartTracingOptions {
  env?: Env;
  /** Span processors to use instead of the exporters the variables name (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

/** Starts the SDK when configured (or given span processors); undefined when tracing stays off. */
export async function startTracing(options: StartTracingOptions = {}): Promise<Tracing | undefined> {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingConfigured(env)) return undefined;
  // Loaded only when on, so a service without tracing never loads the SDK.
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  // Only traces are asked for: the SDK would otherwise default metrics and logs to OTLP too. It
  // reads these while starting; the process's environment is left as it was.
  const saved = { metrics: process.env.OTEL_METRICS_EXPORTER, logs: process.env.OTEL_LOGS_EXPORTER };
  process.env.OTEL_METRICS_EXPORTER ??= 'none';
  process.env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'profile-projector',
    instrumentations: [],
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  try {
    sdk.start();
  } finally {
    for (const [name, value] of [
      ['OTEL_METRICS_EXPORTER', saved.metrics],
      ['OTEL_LOGS_EXPORTER', saved.logs],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { shutdown: () => sdk.shutdown() };
}

const tracer = trace.getTracer('profile-projector');

/**
 * Runs a request's handler in a SERVER span named for its route, continuing the caller's trace
 * when it sent `traceparent`. The handler's own spans (verify, parse, append) nest under it.
 */
export function inRequestSpan<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  attributes: Record<string, string>,
  work: () => Promise<R>,
): Promise<R> {
  const route = request.routeOptions.url ?? request.url;
  const parent = propagation.extract(context.active(), request.headers);
  return tracer.startActiveSpan(
    `${request.method} ${route}`,
    {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'http.route': route, ...attributes },
    },
    parent,
    async (span) => {
      try {
        return await work();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.setAttribute('http.response.status_code', reply.statusCode);
        if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    },
  );
}
