/**
 * serve: the webhook intake, the projection runners following live, and the read API (when
 * API_TOKEN is set) in one process, or one role of them (--role intake|projector, docs/scaling.md), until a signal (SIGINT, SIGTERM, …). Shutdown stops taking
 * requests, lets those in flight finish, stops the runners at a batch boundary and closes the
 * database; close-with-grace exits the process when that is done, or after 10 s whatever is left.
 */
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { startService } from '../../service/start-service.js';
import { startTracing } from '../../service/tracing.js';
import { projectorOptions, readEnvironment } from '../env.js';
import { CliError, ExitCode } from '../exit-codes.js';
import { SERVE_ROLES, type ServeRole } from '../../service/config.js';

export interface ServeFlags {
  port?: string;
  host?: string;
  role?: string;
}

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 10_000;

export async function serveCommand(flags: ServeFlags): Promise<number> {
  const env = readEnvironment();
  const port = flags.port === undefined ? env.config.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('--port must be 0-65535', ExitCode.usage);
  const host = flags.host ?? env.config.host;
  const role = (flags.role ?? env.config.role) as ServeRole;
  if (!SERVE_ROLES.includes(role))
    throw new CliError(`--role must be one of ${SERVE_ROLES.join(', ')}`, ExitCode.usage);
  if (role !== 'all' && !env.config.databaseUrl)
    throw new CliError(
      `--role ${role} needs DATABASE_URL: intake and projector processes share one PostgreSQL database`,
      ExitCode.usage,
    );
  // The validated level: an empty or unknown LOG_LEVEL is refused at start (config.ts), never passed on.
  const logger = pino({ name: 'profile-projector', level: env.config.logLevel });

  // OpenTelemetry only when the OTEL_* variables ask for it (tracing.ts).
  const tracing = await startTracing();
  const service = await startService({
    projector: projectorOptions(env),
    logger,
    port,
    host,
    bodyLimit: env.config.bodyLimit,
    ...(env.config.apiToken ? { apiToken: env.config.apiToken } : {}),
    ...(env.config.apiTokensFile ? { apiTokensFile: env.config.apiTokensFile } : {}),
    readyMaxLagSeconds: env.config.readyMaxLagSeconds,
    role,
    partitionTiming: {
      leaseMs: env.config.projectionLeaseMs,
      heartbeatMs: Math.max(100, Math.round(env.config.projectionLeaseMs / 5)),
    },
    ...(env.config.projectionPartitions !== undefined ? { partitions: env.config.projectionPartitions } : {}),
  }).catch(async (error: unknown) => {
    await tracing?.shutdown().catch(() => undefined);
    throw error;
  });
  if (!service.readApi && role !== 'projector')
    logger.warn(
      'read API off: set API_TOKEN or API_TOKENS_FILE to serve /v1/state, /v1/timeline, /v1/by-reference, /v1/export and /console/',
    );
  logger.info({ store: env.describe, role, readApi: service.readApi }, 'profile-projector serving');

  await new Promise<void>((resolve) => {
    closeWithGrace({ delay: SHUTDOWN_MS, logger: false }, async ({ signal, err }) => {
      if (err)
        logger.error({ err: { name: err.name, message: err.message } }, 'shutting down after an error');
      else logger.info({ signal }, 'shutting down');
      await service.close();
      await tracing?.shutdown().catch(() => undefined);
      logger.info('stopped');
      resolve();
    });
  });
  return ExitCode.ok;
}
