/** Intake's public surface: verification, the intake path, quarantine, the HTTP service, import, config. */
export { createIntake, DEFAULT_MAX_BYTES } from './intake.js';
export type { Intake, IntakeOptions, IntakeSecrets, IngestOptions, DeliveryParser } from './intake.js';
export type { IngestResult, IngestOutcome, RejectionCode, ReplayResult } from './ingest-result.js';
export { GroupAppender } from './group-append.js';
export type { GroupAppendOptions, AppendOutcome } from './group-append.js';
export * from './quarantine/index.js';
export * from './signatures/index.js';
export { buildIntakeServer, closeGracefully } from './http/server.js';
export type { IntakeServer, IntakeServerOptions } from './http/server.js';
export { createIntakeMetrics } from './http/metrics.js';
export type { IntakeMetrics, DeliveryOutcome } from './http/metrics.js';
export { importNdjson } from './import.js';
export type { ImportOptions, ImportProgress } from './import.js';
export { loadConfig, ConfigError } from './config.js';
export type { ServiceConfig } from './config.js';
