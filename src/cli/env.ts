/**
 * Where the CLI finds its data, from the environment (docs/cli.md): DATABASE_URL -> PostgreSQL,
 * else PGlite in DATA_DIR (default ./data); KURRENTDB_URL moves the events to KurrentDB (read
 * models stay in PostgreSQL, so it needs DATABASE_URL too). Secrets come from the same variables as
 * the service. Validated by the intake's zod config so the CLI and the service agree. DATABASE_SCHEMA
 * keeps several installations (or test runs) apart in one PostgreSQL database.
 */
import { isIdentifier } from '../db/identifiers.js';
import { loadConfig, ConfigError, type ServiceConfig } from '../service/config.js';
import type { ProjectorOptions, StoreOption } from '../projector/types.js';
import { CliError, ExitCode } from './exit-codes.js';

export interface CliEnvironment {
  config: ServiceConfig;
  store: StoreOption;
  /** Human description without credentials: `PostgreSQL 127.0.0.1:5432/test`, `PGlite ./data`. */
  describe: string;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export function readEnvironment(env: Record<string, string | undefined> = process.env): CliEnvironment {
  let config: ServiceConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, ExitCode.usage);
    throw error;
  }
  const kurrent = env.KURRENTDB_URL?.trim();
  if (kurrent) {
    if (!config.databaseUrl)
      throw new CliError(
        'KURRENTDB_URL needs DATABASE_URL too: the read models live in PostgreSQL',
        ExitCode.usage,
      );
    return {
      config,
      store: { kurrentdb: kurrent, postgres: config.databaseUrl },
      describe: `KurrentDB ${redactUrl(kurrent)} + PostgreSQL ${redactUrl(config.databaseUrl)}`,
    };
  }
  const schema = env.DATABASE_SCHEMA?.trim();
  if (schema !== undefined && schema !== '' && !isIdentifier(schema)) {
    throw new CliError(
      'DATABASE_SCHEMA must be a lower-case SQL identifier (letters, digits, _)',
      ExitCode.usage,
    );
  }
  if (config.databaseUrl) {
    return {
      config,
      store: { postgres: config.databaseUrl, ...(schema ? { schema } : {}) },
      describe: `PostgreSQL ${redactUrl(config.databaseUrl)}${schema ? ` schema ${schema}` : ''}`,
    };
  }
  return { config, store: { pglite: config.dataDir }, describe: `PGlite ${config.dataDir}` };
}

/** Projector options for CLI commands: the environment's store and secrets. */
export function projectorOptions(
  environment: CliEnvironment,
  extra: Partial<ProjectorOptions> = {},
): ProjectorOptions {
  const { config } = environment;
  const secrets: NonNullable<ProjectorOptions['secrets']> = {};
  if (config.personaSecrets.length) secrets.persona = config.personaSecrets;
  if (config.aipriseApiKey) secrets.aiprise = config.aipriseApiKey;
  return {
    store: environment.store,
    secrets,
    signatureToleranceSeconds: config.signatureToleranceSeconds,
    bodyLimit: config.bodyLimit,
    ...(config.readDatabaseUrl ? { readDatabaseUrl: config.readDatabaseUrl } : {}),
    record: {
      retentionYears: config.recordRetentionYears,
      ...(config.personaApiKey
        ? {
            personaApi: {
              apiKey: config.personaApiKey,
              ...(config.personaApiBase ? { baseUrl: config.personaApiBase } : {}),
              ...(config.personaVersion ? { personaVersion: config.personaVersion } : {}),
            },
          }
        : {}),
      ...(config.recordMasterKey ? { masterKey: config.recordMasterKey } : {}),
      ...(config.recordPreviousMasterKeys.length > 0
        ? { previousMasterKeys: config.recordPreviousMasterKeys }
        : {}),
    },
    ...extra,
  };
}
