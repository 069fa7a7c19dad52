/**
 * Typed domain events for AiPrise: what a stored AiPrise callback says, read once by the
 * interpretation layer (src/events/interpret/aiprise/). As for Persona, `undefined` means "not
 * sent" and `null` "sent empty". AiPrise times (epoch milliseconds) arrive here as ISO strings.
 */
import type { AiPriseUserProfileEventName } from '../catalog/aiprise-events.js';
import type { JsonValue } from '../types.js';
import type { EventMeta } from './meta.js';

/** What a callback says about the verification session it belongs to. */
export interface SessionFacts {
  /** `verification_session_id`, at the top level or under `data`. */
  id?: string;
  /** Run status: NOT_STARTED, COLLECTING, PROCESSING, COMPLETED, FAILED, PENDING. */
  runStatus?: string | null;
  /** The decision: APPROVED, DECLINED, REVIEW, UNKNOWN. */
  decision?: string | null;
  templateId?: string | null;
}

export interface SessionLink {
  url?: string | null;
  expiresAt?: string | null;
  channel?: string | null;
  email?: string | null;
}

export interface WorkflowRun {
  /** The document a document-only check ran on. */
  fileUuid?: string;
  riskScore?: JsonValue;
  /** Businesses linked to the profile (multi-level business profiles), as sent. */
  relatedCompanies?: JsonValue[];
}

/** NAME/DATE_OF_BIRTH/ADDRESS/PHONE/EMAIL_UPDATED: the value before and after. */
export interface InfoUpdate {
  previous?: JsonValue;
  current?: JsonValue;
}

export interface TagsUpdate {
  previousTags?: string[];
  currentTags?: string[];
  /** The diff, when the callback carries one. */
  changes?: { added: string[]; removed: string[] };
}

export interface MediaUpdate {
  fileUuid?: string;
  mediaType?: string | null;
  url?: string | null;
  uploadedBy?: string | null;
  uploadedAt?: string | null;
  updatedAt?: string | null;
  deletedAt?: string | null;
}

/** A listed entity an AML screening matched (`entity_hit`, `aml_hit`). The name, birthdate and aliases are PII. */
export interface AmlHitFacts {
  id: string;
  entityId?: string | null;
  name?: string | null;
  dateOfBirth?: string | null;
  alsoKnownAs?: string[];
  entityType?: string | null;
  hitTypes?: string[];
  nameMatchScore?: number | null;
}

/** Which list of a session-channel monitoring update named a hit. */
export type MonitoringChange = 'NEW' | 'UPDATED' | 'REMOVED';

export interface AmlMonitoringUpdate {
  /** Profile channel: the monitoring run's status and matches. */
  status?: string | null;
  previousStatus?: string | null;
  monitoringRunId?: string | null;
  matches?: JsonValue[];
  /** Session channel: hits in the update's `new`, `updated` and `removed` lists. */
  hits?: { change: MonitoringChange; hit: AmlHitFacts }[];
}

export interface AmlHitResolution {
  hit?: AmlHitFacts;
  resolution?: {
    status: string | null;
    comment: string | null;
    resolvedBy: string | null;
    resolvedAt: string | null;
  };
}

/** A reviewer's (or the API's) change of a session's case decision. */
export interface CaseStatusUpdate {
  /** The case decision as sent (`verification_result`, else a status key). */
  caseStatus?: string | null;
  /** `reason`: `{code, message}` or a string, as sent. */
  reason?: JsonValue;
  /** Who changed it: `author.email`, `author.email_address` or `author_id`. */
  decidedBy?: string | null;
}

/** Section details of a session changed (`SECTION_INFO_UPDATE`). */
export interface SectionInfo {
  section?: string;
  previous?: JsonValue;
  current?: JsonValue;
}

export interface CommentFacts {
  authorId: string | null;
  text: string | null;
  /** The comment's own creation time, when sent. */
  createdAt?: string | null;
}

export interface TicketUpdate {
  ticketId?: string;
  status?: string | null;
  reviewer?: string | null;
  queue?: string | null;
}

