/**
 * The intake HTTP service: webhook routes, health, readiness and metrics on one fastify instance.
 * The composition root may register more routes (the read API) on the returned instance before
 * `listen`, and passes its own pino logger so every line shares one format.
 */
import fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { Source } from '../events/types.js';
import type { Intake } from '../intake/intake.js';
import { DEFAULT_MAX_BYTES } from '../intake/intake.js';
import { registerHttpMetrics } from './http-metrics.js';
import {
  createIntakeMetrics,
  registerProjectionMetrics,
  type IntakeMetrics,
  type ProjectionStatusSource,
} from './metrics.js';
import { DEFAULT_READY_MAX_LAG_S, judgeReadiness } from './readiness.js';
import { answerClientError, NOT_FOUND, productError } from './http-errors.js';
import { webhookRoutes } from './webhook-routes.js';

export interface IntakeServerOptions {
  intake: Intake;
  /** True when the store answers; GET /ready reports it. Should not throw (a throw counts as not ready). */
  ready: () => Promise<boolean>;
  /** The projections' status, for /ready (stopped, parked, lag) and /metrics; omitted: not checked. */
  projections?: ProjectionStatusSource;
  /** READY_MAX_LAG_S: /ready is 503 while a projection's oldest unapplied event is older. Default 60. */
  readyMaxLagSeconds?: number;
  /** A pino logger (pino.Logger fits); omit for a silent server (tests). */
  logger?: FastifyBaseLogger;
  /** Largest delivery body, bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Registry to put intake metrics on; default a fresh one per server. */
  registry?: Registry;
  /**
   * A request (headers and body) that takes longer to arrive is answered 408 and its socket closed;
   * vendors wait about 5 s. Default 10 s.
   */
  requestTimeoutMs?: number;
  /** False: no webhook routes (a `serve --role projector` process). Default true. */
  webhooks?: boolean;
}

export interface IntakeServer {
  app: FastifyInstance;
  metrics: IntakeMetrics;
}

const SOURCES: Source[] = ['persona', 'aiprise'];

export function buildIntakeServer(options: IntakeServerOptions): IntakeServer {
  const bodyLimit = options.bodyLimit ?? DEFAULT_MAX_BYTES;
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  const app = fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // The route logs one line per delivery (ids and outcome; stored ones at debug); fastify's own
    // per-request lines would add two more per delivery and say less.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    requestTimeout,
    // Node checks the request and header deadlines only every connectionsCheckingInterval (30 s by
    // default), so a slow sender was held up to 40 s; checking every second keeps the bound near
    // requestTimeout. Headers get the same deadline (Node's default is 60 s).
    http: {
      headersTimeout: requestTimeout,
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(requestTimeout / 4))),
    },
    clientErrorHandler: answerClientError,
    // Idle keep-alive sockets close at shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const metrics = createIntakeMetrics(options.registry);
  if (options.projections) registerProjectionMetrics(metrics.registry, options.projections);

  const webhooks = options.webhooks !== false;
  for (const source of webhooks ? SOURCES : []) {
    if (!options.intake.canVerify(source)) {
      app.log.warn(
        { source },
        `${source} webhooks are refused: no secret configured (${source === 'persona' ? 'PERSONA_WEBHOOK_SECRETS' : 'AIPRISE_API_KEY'})`,
      );
    }
  }

  // Stable codes and product messages for whatever no route answers itself (framework errors
  // included); the webhook and read routes set their own handlers over the same mapping.
  app.setErrorHandler((error, request, reply) => {
    const answer = productError(error, bodyLimit);
    if (answer.status >= 500) {
      const { name, code } = error as { name?: unknown; code?: unknown };
      request.log.error({ err: { name, code } }, 'request failed');
    }
    return reply.code(answer.status).send({ error: answer.code, message: answer.message });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(NOT_FOUND.status).send({ error: NOT_FOUND.code, message: NOT_FOUND.message }),
  );

  registerHttpMetrics(app, metrics.registry);
  if (webhooks)
    void app.register(webhookRoutes, { intake: options.intake, metrics, bodyLimit, sources: SOURCES });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const database = await options.ready().catch(() => false);
    // With the database away the projections cannot be read either: that one reason says it.
    const projections = !database
      ? undefined
      : options.projections
        ? await options.projections().catch(() => undefined)
        : [];
    const { ready, reasons } = judgeReadiness({
      database,
      projections,
      maxLagSeconds: options.readyMaxLagSeconds ?? DEFAULT_READY_MAX_LAG_S,
    });
    if (!ready) void reply.header('retry-after', '5');
    return reply.code(ready ? 200 : 503).send({ ready, ...(ready ? {} : { reasons }) });
  });

  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  return { app, metrics };
}

/**
 * Stops accepting connections, lets requests in flight finish, then resolves. After `timeoutMs`
 * the remaining sockets are destroyed so shutdown cannot hang on a stuck client.
 */
export async function closeGracefully(app: FastifyInstance, timeoutMs = 10_000): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), timeoutMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
