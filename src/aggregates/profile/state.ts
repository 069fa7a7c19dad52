/** The state of an AiPrise user profile (src/aggregates/user-profile.ts folds it). */
import type { Dict } from '../../events/dict.js';
import type { MonitoringChange } from '../../events/domain/aiprise.js';
import type { EventMeta } from '../../events/domain/meta.js';
import type { JsonValue } from '../../events/types.js';
import type { BaseState } from '../aggregate.js';

export interface HistoryEntry<T> {
  /** occurredAt of the event that made `value` current. */
  at: string;
  eventId: string;
  value: T;
}

export interface ProfileSession {
  /** Hosted capture link (a bearer link: PII, cleared on redaction). */
  url: string | null;
  expiresAt: string | null;
  channel: string | null;
  email: string | null;
  /** Lifecycle: STARTED, SUBMITTED, COMPLETED. It only moves forward, whatever order events arrive in. */
  status: string | null;
  /** AiPrise run status: NOT_STARTED, COLLECTING, PROCESSING, COMPLETED, FAILED, PENDING (as sent). */
  runStatus: string | null;
  /** APPROVED, DECLINED, REVIEW, UNKNOWN (as sent). */
  decision: string | null;
  /** The case decision a reviewer or the API set (CASE_STATUS_UPDATE, RELATED_CASE_STATUS_UPDATE). */
  caseStatus: string | null;
  /** Why, as sent (`{code, message}` or text). */
  caseStatusReason: JsonValue | null;
  /** Who set the case decision. */
  decidedBy: string | null;
  templateId: string | null;
  /** Workflows that ran in this session (RUN_USER_VERIFICATION, RUN_DOCUMENT_CHECK, …). */
  runs: string[];
  /** Section details (SECTION_INFO_UPDATE), by section: PII. */
  sectionInfo: Dict<JsonValue>;
}

export interface ProfileDocument {
  mediaType: string | null;
  uploadedBy: string | null;
  uploadedAt: string | null;
  updatedAt: string | null;
  deletedAt: string | null;
  status: 'active' | 'deleted';
  url: string | null;
  /** Decision of a RUN_DOCUMENT_CHECK on this file. */
  checkResult: string | null;
}

export interface AmlHit {
  entityId: string | null;
  /** The listed entity's name, date of birth and aliases: PII, cleared on redaction. */
  name: string | null;
  dateOfBirth: string | null;
  alsoKnownAs: string[];
  entityType: string | null;
  hitTypes: string[];
  nameMatchScore: number | null;
  sessionId: string | null;
  /** Which list of ongoing monitoring last named the hit: NEW, UPDATED, REMOVED. */
  monitoringChange: MonitoringChange | null;
  /** RESOLVED, WHITELISTED, … */
  status: string | null;
  resolution: {
    status: string | null;
    comment: string | null;
    resolvedBy: string | null;
    resolvedAt: string;
  } | null;
}

export interface AmlMonitoring {
  enabled: boolean | null;
  status: string | null;
  previousStatus: string | null;
  monitoringRunId: string | null;
  /** Matches of the latest update (list entries name people: PII). */
  matches: JsonValue[];
  updatedAt: string | null;
}

export interface Ticket {
  status: string | null;
  reviewer: string | null;
  queue: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface ProfileComment {
  at: string;
  authorId: string | null;
  text: string | null;
  /** The session commented on (session-channel COMMENT), else null. */
  sessionId: string | null;
}

export interface UserProfileState extends BaseState {
  kind: 'user-profile';
  /** The profile's result: APPROVED, DECLINED, REVIEW, UNKNOWN. */
  result: string | null;
  /** Cleared on redaction, as Persona clears an account's reference id. */
  clientReferenceId: string | null;
  /** The customer's own JSON, keys as sent. */
  clientReferenceData: JsonValue | null;
  createdBy: string | null;
  /** As AiPrise sends it (e.g. `{ firstName, middleName, lastName }`). */
  name: JsonValue | null;
  dateOfBirth: string | null;
  address: JsonValue | null;
  email: string | null;
  phone: string | null;
  nameHistory: HistoryEntry<JsonValue | null>[];
  dateOfBirthHistory: HistoryEntry<JsonValue | null>[];
  addressHistory: HistoryEntry<JsonValue | null>[];
  emailHistory: HistoryEntry<JsonValue | null>[];
  phoneHistory: HistoryEntry<JsonValue | null>[];
  sessions: Dict<ProfileSession>;
  sectionResults: Dict<string | null>;
  riskScore: JsonValue | null;
  /** Businesses linked to the profile (multi-level business profiles), as last sent. */
  relatedCompanies: JsonValue[];
  amlMonitoring: AmlMonitoring;
  amlHits: Dict<AmlHit>;
  documents: Dict<ProfileDocument>;
  tickets: Dict<Ticket>;
  comments: ProfileComment[];
}

/** Records what the fold accepted but found inconsistent (never a value: no PII). */
export function anomaly(state: UserProfileState, meta: EventMeta, message: string): void {
  state.anomalies.push({ eventId: meta.eventId, type: meta.name, message });
}
