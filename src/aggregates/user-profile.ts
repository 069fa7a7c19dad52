/**
 * UserProfile: an AiPrise user profile, folded from its events-callback stream: the
 * `user_profile_event_type` events, the session-channel events (`event_type`) of sessions linked to
 * the profile, and their decision callbacks. Stream `user-profile-<up_id>`.
 */
import { dict, type Dict } from '../events/dict.js';
import type {
  AiPriseDomainEvent,
  AmlHitFacts,
  AmlMonitoringUpdate,
  CaseStatusUpdate,
  CommentFacts,
  InfoUpdate,
  MediaUpdate,
  MonitoringChange,
  SessionChannelEvent,
  TagsUpdate,
  TicketUpdate,
  UserProfileEvent,
  WorkflowRun,
} from '../events/domain/aiprise.js';
import type { EventMeta } from '../events/domain/meta.js';
import { streamIdFor } from '../events/streams.js';
import type { JsonValue } from '../events/types.js';
import { aipriseAggregate, type BaseState, initialBase } from './aggregate.js';
import { sameJson } from './changes.js';
import { sameTagSet } from './tags.js';

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

export const userProfileStream = (id: string): string => streamIdFor('user-profile', id);

function anomaly(state: UserProfileState, meta: EventMeta, message: string): void {
  state.anomalies.push({ eventId: meta.eventId, type: meta.name, message });
}

// --- sessions ------------------------------------------------------------------------------

function emptySession(): ProfileSession {
  return {
    url: null,
    expiresAt: null,
    channel: null,
    email: null,
    status: null,
    runStatus: null,
    decision: null,
    caseStatus: null,
    caseStatusReason: null,
    decidedBy: null,
    templateId: null,
    runs: [],
    sectionInfo: dict(),
  };
}

/** The event's session entry, with what the event says about its run; undefined when it names none. */
function sessionOf(state: UserProfileState, event: AiPriseDomainEvent): ProfileSession | undefined {
  const facts = event.session;
  if (!facts.id) return undefined;
  const session = (state.sessions[facts.id] ??= emptySession());
  if (facts.runStatus !== undefined) session.runStatus = facts.runStatus;
  if (facts.decision !== undefined) session.decision = facts.decision;
  if (facts.templateId !== undefined) session.templateId = facts.templateId;
  return session;
}

const LIFECYCLE = ['STARTED', 'SUBMITTED', 'COMPLETED'] as const;

/** The lifecycle step each session event reports, on either channel. */
const LIFECYCLE_OF = {
  VERIFICATION_SESSION_STARTED: 'STARTED',
  VERIFICATION_REQUEST_SUBMITTED: 'SUBMITTED',
  VERIFICATION_SESSION_COMPLETION: 'COMPLETED',
} as const satisfies Record<string, (typeof LIFECYCLE)[number]>;

/** Moves the session's lifecycle forward only: a late STARTED never undoes a COMPLETED. */
function advance(session: ProfileSession | undefined, to: (typeof LIFECYCLE)[number]): void {
  if (!session) return;
  const now = LIFECYCLE.indexOf(session.status as (typeof LIFECYCLE)[number]);
  if (LIFECYCLE.indexOf(to) > now) session.status = to;
}

function workflowRun(state: UserProfileState, event: UserProfileEvent, run: WorkflowRun): void {
  const session = sessionOf(state, event);
  if (session && !session.runs.includes(event.name)) session.runs.push(event.name);
  if (run.relatedCompanies) state.relatedCompanies = run.relatedCompanies;
  if (event.name === 'RUN_DOCUMENT_CHECK' && run.fileUuid) {
    const decision = event.session.decision ?? event.profileResult;
    if (decision !== undefined) (state.documents[run.fileUuid] ??= emptyDocument()).checkResult = decision;
  }
  if (event.name === 'RUN_RISK_SCORING' && run.riskScore !== undefined) state.riskScore = run.riskScore;
}

function caseStatusUpdate(
  state: UserProfileState,
  event: AiPriseDomainEvent,
  update: CaseStatusUpdate,
): void {
  const session = sessionOf(state, event);
  if (!session) return;
  if (update.caseStatus !== undefined) session.caseStatus = update.caseStatus;
  if (update.reason !== undefined) session.caseStatusReason = update.reason;
  if (update.decidedBy !== undefined) session.decidedBy = update.decidedBy;
}

// --- personal information ------------------------------------------------------------------

type InfoField = 'name' | 'dateOfBirth' | 'address' | 'email' | 'phone';

