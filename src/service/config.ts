/**
 * Service configuration from environment variables, validated with zod so a typo fails at start
 * with every problem named, rather than as a confusing runtime error later.
 */
import { z } from 'zod';

export interface ServiceConfig {
  /** PostgreSQL URL; when absent the embedded PGlite store in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Persona webhook secrets (several during rotation). Empty: the Persona route refuses deliveries. */
  personaSecrets: string[];
  /** AiPrise API key used for X-HMAC-SIGNATURE. Absent: the AiPrise route refuses deliveries. */
  aipriseApiKey: string | undefined;
  port: number;
  host: string;
  /** Largest accepted delivery body, bytes. */
  bodyLimit: number;
  signatureToleranceSeconds: number;
  /** Bearer token for the read API; absent means the read API is not exposed. */
  apiToken: string | undefined;
  /** API_TOKENS_FILE: named tokens with scopes, stored as hashes (docs/api.md, "Tokens and scopes"). */
  apiTokensFile: string | undefined;
  /**
   * pino level of the service's log (LOG_LEVEL, default info). Every delivery gets a line at debug;
   * quarantined ones at info, rejected ones at warn, failures at error.
   */
  logLevel: LogLevel;
  /** READY_MAX_LAG_S (default 60): /ready is 503 while a projection's oldest unapplied event is older. */
  readyMaxLagSeconds: number;
  /** What `serve` runs (SERVE_ROLE; the --role flag wins): all, intake only, or projections only. */
  role: ServeRole;
  /**
   * PROJECTION_PARTITIONS: partitions of the projections when they run partitioned (PostgreSQL,
   * `--role projector`, or `all` with the variable set). `undefined` when unset (default 8).
   */
  projectionPartitions: number | undefined;
  /** PROJECTION_LEASE_MS: a partition lease's time-to-live (default 5000); members heartbeat five times per lease. */
  projectionLeaseMs: number;
  /** A streaming replica of DATABASE_URL for state, timeline and exports (READ_DATABASE_URL). */
  readDatabaseUrl: string | undefined;
  /**
   * RECORD_MASTER_KEY: wraps the per-subject data keys that seal stored events (docs/record.md).
   * Absent: events are stored as they come and erasure can only mask.
   */
  recordMasterKey: string | undefined;
  /** RECORD_MASTER_KEY_PREVIOUS: master keys of before a rotation, comma separated (docs/record.md). */
  recordPreviousMasterKeys: string[];
  /** RECORD_RETENTION_YEARS: years a subject is kept after its last event before purge (default 5). */
  recordRetentionYears: number;
  /** PERSONA_API_KEY, PERSONA_API_BASE, PERSONA_VERSION: Persona's REST API, for backfill. */
  personaApiKey: string | undefined;
  personaApiBase: string | undefined;
  personaVersion: string | undefined;
}

export const SERVE_ROLES = ['all', 'intake', 'projector'] as const;
export type ServeRole = (typeof SERVE_ROLES)[number];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Unset and empty are the same thing (env files often carry `NAME=`). */
/** 32 bytes as 64 hex digits or base64: checked without echoing the value in any message. */
function isMasterKeyText(v: string): boolean {
  return (
    /^[0-9a-fA-F]{64}$/.test(v) || (/^[A-Za-z0-9+/=_-]+$/.test(v) && Buffer.from(v, 'base64').length === 32)
  );
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

function integer(name: string, fallback: number, min: number, max: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number between ${min} and ${max}, got "${v}"`,
        });
        return z.NEVER;
      }
      return n;
    });
}

const envSchema = z.object({
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'DATABASE_URL must start with postgres:// or postgresql://',
  }),
  DATA_DIR: optionalText.transform((v) => v ?? './data'),
  PERSONA_WEBHOOK_SECRETS: optionalText.transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  AIPRISE_API_KEY: optionalText,
  PORT: integer('PORT', 3000, 0, 65535),
  HOST: optionalText.transform((v) => v ?? '0.0.0.0'),
  BODY_LIMIT: integer('BODY_LIMIT', 1024 * 1024, 1024, 64 * 1024 * 1024),
  SIGNATURE_TOLERANCE_S: integer('SIGNATURE_TOLERANCE_S', 300, 1, 7 * 24 * 3600),
  API_TOKEN: optionalText.refine((v) => v === undefined || v.length >= 16, {
    message: 'API_TOKEN must be at least 16 characters',
  }),
  READY_MAX_LAG_S: integer('READY_MAX_LAG_S', 60, 1, 7 * 24 * 3600),
  API_TOKENS_FILE: optionalText,
  SERVE_ROLE: optionalText.pipe(
    z.enum(SERVE_ROLES, { message: `SERVE_ROLE must be one of ${SERVE_ROLES.join(', ')}` }).default('all'),
  ),
  PROJECTION_PARTITIONS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, { message: 'PROJECTION_PARTITIONS must be a whole number between 1 and 256' })
      .transform(Number)
      .refine((n) => n >= 1 && n <= 256, {
        message: 'PROJECTION_PARTITIONS must be a whole number between 1 and 256',
      })
      .optional(),
  ),
  PROJECTION_LEASE_MS: integer('PROJECTION_LEASE_MS', 5000, 500, 600_000),
  READ_DATABASE_URL: optionalText.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'READ_DATABASE_URL must start with postgres:// or postgresql://',
  }),
  RECORD_MASTER_KEY: optionalText.refine((v) => v === undefined || isMasterKeyText(v), {
    message: 'RECORD_MASTER_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)',
  }),
  RECORD_MASTER_KEY_PREVIOUS: optionalText
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
    )
    .refine((keys) => keys.every(isMasterKeyText), {
      message:
        'RECORD_MASTER_KEY_PREVIOUS must be master keys (32 bytes as 64 hex digits or base64), comma separated',
    }),
  PERSONA_API_KEY: optionalText,
  PERSONA_API_BASE: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'PERSONA_API_BASE must start with http:// or https://',
  }),
  PERSONA_VERSION: optionalText,
  RECORD_RETENTION_YEARS: integer('RECORD_RETENTION_YEARS', 5, 1, 100),
  LOG_LEVEL: optionalText.pipe(
    z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
});

/** Reads and validates the configuration; throws ConfigError listing every problem (never values of secrets). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    personaSecrets: e.PERSONA_WEBHOOK_SECRETS,
    aipriseApiKey: e.AIPRISE_API_KEY,
    port: e.PORT,
    host: e.HOST,
    bodyLimit: e.BODY_LIMIT,
    signatureToleranceSeconds: e.SIGNATURE_TOLERANCE_S,
    apiToken: e.API_TOKEN,
    apiTokensFile: e.API_TOKENS_FILE,
    logLevel: e.LOG_LEVEL,
    readyMaxLagSeconds: e.READY_MAX_LAG_S,
    role: e.SERVE_ROLE,
    projectionPartitions: e.PROJECTION_PARTITIONS,
    projectionLeaseMs: e.PROJECTION_LEASE_MS,
    readDatabaseUrl: e.READ_DATABASE_URL,
    recordMasterKey: e.RECORD_MASTER_KEY,
    recordPreviousMasterKeys: e.RECORD_MASTER_KEY_PREVIOUS,
    recordRetentionYears: e.RECORD_RETENTION_YEARS,
    personaApiKey: e.PERSONA_API_KEY,
    personaApiBase: e.PERSONA_API_BASE,
    personaVersion: e.PERSONA_VERSION,
  };
}
