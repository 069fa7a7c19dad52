/**
 * The HTTP service as one call: the composition (store, quarantine, projections, intake), the
 * webhook routes with health, readiness and metrics, and the read API when a token is given,
 * listening on a port. `serve`, `demo` and the tests that need the real HTTP stack all start it
 * here, so they run the same wiring.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { compose, type ComposeOptions, type Composition } from '../projector/composition.js';
import { SERVICE_READ_WAIT_MS } from '../projector/read-your-writes.js';
import type { ProjectorOptions } from '../projector/types.js';
import { migrateAccessLog, SqlAccessLog, type AccessLog } from '../access/access-log.js';
import type { TokenRegistry } from '../access/tokens.js';
import { loadTokenRegistry } from './access-config.js';
import { registerConsole } from './console/console-routes.js';
import { registerExportRoutes } from './export-routes.js';
import { remoteProjections, startPartitionedProjections } from '../projector/partitioned-projections.js';
import type { ServeRole } from './config.js';
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
  /**
   * `all` (default): everything in this process. `intake`: webhooks and reads, no projection
   * runner (reads wait on the projector processes' checkpoints). `projector`: the projections,
   * partitioned, with /health, /ready and /metrics only. The two split roles need PostgreSQL.
   */
  role?: ServeRole;
  /**
   * Run the projections partitioned (PostgreSQL) with this many partitions. `projector` always
   * does (default 8); `all` does only when this is given.
   */
  partitions?: number;
  /** Lease and heartbeat of partitioned members (tests shorten them). */
  partitionTiming?: { leaseMs?: number; heartbeatMs?: number };
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

/** The role's projections, when it is not the default single runner per projection. */
function projectionsFor(options: ServiceOptions, registry: Registry): ComposeOptions['projections'] {
  const role = options.role ?? 'all';
  const store = options.projector.store;
  const postgres = typeof store === 'object' && 'postgres' in store && !('kurrentdb' in store);
  if (role !== 'all' && !postgres)
    throw new RangeError(
      `serve --role ${role} needs the PostgreSQL store (DATABASE_URL): several processes share one database`,
    );
  if (role === 'intake') return async (opened) => remoteProjections(opened.store, opened.sql);
  const partitions = role === 'projector' ? (options.partitions ?? 8) : options.partitions;
  if (partitions === undefined) return undefined;
  if (!postgres) throw new RangeError('partitioned projections need the PostgreSQL store (DATABASE_URL)');
  const { logger } = options;
  return (opened) =>
    startPartitionedProjections(opened.store, opened.sql, {
      partitions,
      registry,
      ...(logger ? { logger } : {}),
      ...options.partitionTiming,
    });
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
  const registry = new Registry();
  const projections = projectionsFor(options, registry);
  const composition = await compose(
    {
      readWaitMs: SERVICE_READ_WAIT_MS,
      ...options.projector,
      ...(logger ? { logger } : {}),
    },
    { ...options.compose, ...(projections ? { projections } : {}) },
  );
  const role = options.role ?? 'all';
  const { app } = buildIntakeServer({
    intake: composition.intake,
    ready: () => composition.projector.ready(),
    projections: () => composition.projector.projections.status(),
    ...(options.readyMaxLagSeconds !== undefined ? { readyMaxLagSeconds: options.readyMaxLagSeconds } : {}),
    registry,
    webhooks: role !== 'projector',
    ...(logger ? { logger } : {}),
    ...(options.bodyLimit !== undefined ? { bodyLimit: options.bodyLimit } : {}),
  });
  let readApi = false;
  const accessLog = new SqlAccessLog(composition.opened.sql);
  try {
    const { opened } = composition;
    await migrateAccessLog(opened.sql, opened.schema === 'public' ? {} : { schema: opened.schema });
    if (role !== 'projector') {
      const access = { tokens, log: accessLog };
      readApi = await registerReadApi(app, { queries: composition.projector, token: undefined, access });
      await registerExportRoutes(app, { source: composition.projector, access });
      await registerConsole(app, { composition, access });
    }
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
