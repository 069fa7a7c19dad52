/**
 * serve: the webhook intake, the projection runners following live, and the read API (when
 * API_TOKEN is set) in one process, until SIGINT or SIGTERM. Shutdown stops taking requests, lets
 * those in flight finish, stops the runners at a batch boundary and closes the database.
 */
import pino from 'pino';
import { buildIntakeServer, closeGracefully } from '../../intake/http/server.js';
import { compose } from '../../projector/composition.js';
import { registerReadApi } from '../../http/read-routes.js';
import { projectorOptions, readEnvironment } from '../env.js';
import { CliError, ExitCode } from '../exit-codes.js';

export interface ServeFlags {
  port?: string;
  host?: string;
}

export async function serveCommand(flags: ServeFlags): Promise<number> {
  const env = readEnvironment();
  const port = flags.port === undefined ? env.config.port : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError('--port must be 0-65535', ExitCode.usage);
  const host = flags.host ?? env.config.host;
  // The validated level: an empty or unknown LOG_LEVEL is refused at start (config.ts), never passed on.
  const logger = pino({ name: 'profile-projector', level: env.config.logLevel });

  const composition = await compose(projectorOptions(env, { logger }));
  const { app } = buildIntakeServer({
    intake: composition.intake,
    ready: () => composition.projector.ready(),
    logger,
    bodyLimit: env.config.bodyLimit,
  });
  const readApi = await registerReadApi(app, { queries: composition.projector, token: env.config.apiToken });
  if (!readApi)
    logger.warn('read API off: set API_TOKEN to serve /v1/state, /v1/timeline and /v1/by-reference');

  try {
    await app.listen({ port, host });
  } catch (error) {
    await composition.projector.close();
    throw error;
  }
  logger.info({ store: env.describe, readApi }, 'profile-projector serving');

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await closeGracefully(app);
  await composition.projector.close();
  logger.info('stopped');
  return ExitCode.ok;
}
