/**
 * The HTTP service as one call: the composition (store, quarantine, projections, intake), the
 * webhook routes with health, readiness and metrics, and the read API when a token is given,
 * listening on a port. `serve`, `demo` and the tests that need the real HTTP stack all start it
 * here, so they run the same wiring.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { compose, type ComposeOptions, type Composition } from '../projector/composition.js';
import { SERVICE_READ_WAIT_MS } from '../projector/read-your-writes.js';
import type { ProjectorOptions } from '../projector/types.js';
import { migrateAccessLog, SqlAccessLog, type AccessLog } from '../access/access-log.js';
import type { TokenRegistry } from '../access/tokens.js';
import { loadTokenRegistry } from './access-config.js';
import { registerConsole } from './console/console-routes.js';
import { registerExportRoutes } from './export-routes.js';
import { registerReadApi } from './read-routes.js';
import { buildIntakeServer, closeGracefully } from './server.js';

export interface ServiceOptions {
  /** What the composition opens. */
  projector: ProjectorOptions;
  /** A pino logger for the server and the projections; omit for a silent service. */
  logger?: FastifyBaseLogger;
  compose?: ComposeOptions;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Largest delivery body, bytes (fastify's limit; the projector's bodyLimit is intake's). */
  bodyLimit?: number;
  /** API_TOKEN (every scope). The read API, exports and the console are served only with a token. */
  apiToken?: string;
  /** API_TOKENS_FILE: named tokens with scopes (docs/api.md). */
  apiTokensFile?: string;
  /** Tokens already loaded (tests); takes the place of apiToken and apiTokensFile. */
  tokens?: TokenRegistry;
  /** How long close() lets requests in flight finish before it destroys their sockets. Default 10 s. */
  closeTimeoutMs?: number;
  /** READY_MAX_LAG_S (server.ts). Default 60. */
  readyMaxLagSeconds?: number;
}

export interface Service {
  app: FastifyInstance;
  composition: Composition;
  /** `http://host:port` as bound. */
  baseUrl: string;
  port: number;
  /** Whether the read API, exports and the console are served (a token was given). */
  readApi: boolean;
  /** Every read of a subject's data (read API, exports, console). */
  accessLog: AccessLog;
  /** Stops taking requests, lets those in flight finish, stops the projections, closes the database. */
  close(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const { logger } = options;
  // Before anything opens: a malformed tokens file stops the start with its problems named.
  const tokens =
    options.tokens ??
    loadTokenRegistry({
      ...(options.apiToken ? { apiToken: options.apiToken } : {}),
      ...(options.apiTokensFile ? { apiTokensFile: options.apiTokensFile } : {}),
    });
  const composition = await compose(
    {
      readWaitMs: SERVICE_READ_WAIT_MS,
      ...options.projector,
      ...(logger ? { logger } : {}),
    },
    options.compose,
  );
  const { app } = buildIntakeServer({
    intake: composition.intake,
    ready: () => composition.projector.ready(),
    projections: () => composition.projector.projections.status(),
    ...(options.readyMaxLagSeconds !== undefined ? { readyMaxLagSeconds: options.readyMaxLagSeconds } : {}),
    ...(logger ? { logger } : {}),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  });
  let readApi = false;
  const accessLog = new SqlAccessLog(composition.opened.sql);
  try {
    const { opened } = composition;
    await migrateAccessLog(opened.sql, opened.schema === 'public' ? {} : { schema: opened.schema });
    const access = { tokens, log: accessLog };
    readApi = await registerReadApi(app, { queries: composition.projector, token: undefined, access });
    await registerExportRoutes(app, { source: composition.projector, access });
    await registerConsole(app, { composition, access });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close().catch(() => undefined);
    await composition.projector.close();
    throw error;
  }
  const { address, port } = app.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closed: Promise<void> | undefined;
  return {
    app,
    composition,
    baseUrl: `http://${host}:${port}`,
    port,
    readApi,
    accessLog,
    close() {
      closed ??= (async () => {
        await closeGracefully(app, options.closeTimeoutMs);
        await composition.projector.close();
      })();
      return closed;
    },
  };
}
