/**
 * OpenTelemetry traces with an in-memory span exporter: a signed webhook over real HTTP gives a
 * SERVER span with the intake's verify, parse and append spans under it (continuing the caller's
 * traceparent), and the projection batch that applies it gives read, fold and write spans under
 * the batch span. Tracing stays off unless the OTEL_* variables configure it.
 *
 * The SDK registers process-wide globals: they are disabled again after the file, so the files
 * that share this worker run with the no-op API as before.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from '../../src/service/start-service.js';
import { startTracing, tracingConfigured, type Tracing } from '../../src/service/tracing.js';
import { aiPriseDelivery, tagsUpdated } from '../support/deliveries.js';
import { aiPriseHeaders, TEST_AIPRISE_API_KEY } from '../support/signing.js';

const TOKEN = 'tracing-test-token-0123456789';

describe('tracing configuration', () => {
  it('is off unless the OTEL_* variables ask for traces', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'x' })).toBe(false);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      true,
    );
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });
});

describe('traces of a delivery and of a projection batch', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let service: Service;

  beforeAll(async () => {
    tracing = await startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    service = await startService({
      projector: { store: 'memory', secrets: { aiprise: TEST_AIPRISE_API_KEY } },
      apiToken: TOKEN,
    });
  });

  afterAll(async () => {
    await service?.close();
    await tracing?.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  const named = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name === name);
  const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;

  it('HTTP -> verify -> parse -> append, then batch -> read -> fold -> write', async () => {
    const body = aiPriseDelivery(tagsUpdated({ userProfileId: 'up_traced', previous: [], current: ['vip'] }));
    const callerTrace = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(`${service.baseUrl}/webhooks/aiprise`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${callerTrace}-b7ad6b7169203331-01`,
        ...aiPriseHeaders(body),
      },
      body,
    });
    expect(res.status).toBe(200);
    const state = await fetch(`${service.baseUrl}/v1/state/user-profile/up_traced`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(state.status).toBe(200);

    const [http] = named('POST /webhooks/aiprise');
    expect(http).toBeDefined();
    expect(http!.spanContext().traceId).toBe(callerTrace);
    expect(http!.attributes).toMatchObject({
      'http.response.status_code': 200,
      'delivery.source': 'aiprise',
    });
    for (const step of ['intake.verify', 'intake.parse', 'intake.append']) {
      const [span] = named(step);
      expect(span, step).toBeDefined();
      expect(parentOf(span!), step).toBe(http!.spanContext().spanId);
    }
    expect(named('intake.parse')[0]!.attributes['event.stream_id']).toBe('user-profile-up_traced');

    const batch = named('projection.batch').find((s) => s.attributes['projection.events'] === 1);
    expect(batch).toBeDefined();
    for (const step of ['projection.read', 'projection.fold', 'projection.write']) {
      const span = named(step).find((s) => parentOf(s) === batch!.spanContext().spanId);
      expect(span, step).toBeDefined();
    }
  });
});
