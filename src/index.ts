/**
 * profile-projector: the public library API.
 *
 * ```ts
 * import { openProjector } from 'profile-projector';
 * const projector = await openProjector({ store: { pglite: './data' }, secrets: { persona: ['wbhsec_…'] } });
 * await projector.ingest('persona', rawBody, headers);
 * const inquiry = await projector.state('inquiry', 'inq_123');
 * await projector.close();
 * ```
 *
 * See docs/api.md for every call, the read-your-writes rule and examples.
 * @packageDocumentation
 */
import { openProjector as open } from './projector/open-projector.js';
import type { Projector, ProjectorOptions } from './projector/types.js';

/**
 * Opens a projector on a store: runs migrations, starts the projections (or reads the ones another
 * process keeps current) and wires intake. Close it with `projector.close()`.
 *
 * @param options.store `'memory'`, `{ pglite: dir }`, `{ postgres: url }` or `{ kurrentdb: url, postgres: url }`.
 * @param options.secrets Persona webhook secrets (several during rotation) and the AiPrise API key.
 * @param options.allowUnsigned Accept deliveries without a signature check (trusted imports, tests).
 * @throws TypeError when the options are malformed; StoreUnavailableError when the database cannot be reached;
 *   NewerProjectionActiveError when the read models were built by a newer release of this package.
 */
export function openProjector(options: ProjectorOptions): Promise<Projector> {
  return open(options);
}

export type {
  /** The library API returned by openProjector. */
  Projector,
  ProjectorOptions,
  StoreOption,
  ProjectorLogger,
  StateOptions,
  IngestCallOptions,
  StateByKind,
  AggregateState,
  ReferenceMatch,
  ReferenceResult,
  RebuildOptions,
  RebuildPlan,
  RebuildProgress,
  RebuildReport,
  RebuildResult,
  QuarantineApi,
  ProjectionsApi,
  ProjectionStatus,
  ProjectionLag,
  RunnerStatus,
  ParkedEvent,
  ReplayReport,
  ReplaySelector,
  Change,
} from './projector/types.js';
export type { TimelineOptions } from './timeline/options.js';
export type { TimelineEntry, TimelineChange, TimelinePage } from './timeline/entry.js';
export type { TimelineOrder } from './timeline/cursor.js';
export type { IngestResult, IngestOutcome, ReplayResult, RejectionCode } from './intake/ingest-result.js';
export type {
  QuarantineEntry,
  QuarantineSummary,
  QuarantineListOptions,
} from './intake/quarantine/quarantine.js';
export type { Source, AggregateKind, Subject } from './events/types.js';
export type { AccountState } from './aggregates/account.js';
export type { CaseState } from './aggregates/case.js';
export type { InquiryState } from './aggregates/inquiry.js';
export type { UserProfileState } from './aggregates/user-profile.js';

/** A query option the caller got wrong (bad time, unknown cursor, limit out of range); `option` names it. */
export { InvalidQueryError } from './timeline/errors.js';
/** The database or event store could not be reached; nothing was written. Safe to retry. */
export { StoreUnavailableError } from './store/event-store.js';
/** openProjector: the active read models were built by a newer release; this one leaves them alone. */
export { NewerProjectionActiveError } from './projections/runner.js';
/** A read waited longer than readWaitMs for the projections to apply this projector's writes; retry later. */
export { ProjectionsBehindError } from './projector/read-your-writes.js';
/** rebuild: another process is rebuilding the same projection (or building it for its first start). */
export { ProjectionLockedError } from './projections/lock.js';
export { DataDirLockedError, DataDirUnusableError, type DataDirHolder } from './db/data-dir-lock.js';

/** Case files (docs/api.md, "GET /v1/export"): build one from a projector, render it as JSON, CSV or PDF. */
export { buildCaseFile } from './export/case-file.js';
export type {
  CaseFile,
  CaseFileOptions,
  CaseFileSource,
  CaseFileVerification,
  RecordChainHead,
} from './export/case-file.js';
export { renderCaseFile } from './export/render.js';
export type { ExportFormat } from './export/render.js';

export type {
  RecordApi,
  RecordOptions,
  EraseOptions,
  PurgeCallOptions,
  BackfillCallOptions,
  VerifyReport,
  ErasureReport,
  Hold,
  PurgeReport,
  BackfillReport,
  PersonaApiOptions,
  RotationReport,
} from './projector/types.js';
/** Reading a data key that none of the configured master keys opens (see rotateMasterKey). */
export { UnknownMasterKeyError } from './record/sealing/key-store.js';
export type { ChainBreak, BreakKind } from './record/verify.js';
/** record.purge: the chain is broken, so the purge refused (it would remove tampered rows). */
export { ChainBrokenError } from './record/verify.js';
/** record.erase: nothing is stored for that subject. */
export { SubjectNotFoundError } from './record/erasure/erase.js';
/** record.purge: the memory and KurrentDB stores cannot delete events. */
export { PurgeUnsupportedError } from './record/retention/purge.js';
/** backfill: no Persona API key configured; PersonaApiError: the API refused or kept failing. */
export { BackfillConfigError, PersonaApiError } from './record/backfill/persona-events-client.js';