/**
 * Applies `current`, appends it to the field's history, and records an anomaly when `previous`
 * disagrees with the state. A state that does not know the field yet (null) cannot disagree: the
 * profile may have been created with data no event carried.
 */
function infoUpdated(state: UserProfileState, meta: EventMeta, update: InfoUpdate, field: InfoField): void {
  if (update.current === undefined) return;
  const known = state[field] as JsonValue | null;
  if (update.previous !== undefined && known !== null && !sameJson(update.previous, known)) {
    anomaly(state, meta, `previous ${field} differs from the state; current applied`);
  }
  (state as unknown as Record<InfoField, JsonValue | null>)[field] = update.current;
  state[`${field}History`].push({ at: meta.occurredAt, eventId: meta.eventId, value: update.current });
}

/** Applies the diff; when the result disagrees with `currentTags`, takes those and says so. */
function tagsUpdated(state: UserProfileState, meta: EventMeta, update: TagsUpdate): void {
  let next = state.tags;
  if (update.changes) {
    const removed = new Set(update.changes.removed);
    next = next.filter((tag) => !removed.has(tag));
    for (const tag of update.changes.added) if (!next.includes(tag)) next.push(tag);
  }
  const current = update.currentTags;
  if (current && !sameTagSet(next, current)) {
    if (update.changes)
      anomaly(state, meta, 'tags after applying changes differ from currentTags; currentTags taken');
    next = [...current];
  }
  state.tags = [...new Set(next)];
}

// --- documents -----------------------------------------------------------------------------

function emptyDocument(): ProfileDocument {
  return {
    mediaType: null,
    uploadedBy: null,
    uploadedAt: null,
    updatedAt: null,
    deletedAt: null,
    status: 'active',
    url: null,
    checkResult: null,
  };
}

function media(
  state: UserProfileState,
  event: UserProfileEvent,
  update: MediaUpdate,
): ProfileDocument | undefined {
  if (!update.fileUuid) return undefined;
  const doc = (state.documents[update.fileUuid] ??= emptyDocument());
  if (update.mediaType !== undefined) doc.mediaType = update.mediaType;
  if (update.url !== undefined) doc.url = update.url;
  return doc;
}

// --- AML -----------------------------------------------------------------------------------

function emptyHit(): AmlHit {
  return {
    entityId: null,
    name: null,
    dateOfBirth: null,
    alsoKnownAs: [],
    entityType: null,
    hitTypes: [],
    nameMatchScore: null,
    sessionId: null,
    monitoringChange: null,
    status: null,
    resolution: null,
  };
}

function takeHit(state: UserProfileState, facts: AmlHitFacts, sessionId: string | undefined): AmlHit {
  const hit = (state.amlHits[facts.id] ??= emptyHit());
  if (facts.entityId !== undefined) hit.entityId = facts.entityId;
  if (facts.name !== undefined) hit.name = facts.name;
  if (facts.dateOfBirth !== undefined) hit.dateOfBirth = facts.dateOfBirth;
  if (facts.entityType !== undefined) hit.entityType = facts.entityType;
  if (facts.alsoKnownAs !== undefined) hit.alsoKnownAs = facts.alsoKnownAs;
  if (facts.hitTypes !== undefined) hit.hitTypes = facts.hitTypes;
  if (facts.nameMatchScore !== undefined) hit.nameMatchScore = facts.nameMatchScore;
  if (sessionId !== undefined) hit.sessionId = sessionId;
  return hit;
}

function amlMonitoringUpdate(
  state: UserProfileState,
  event: AiPriseDomainEvent,
  update: AmlMonitoringUpdate,
): void {
  const monitoring = state.amlMonitoring;
  const previous = update.previousStatus;
  if (previous != null && monitoring.status !== null && previous !== monitoring.status) {
    anomaly(state, event.meta, 'previous AML monitoring status differs from the state; update applied');
  }
  if (update.status !== undefined) monitoring.status = update.status;
  if (previous !== undefined) monitoring.previousStatus = previous;
  if (update.monitoringRunId !== undefined) monitoring.monitoringRunId = update.monitoringRunId;
  if (update.matches) monitoring.matches = update.matches;
  monitoring.updatedAt = event.meta.occurredAt;
  sessionOf(state, event);
  for (const { change, hit } of update.hits ?? []) {
    takeHit(state, hit, event.session.id).monitoringChange = change;
  }
}

// --- comments and tickets ------------------------------------------------------------------

