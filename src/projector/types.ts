/**
 * The public shapes of the library API (design brief, "Public API contract"). src/index.ts
 * re-exports them; the composition that implements them lives beside this file.
 */
import type { AggregateKind, Source } from '../events/types.js';
import type { Change } from '../aggregates/aggregate.js';
import type { AggregateState, StateByKind } from '../aggregates/registry.js';
import type { IngestResult, ReplayResult } from '../intake/ingest-result.js';
import type {
  QuarantineEntry,
  QuarantineListOptions,
  QuarantineSummary,
} from '../intake/quarantine/quarantine.js';
import type { TimelineOptions } from '../timeline/options.js';
import type { TimelinePage } from '../timeline/entry.js';
import type { VerifyReport } from '../record/verify.js';
import type { ErasureReport } from '../record/erasure/erase.js';
import type { Hold } from '../record/retention/holds.js';
import type { PurgeReport } from '../record/retention/purge.js';
import type { RotationReport } from '../record/sealing/rotate-master-key.js';
import type { BackfillReport } from '../record/backfill/backfill.js';
import type { PersonaApiOptions } from '../record/backfill/persona-events-client.js';
import type { RebuildPlan, RebuildProgress, RebuildReport, RebuildResult } from '../projections/rebuild.js';
import type { ParkedEvent } from '../projections/parking/parked-table.js';
import type { ReplayReport, ReplaySelector } from '../projections/parking/replay.js';
import type { RunnerStatus } from '../projections/runner.js';
import type { ProjectionLag } from '../projections/lag.js';

export type { ParkedEvent, ReplayReport, ReplaySelector, RunnerStatus, ProjectionLag };

export type { RebuildPlan, RebuildProgress, RebuildReport, RebuildResult };

/**
 * Where events and read models live.
 * - `'memory'`: events in memory, read models in an in-memory PGlite; gone on close (tests, trials).
 * - `{ pglite: dir }`: the embedded default, everything in one PGlite data directory.
 * - `{ postgres: url }`: PostgreSQL; `schema` keeps several installations apart in one database.
 * - `{ kurrentdb: url, postgres: url }`: events in KurrentDB, read models in PostgreSQL.
 */
export type StoreOption =
  | 'memory'
  | { pglite: string }
  | { postgres: string; schema?: string }
  | { kurrentdb: string; postgres: string; schema?: string };

/** Options of {@link openProjector}. */
export interface ProjectorOptions {
  store: StoreOption;
  /** Webhook secrets: Persona's (several during rotation) and AiPrise's API key. */
  secrets?: { persona?: string[]; aiprise?: string };
  /**
   * Library only: accept deliveries without a signature check (trusted imports, tests). Without it a
   * source with no secret configured is `rejected` with a reason that says so.
   */
  allowUnsigned?: boolean;
  /** Persona signature timestamp tolerance in seconds. Default 300. */
  signatureToleranceSeconds?: number;
  /** Largest delivery body `ingest` accepts, in bytes (the service's BODY_LIMIT). Default 1 MiB. */
  bodyLimit?: number;
  /** The compliance record (docs/record.md). */
  record?: RecordOptions;
  /** Where the projections report recovered errors and switch-overs; default silent. */
  logger?: ProjectorLogger;
  /**
   * How long a read waits for the projections to apply this projector's own writes
   * (read-your-writes) before it throws ProjectionsBehindError instead. Default 30000 ms (the
   * service, startService, uses 5000 unless given one).
   */
  readWaitMs?: number;
  /**
   * A streaming replica of the PostgreSQL store (READ_DATABASE_URL): state, by-reference and
   * timeline reads go there, with read-your-writes (docs/scaling.md, "Reads from a replica").
   */
  readDatabaseUrl?: string;
  /** How long a read after a write waits for the replica to replay it before reading the primary. Default 2000 ms. */
  replicaWaitMs?: number;
}

/** One projection as this process sees it. */
export interface ProjectionStatus {
  name: string;
  /** This process's runner, or null when another process keeps the projection current. */
  runner: RunnerStatus | null;
  lag: ProjectionLag;
  /** Events parked in the active build (their streams are stale). */
  parked: number;
}