/** Payloads of the user-profile events (`user_profile_event_type`), one per catalog name. */
export interface UserProfilePayloads {
  USER_PROFILE_CREATE: { createdBy: string | null };
  USER_PROFILE_INFO_UPDATE: Record<string, never>;
  USER_PROFILE_CREATE_SESSION_URL: SessionLink;
  USER_PROFILE_EMAIL_SESSION_URL: SessionLink;
  VERIFICATION_SESSION_STARTED: WorkflowRun;
  VERIFICATION_REQUEST_SUBMITTED: WorkflowRun;
  VERIFICATION_SESSION_COMPLETION: WorkflowRun;
  RUN_USER_VERIFICATION: WorkflowRun;
  RUN_DOCUMENT_CHECK: WorkflowRun;
  MAKE_DECISION: WorkflowRun;
  RUN_RISK_SCORING: WorkflowRun;
  RESULT_UPDATE: { result?: string | null; previousResult?: string | null };
  SECTION_RESULT_UPDATE: { section?: string; result?: string | null };
  NAME_UPDATED: InfoUpdate;
  DATE_OF_BIRTH_UPDATED: InfoUpdate;
  ADDRESS_UPDATED: InfoUpdate;
  PHONE_UPDATED: InfoUpdate;
  EMAIL_UPDATED: InfoUpdate;
  TAGS_UPDATED: TagsUpdate;
  ADD_ADDITIONAL_MEDIA: MediaUpdate;
  UPDATE_ADDITIONAL_MEDIA: MediaUpdate;
  DELETE_ADDITIONAL_MEDIA: MediaUpdate;
  AML_MONITORING_UPDATE: AmlMonitoringUpdate;
  AML_MONITORING_TOGGLE: { enabled?: boolean };
  RELATED_CASE_STATUS_UPDATE: CaseStatusUpdate;
  COMMENT: CommentFacts;
  CREATE_TICKET: TicketUpdate;
  TICKET_STATUS_UPDATE: TicketUpdate;
  TICKET_REVIEWER_UPDATE: TicketUpdate;
  TICKET_REVIEW_QUEUE_UPDATE: TicketUpdate;
  AML_HIT_RESOLVED: AmlHitResolution;
}

/** Payloads of session-channel events (`event_type`), and of the decision callback. */
export interface SessionPayloads {
  /** The body sent to a session's `callback_url`: its final decision (no event type of its own). */
  DECISION_CALLBACK: WorkflowRun;
  VERIFICATION_SESSION_STARTED: WorkflowRun;
  VERIFICATION_REQUEST_SUBMITTED: WorkflowRun;
  VERIFICATION_SESSION_COMPLETION: WorkflowRun;
  CASE_STATUS_UPDATE: CaseStatusUpdate;
  AML_MONITORING_UPDATE: AmlMonitoringUpdate;
  SECTION_INFO_UPDATE: SectionInfo;
  COMMENT: CommentFacts;
}

interface AiPriseCommon {
  vendor: 'aiprise';
  meta: EventMeta;
  /** `client_reference_id`, when sent. */
  clientReferenceId?: string | null;
  /** `client_reference_data`: the customer's own JSON, as sent. */
  clientReferenceData?: JsonValue;
  /** `user_profile_result`: the profile's result after the event, when sent. */
  profileResult?: string | null;
  /** A redaction signal: a non-null time when the callback says the subject was redacted. */
  redactedAt?: string | null;
  session: SessionFacts;
}

type ProfileEventOf<N extends keyof UserProfilePayloads> = AiPriseCommon & {
  channel: 'user-profile';
  name: N;
  payload: UserProfilePayloads[N];
};

type SessionEventOf<N extends keyof SessionPayloads> = AiPriseCommon & {
  channel: 'session';
  name: N;
  payload: SessionPayloads[N];
};

export type UserProfileEvent = {
  [N in keyof UserProfilePayloads]: ProfileEventOf<N>;
}[keyof UserProfilePayloads];
export type SessionChannelEvent = { [N in keyof SessionPayloads]: SessionEventOf<N> }[keyof SessionPayloads];
/** A business-profile event, or a name neither list knows. */
export type OtherAiPriseEvent = AiPriseCommon & {
  channel: 'other';
  name: string;
  payload: Record<string, never>;
};

export type AiPriseDomainEvent = UserProfileEvent | SessionChannelEvent | OtherAiPriseEvent;

// The payload table and the catalog name the same events: a name added to one must be added to both.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const catalogMatches: Same<keyof UserProfilePayloads, AiPriseUserProfileEventName> = true;
void catalogMatches;
