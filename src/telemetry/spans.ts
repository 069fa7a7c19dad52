/**
 * Trace spans through @opentelemetry/api only: without an SDK registered (service/tracing.ts
 * starts one when OTEL_* variables ask for it) every call here is a no-op. Attributes carry ids,
 * types and counts, never PII or bodies.
 */
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('profile-projector');

/** Runs `work` in an active span (children nest under it); a throw is recorded and rethrown. */
export async function inSpan<R>(
  name: string,
  attributes: Attributes,
  work: (span: Span) => Promise<R>,
): Promise<R> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

function markFailed(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** The synchronous form, for steps that do no I/O (signature check, parse). */
export function inSpanSync<R>(name: string, attributes: Attributes, work: (span: Span) => R): R {
  return tracer.startActiveSpan(name, { attributes }, (span) => {
    try {
      return work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}