/** The projections: what they are doing, and the events they parked (dead letters). */
export interface ProjectionsApi {
  status(): Promise<ProjectionStatus[]>;
  /** Parked events of the active builds, by projection, stream and stream version. */
  parked(options?: { projection?: string; streamId?: string }): Promise<ParkedEvent[]>;
  /**
   * Applies parked events again: `{ eventId }` replays that event's stream (a stream's parked
   * events go together, in order), `{ all: true }` every stream. What fails again stays parked.
   */
  replay(selector: ReplaySelector): Promise<ReplayReport>;
}

export type { AggregateState, StateByKind };

/** The slice of a pino logger the projector uses (pino.Logger fits). Logs carry ids, never PII. */
export interface ProjectorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Options of `ingest()`. */
export interface IngestCallOptions {
  /**
   * When the delivery was received; default now. For imports of archived deliveries whose receipt
   * time is known: AiPrise events are ordered by it (AiPrise documents no event time), and a
   * Persona signature's timestamp is checked against it.
   */
  receivedAt?: Date | string;
}

/** Options of `state()`: both fold the stream from the event store instead of reading the read model. */
export interface StateOptions {
  /** The state as it was at this time: events that occurred at or before it. */
  asOf?: Date | string;
  /** The state after this many events (in fold order). */
  version?: number;
}

/** One aggregate found by `byReference()`. */
export interface ReferenceMatch {
  kind: AggregateKind;
  id: string;
  source: Source;
  state: AggregateState;
}

/** What `byReference()` returns: every aggregate that names the reference, across both vendors. */
export interface ReferenceResult {
  referenceId: string;
  aggregates: ReferenceMatch[];
}

/** Options of `projector.rebuild()`. */
export interface RebuildOptions {
  /** Only these projections (by name); default all. */
  projections?: string[];
  /** Report what would be rebuilt and how many events it would read, change nothing. */
  dryRun?: boolean;
  onProgress?: (progress: RebuildProgress) => void;
}

/** Quarantined deliveries: bodies whose signature was fine but that did not parse or validate. */
export interface QuarantineApi {
  list(options?: QuarantineListOptions): Promise<QuarantineSummary[]>;
  show(id: string): Promise<QuarantineEntry | null>;
  /** Runs one entry (or every pending one with `'all'`) through intake again. */
  replay(id: string | 'all'): Promise<ReplayResult[]>;
}

/** Options of the compliance record. */
export interface RecordOptions {
  /**
   * The master key that wraps the per-subject data keys: 32 bytes, or 64 hex digits / base64 text
   * (the CLI and service read RECORD_MASTER_KEY). With it, events are stored sealed and erasure
   * shreds them; without it they are stored as they come and erasure can only mask.
   */
  masterKey?: string | Uint8Array;
  /**
   * Master keys of before a rotation (the CLI and service read RECORD_MASTER_KEY_PREVIOUS, comma
   * separated): data keys still wrapped by one of them open, until `record.rotateMasterKey()` has
   * rewrapped them all with `masterKey`.
   */
  previousMasterKeys?: readonly (string | Uint8Array)[];
  /** Years a subject is kept after its last event before `purge` removes it. Default 5. */
  retentionYears?: number;
  /** Persona's API for `backfill` (the CLI reads PERSONA_API_KEY, PERSONA_API_BASE, PERSONA_VERSION). */
  personaApi?: PersonaApiOptions;
}

/** Options of `projector.backfill()`. */
export interface BackfillCallOptions {
  /** Stop at events created before this time. */
  since?: Date | string;
  /** Start after this event id. */
  after?: string;
  /** Only these event names (`filter[name]`). */
  names?: string[];
  /** Only events about this object (`filter[object-id]`). */
  objectId?: string;
  /** List and reconcile only; store nothing. */
  dryRun?: boolean;
  onProgress?: (progress: { pages: number; listed: number }) => void;
}

/** Options of `record.purge()`. */
export interface PurgeCallOptions {
  /** Report what would be purged, change nothing. */
  dryRun?: boolean;
  /** Count the retention back from this time instead of now (plan ahead with dryRun). */
  asOf?: Date | string;
  /** Who purges (kept in the record); default `operator`. */
  actor?: string;
}