function comment(state: UserProfileState, event: AiPriseDomainEvent, facts: CommentFacts): void {
  state.comments.push({
    at: facts.createdAt ?? event.meta.occurredAt,
    authorId: facts.authorId,
    text: facts.text,
    sessionId: event.session.id ?? null,
  });
}

function ticket(state: UserProfileState, event: UserProfileEvent, update: TicketUpdate): void {
  if (!update.ticketId) return;
  const entry = (state.tickets[update.ticketId] ??= {
    status: null,
    reviewer: null,
    queue: null,
    createdAt: null,
    updatedAt: null,
  });
  const at = event.meta.occurredAt;
  if (event.name === 'CREATE_TICKET') entry.createdAt = at;
  entry.updatedAt = at;
  // A reviewer or queue change names the ticket's status too, but what it changed is the reviewer or queue.
  const changesStatus = event.name === 'CREATE_TICKET' || event.name === 'TICKET_STATUS_UPDATE';
  if (changesStatus && update.status !== undefined) entry.status = update.status;
  if (update.reviewer !== undefined) entry.reviewer = update.reviewer;
  if (update.queue !== undefined) entry.queue = update.queue;
}

// --- dispatch ------------------------------------------------------------------------------

function profileEvent(state: UserProfileState, event: UserProfileEvent): void {
  const meta = event.meta;
  switch (event.name) {
    case 'USER_PROFILE_CREATE':
      state.createdBy = event.payload.createdBy;
      return;
    case 'USER_PROFILE_INFO_UPDATE':
      return;
    case 'USER_PROFILE_CREATE_SESSION_URL':
    case 'USER_PROFILE_EMAIL_SESSION_URL': {
      const session = sessionOf(state, event);
      if (!session) return;
      const link = event.payload;
      if (link.url !== undefined) session.url = link.url;
      if (link.expiresAt !== undefined) session.expiresAt = link.expiresAt;
      if (link.channel !== undefined) session.channel = link.channel;
      if (link.email !== undefined) session.email = link.email;
      return;
    }
    case 'VERIFICATION_SESSION_STARTED':
    case 'VERIFICATION_REQUEST_SUBMITTED':
    case 'VERIFICATION_SESSION_COMPLETION':
      return advance(sessionOf(state, event), LIFECYCLE_OF[event.name]);
    case 'RUN_USER_VERIFICATION':
    case 'RUN_DOCUMENT_CHECK':
    case 'MAKE_DECISION':
    case 'RUN_RISK_SCORING':
      return workflowRun(state, event, event.payload);
    case 'RESULT_UPDATE': {
      const { result, previousResult } = event.payload;
      if (previousResult != null && state.result !== null && previousResult !== state.result) {
        anomaly(state, meta, 'previous result differs from the state; new result applied');
      }
      if (result !== undefined) state.result = result;
      return;
    }
    case 'SECTION_RESULT_UPDATE': {
      const { section, result } = event.payload;
      if (section && result !== undefined) state.sectionResults[section] = result;
      return;
    }
    case 'NAME_UPDATED':
      return infoUpdated(state, meta, event.payload, 'name');
    case 'DATE_OF_BIRTH_UPDATED':
      return infoUpdated(state, meta, event.payload, 'dateOfBirth');
    case 'ADDRESS_UPDATED':
      return infoUpdated(state, meta, event.payload, 'address');
    case 'PHONE_UPDATED':
      return infoUpdated(state, meta, event.payload, 'phone');
    case 'EMAIL_UPDATED':
      return infoUpdated(state, meta, event.payload, 'email');
    case 'TAGS_UPDATED':
      return tagsUpdated(state, meta, event.payload);
    case 'ADD_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (!doc) return;
      doc.status = 'active';
      doc.deletedAt = null;
      doc.uploadedBy = event.payload.uploadedBy ?? meta.actor;
      doc.uploadedAt = event.payload.uploadedAt ?? meta.occurredAt;
      return;
    }
    case 'UPDATE_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (doc) doc.updatedAt = event.payload.updatedAt ?? meta.occurredAt;
      return;
    }
    case 'DELETE_ADDITIONAL_MEDIA': {
      const doc = media(state, event, event.payload);
      if (!doc) return;
      doc.status = 'deleted';
      doc.deletedAt = event.payload.deletedAt ?? meta.occurredAt;
      return;
    }
    case 'AML_MONITORING_UPDATE':
      return amlMonitoringUpdate(state, event, event.payload);
    case 'AML_MONITORING_TOGGLE':
      if (event.payload.enabled !== undefined) {
        state.amlMonitoring.enabled = event.payload.enabled;
        state.amlMonitoring.updatedAt = meta.occurredAt;
      }
      return;
    case 'RELATED_CASE_STATUS_UPDATE':
      return caseStatusUpdate(state, event, event.payload);
    case 'COMMENT':
      return comment(state, event, event.payload);
    case 'CREATE_TICKET':
    case 'TICKET_STATUS_UPDATE':
    case 'TICKET_REVIEWER_UPDATE':
    case 'TICKET_REVIEW_QUEUE_UPDATE':
      return ticket(state, event, event.payload);
    case 'AML_HIT_RESOLVED': {
      const { hit, resolution } = event.payload;
      if (!hit) return;
      const entry = takeHit(state, hit, event.session.id);
      if (resolution) {
        entry.status = resolution.status;
        entry.resolution = {
          status: resolution.status,
          comment: resolution.comment,
          resolvedBy: resolution.resolvedBy ?? meta.actor,
          resolvedAt: resolution.resolvedAt ?? meta.occurredAt,
        };
      }
      return;
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

function sessionEvent(state: UserProfileState, event: SessionChannelEvent): void {
  switch (event.name) {
    case 'DECISION_CALLBACK':
      sessionOf(state, event);
      return;
    case 'VERIFICATION_SESSION_STARTED':
    case 'VERIFICATION_REQUEST_SUBMITTED':
    case 'VERIFICATION_SESSION_COMPLETION':
      return advance(sessionOf(state, event), LIFECYCLE_OF[event.name]);
    case 'CASE_STATUS_UPDATE':
      return caseStatusUpdate(state, event, event.payload);
    case 'AML_MONITORING_UPDATE':
      return amlMonitoringUpdate(state, event, event.payload);
    case 'SECTION_INFO_UPDATE': {
      const session = sessionOf(state, event);
      const { section, current } = event.payload;
      if (session && section && current !== undefined) session.sectionInfo[section] = current;
      return;
    }
    case 'COMMENT':
      return comment(state, event, event.payload);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The channels this aggregate folds: `other` carries a redaction signal of events neither list knows. */
const CHANNELS = ['user-profile', 'session', 'other'] as const;

function evolve(state: UserProfileState, event: AiPriseDomainEvent): void {
  // AiPrise has no documented redaction callback: accept a *REDACT* event or a non-null redacted_at.
  if (/REDACT/i.test(event.name) || event.redactedAt) state.redacted = true;
  if (event.channel === 'other') return;
  if (event.clientReferenceId !== undefined) state.clientReferenceId = event.clientReferenceId;
  if (event.clientReferenceData !== undefined) state.clientReferenceData = event.clientReferenceData;
  if (event.profileResult !== undefined) state.result = event.profileResult;
  if (event.channel === 'user-profile') profileEvent(state, event);
  else sessionEvent(state, event);
}

export const userProfile = aipriseAggregate(CHANNELS, {
  kind: 'user-profile',
  initial: (id): UserProfileState => ({
    ...initialBase(id, 'user-profile'),
    result: null,
    clientReferenceId: null,
    clientReferenceData: null,
    createdBy: null,
    name: null,
    dateOfBirth: null,
    address: null,
    email: null,
    phone: null,
    nameHistory: [],
    dateOfBirthHistory: [],
    addressHistory: [],
    emailHistory: [],
    phoneHistory: [],
    sessions: dict(),
    sectionResults: dict(),
    riskScore: null,
    relatedCompanies: [],
    amlMonitoring: {
      enabled: null,
      status: null,
      previousStatus: null,
      monitoringRunId: null,
      matches: [],
      updatedAt: null,
    },
    amlHits: dict(),
    documents: dict(),
    tickets: dict(),
    comments: [],
  }),
  evolve,
  piiPaths: [
    'name',
    'dateOfBirth',
    'address',
    'email',
    'phone',
    'nameHistory',
    'dateOfBirthHistory',
    'addressHistory',
    'emailHistory',
    'phoneHistory',
    'clientReferenceId',
    'clientReferenceData',
    'sessions.*.url',
    'sessions.*.email',
    'sessions.*.sectionInfo',
    'sessions.*.caseStatusReason',
    'documents.*.url',
    'amlMonitoring.matches',
    'amlHits.*.name',
    'amlHits.*.dateOfBirth',
    'amlHits.*.alsoKnownAs',
    'amlHits.*.resolution.comment',
    'comments.*.text',
  ],
});
