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
import { createIntakeMetrics, type IntakeMetrics } from './metrics.js';
import { webhookRoutes } from './webhook-routes.js';

export interface IntakeServerOptions {
  intake: Intake;
  /** True when the store answers; GET /ready reports it. Should not throw (a throw counts as not ready). */
  ready: () => Promise<boolean>;
  /** A pino logger (pino.Logger fits); omit for a silent server (tests). */
  logger?: FastifyBaseLogger;
  /** Largest delivery body, bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Registry to put intake metrics on; default a fresh one per server. */
  registry?: Registry;
  /** Requests that take longer are answered 408 by Node; vendors wait about 5 s. Default 10 s. */
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
  const app = fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    // The route logs one line per delivery (ids and outcome; stored ones at debug); fastify's own
    // per-request lines would add two more per delivery and say less.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    // Idle keep-alive sockets close at shutdown; requests in flight finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const metrics = createIntakeMetrics(options.registry);

  const webhooks = options.webhooks !== false;
  for (const source of webhooks ? SOURCES : []) {
    if (!options.intake.canVerify(source)) {
      app.log.warn(
        { source },
        `${source} webhooks are refused: no secret configured (${source === 'persona' ? 'PERSONA_WEBHOOK_SECRETS' : 'AIPRISE_API_KEY'})`,
      );
    }
  }

  registerHttpMetrics(app, metrics.registry);
  if (webhooks)
    void app.register(webhookRoutes, { intake: options.intake, metrics, bodyLimit, sources: SOURCES });

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (_request, reply) => {
    const ready = await options.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ ready });
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