/** Options of `record.erase()`. */
export interface EraseOptions {
  /** Why (kept in the record; say why, not who the person is). */
  reason: string;
  /** Who asked; default `operator`. */
  actor?: string;
}

/** The compliance record (docs/record.md). */
export interface RecordApi {
  /**
   * Chains every event stored so far (when this process keeps the chain), then walks the chain
   * against the store and reports the first link that breaks (changed, missing, reordered).
   */
  verify(): Promise<VerifyReport>;
  /**
   * Erases a subject: destroys the data keys of its stream and of the streams that name it, so
   * their stored bodies and data read as erased, and folds it as redacted everywhere. Throws
   * SubjectNotFoundError when nothing is stored for it.
   */
  erase(kind: string, id: string, options: EraseOptions): Promise<ErasureReport>;
  /** Places (or renews) a legal hold: the subject, and the streams naming it, are never purged. */
  hold(kind: string, id: string, options: { reason: string; actor?: string }): Promise<Hold>;
  /** Releases a hold; null when none was in force. */
  release(kind: string, id: string, options?: { actor?: string }): Promise<Hold | null>;
  /** Holds in force. */
  holds(): Promise<Hold[]>;
  /**
   * Removes the subjects past retention and not on hold from events, read models and quarantine,
   * and records the purge. SQL stores only (PurgeUnsupportedError otherwise). Verifies the chain
   * first and refuses (ChainBrokenError) when it is broken, so a purge never removes tampered rows.
   */
  purge(options?: PurgeCallOptions): Promise<PurgeReport>;
  /**
   * Rewraps every data key still wrapped by a previous master key (`previousMasterKeys`) with the
   * current one; events are not rewritten. Throws RangeError without a master key.
   */
  rotateMasterKey(options?: { onProgress?: (report: RotationReport) => void }): Promise<RotationReport>;
}

export type {
  VerifyReport,
  ErasureReport,
  Hold,
  PurgeReport,
  BackfillReport,
  PersonaApiOptions,
  RotationReport,
};

/** The library API. Open with {@link openProjector}, close with `close()`. */
export interface Projector {
  /**
   * Verifies, parses and appends one webhook delivery. Pass the raw body exactly as received.
   * Never throws for bad input: the outcome says what happened and why.
   */
  ingest(
    source: Source,
    rawBody: string | Uint8Array,
    headers?: Record<string, string>,
    options?: IngestCallOptions,
  ): Promise<IngestResult>;
  /**
   * Current state of an aggregate, or null when it has no events. Reads the `aggregate_state` read
   * model in one query after the projections have caught up with everything appended through this
   * projector (read-your-writes). `asOf` / `version` fold the stream from the event store instead.
   */
  state<K extends AggregateKind>(kind: K, id: string, options?: StateOptions): Promise<StateByKind[K] | null>;
  /** Every aggregate of one person across both vendors: Persona `reference-id`, AiPrise `client_reference_id`. */
  byReference(referenceId: string): Promise<ReferenceResult>;
  /**
   * One page of a subject's audit timeline; `stale: true` when the subject's stream has a parked
   * event (its entries stop before it until it is replayed).
   */
  timeline(kind: string, id: string, options?: TimelineOptions): Promise<TimelinePage & { stale?: true }>;
  /** Waits until the projections have applied every event stored when it was called. */
  catchUp(): Promise<void>;
  /** Rebuilds the read models from the first event beside the current ones, then switches over. */
  rebuild(options?: RebuildOptions): Promise<RebuildReport>;
  readonly quarantine: QuarantineApi;
  readonly projections: ProjectionsApi;
  readonly record: RecordApi;
  /**
   * Pages Persona's Events API (newest first) and stores what the store lacks through the import
   * path; resumable; the report lists, per event name, the ids that were missing (reconciliation).
   */
  backfill(source: 'persona', options?: BackfillCallOptions): Promise<BackfillReport>;
  /** True when the event store and the read-model database answer. */
  ready(): Promise<boolean>;
  /** Stops the projections and closes every connection. */
  close(): Promise<void>;
}

export type { Change };
