/**
 * POST /webhooks/persona and /webhooks/aiprise. Registered in their own encapsulated scope so the
 * catch-all Buffer parser (the HMAC needs the bytes exactly as sent) does not replace JSON parsing
 * for routes the composition root adds beside them.
 */
import { inRequestSpan } from './tracing.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Source } from '../events/types.js';
import type { IngestResult } from '../intake/ingest-result.js';
import type { Intake } from '../intake/intake.js';
import type { DeliveryOutcome, IntakeMetrics } from './metrics.js';
import { sendUnavailable, unavailableCode } from './unavailable.js';
import { productError } from './http-errors.js';

export interface WebhookRoutesOptions {
  intake: Intake;
  metrics: IntakeMetrics;
  bodyLimit: number;
  sources: Source[];
}

const UNCONFIGURED: Record<Source, string> = {
  persona: 'Persona webhooks are not configured on this server: set PERSONA_WEBHOOK_SECRETS',
  aiprise: 'AiPrise callbacks are not configured on this server: set AIPRISE_API_KEY',
};

/** The level of a delivery's log line, by outcome. */
const LOG_LEVELS = {
  appended: 'debug',
  duplicate: 'debug',
  quarantined: 'info',
  rejected: 'warn',
} as const satisfies Record<IngestResult['outcome'], 'debug' | 'info' | 'warn'>;

function statusFor(result: IngestResult): number {
  switch (result.outcome) {
    case 'appended':
    case 'duplicate':
      return 200;
    case 'quarantined':
      return 202;
    case 'rejected':
      if (result.code === 'too_large') return 413;
      // No secret: a configuration gap, not the sender's fault; 503 makes the vendor retry until it is fixed.
      if (result.code === 'no_secret') return 503;
      if (result.code === 'unknown_source') return 404;
      return 401;
  }
}

/** What the sender is told: never the body, never problem values. */
function responseBody(result: IngestResult): Record<string, unknown> {
  const out: Record<string, unknown> = { outcome: result.outcome };
  if (result.eventId) out.eventId = result.eventId;
  if (result.streamId) out.streamId = result.streamId;
  if (result.quarantineId) out.quarantineId = result.quarantineId;
  if (result.code) out.code = result.code;
  if (result.reason) out.reason = result.reason;
  return out;
}

export async function webhookRoutes(app: FastifyInstance, options: WebhookRoutesOptions): Promise<void> {
  const { intake, metrics } = options;
  const outcomes = new WeakMap<FastifyRequest, { source: Source; outcome: DeliveryOutcome }>();

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (_req, body, done) => {
    done(null, body);
  });

  // Counted on arrival, before the body is read, so oversize bodies are counted as received too.
  // Callback-style hooks: fastify runs them without creating a promise per request.
  app.addHook('onRequest', (request, _reply, done) => {
    const source = sourceOf(request);
    if (source) metrics.receivedFrom(source);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    const seen = outcomes.get(request);
    if (seen) metrics.record(seen.source, seen.outcome, reply.elapsedTime / 1000);
    done();
  });

  // Errors before the handler (oversize body, aborted upload) still count and still answer JSON.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const source = sourceOf(request);
    const answer = productError(error, options.bodyLimit);
    const status = answer.status;
    const outcome: DeliveryOutcome = status < 500 ? 'rejected' : 'error';
    if (source) outcomes.set(request, { source, outcome });
    request.log.warn({ source, outcome, status, code: error.code }, 'delivery refused');
    return reply.code(status).send({
      outcome: status < 500 ? 'rejected' : 'error',
      code: answer.code,
      reason: answer.message,
    });
  });

  for (const source of options.sources) {
    app.post(`/webhooks/${source}`, { bodyLimit: options.bodyLimit }, async (request, reply) => {
      if (!intake.canVerify(source)) {
        outcomes.set(request, { source, outcome: 'rejected' });
        request.log.warn({ source, outcome: 'rejected', code: 'no_secret' }, 'delivery refused');
        return reply.code(503).send({ outcome: 'rejected', code: 'no_secret', reason: UNCONFIGURED[source] });
      }
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      return inRequestSpan(request, reply, { 'delivery.source': source }, () =>
        handle(source, body, request, reply),
      );
    });
  }

  async function handle(source: Source, body: Buffer, request: FastifyRequest, reply: FastifyReply) {
    let result: IngestResult;
    try {
      result = await intake.ingest(source, body, request.headers, { requireSignature: true });
    } catch (error) {
      const unavailable = unavailableCode(error) !== undefined;
      outcomes.set(request, { source, outcome: unavailable ? 'unavailable' : 'error' });
      // Message only: driver errors can carry statement details, never needed to diagnose an outage.
      request.log.error(
        {
          source,
          outcome: unavailable ? 'unavailable' : 'error',
          err: { name: (error as Error).name, message: (error as Error).message },
        },
        'delivery failed',
      );
      if (unavailable) {
        return sendUnavailable(reply, 'database_unavailable', {
          outcome: 'unavailable',
          reason: 'event store unavailable, retry later',
        });
      }
      return reply.code(500).send({ outcome: 'error', reason: 'internal error' });
    }
    const status = statusFor(result);
    outcomes.set(request, { source, outcome: result.outcome });
    // Stored and duplicate deliveries are the bulk of the traffic: their lines are debug (LOG_LEVEL=debug
    // shows them); what needs a look (quarantined, rejected) stays visible at the default info.
    request.log[LOG_LEVELS[result.outcome]](
      {
        source,
        outcome: result.outcome,
        status,
        eventId: result.eventId,
        type: result.type,
        streamId: result.streamId,
        code: result.code,
        quarantineId: result.quarantineId,
      },
      'delivery',
    );
    return reply.code(status).send(responseBody(result));
  }
}

function sourceOf(request: FastifyRequest): Source | undefined {
  const url = request.routeOptions.url ?? request.url;
  if (url.endsWith('/persona')) return 'persona';
  if (url.endsWith('/aiprise')) return 'aiprise';
  return undefined;
}
