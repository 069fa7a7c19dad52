/**
 * UserProfile: an AiPrise user profile, folded from its events-callback stream (the
 * `user_profile_event_type` events, plus session events linked to the profile).
 * Stream `user-profile-<up_id>`. Event data is the callback body with camelCase keys.
 */
import type { Draft } from 'immer';
import { AIPRISE_DECISION_CALLBACK } from '../events/aiprise/decision-callback.js';
import { streamIdFor } from '../events/streams.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../events/types.js';
import { type AggregateDefinition, type BaseState, initialBase } from './aggregate.js';
import {
  copyJson,
  frozenJson,
  has,
  isObject,
  isoTime,
  jsonEqual,
  objectAt,
  pickString,
  stringArray,
} from './json.js';
import { append } from './lists.js';
import { sameTagSet, setTags } from './tags.js';

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
  /** Lifecycle seen on the profile stream: STARTED, SUBMITTED, COMPLETED. */
  status: string | null;
  /** AiPrise run status: NOT_STARTED, COLLECTING, PROCESSING, COMPLETED, FAILED, PENDING. */
  runStatus: string | null;
  /** APPROVED, DECLINED, REVIEW, UNKNOWN. */
  decision: string | null;
  /** Status of the linked case (RELATED_CASE_STATUS_UPDATE). */
  caseStatus: string | null;
  templateId: string | null;
  /** Workflows that ran in this session (RUN_USER_VERIFICATION, RUN_DOCUMENT_CHECK, …). */
  runs: string[];
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
}

export interface UserProfileState extends BaseState {
  kind: 'user-profile';
  /** The profile's result: APPROVED, DECLINED, REVIEW, UNKNOWN. */
  result: string | null;
  /** Cleared on redaction, as Persona clears an account's reference id. */
  clientReferenceId: string | null;
  clientReferenceData: JsonValue | null;
  createdBy: string | null;
  /** As AiPrise sends it (e.g. `{ firstName, middleName, lastName }`). */
  name: JsonValue | null;
  dateOfBirth: string | null;
  address: JsonValue | null;
  email: string | null;
  phone: string | null;
  nameHistory: HistoryEntry<JsonValue | null>[];
  dateOfBirthHistory: HistoryEntry<string | null>[];
  addressHistory: HistoryEntry<JsonValue | null>[];
  emailHistory: HistoryEntry<string | null>[];
  phoneHistory: HistoryEntry<string | null>[];
  sessions: Record<string, ProfileSession>;
  sectionResults: Record<string, string | null>;
  riskScore: JsonValue | null;
  amlMonitoring: AmlMonitoring;
  amlHits: Record<string, AmlHit>;
  documents: Record<string, ProfileDocument>;
  tickets: Record<string, Ticket>;
  comments: ProfileComment[];
}

export const userProfileStream = (id: string): string => streamIdFor('user-profile', id);

type ProfileDraft = Draft<UserProfileState>;

function anomaly(draft: ProfileDraft, event: RecordedEvent, message: string): void {
  append(draft, 'anomalies', Object.freeze({ eventId: event.eventId, type: event.type, message }));
}

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
    templateId: null,
    runs: [],
  };
}

function sessionOf(draft: ProfileDraft, data: JsonObject): Draft<ProfileSession> | undefined {
  const id = pickString(data, 'verificationSessionId');
  if (!id) return undefined;
  return (draft.sessions[id] ??= emptySession());
}

/** `aiprise_summary.verification_result`, or `.decision` on some pages: accept both. */
function decisionOf(data: JsonObject): string | undefined {
  const summary = objectAt(data, 'aipriseSummary');
  return pickString(summary, 'verificationResult', 'decision') ?? undefined;
}

function takeResult(draft: ProfileDraft, data: JsonObject): void {
  const result = pickString(data, 'userProfileResult');
  if (result !== undefined && draft.result !== result) draft.result = result;
}

// --- lifecycle and sessions ----------------------------------------------------------------

function sessionUrl(draft: ProfileDraft, _event: RecordedEvent, data: JsonObject): void {
  const session = sessionOf(draft, data);
  if (!session) return;
  const url = pickString(data, 'sessionUrl');
  if (url !== undefined) session.url = url;
  const expiresAt = isoTime(data.expiresAt);
  if (expiresAt !== undefined) session.expiresAt = expiresAt;
  const channel = pickString(data, 'deliveryChannel');
  if (channel !== undefined) session.channel = channel;
  const email = pickString(data, 'emailAddress', 'email');
  if (email !== undefined) session.email = email;
}

const SESSION_LIFECYCLE: Record<string, string> = {
  VERIFICATION_SESSION_STARTED: 'STARTED',
  VERIFICATION_REQUEST_SUBMITTED: 'SUBMITTED',
  VERIFICATION_SESSION_COMPLETION: 'COMPLETED',
};

/** What a session's callbacks say about its run: status, decision, template. */
function takeSessionOutcome(session: Draft<ProfileSession>, data: JsonObject): void {
  const runStatus = pickString(objectAt(data, 'aipriseSummary'), 'status');
  if (runStatus !== undefined) session.runStatus = runStatus;
  const decision = decisionOf(data);
  if (decision !== undefined) session.decision = decision;
  const templateId = pickString(data, 'templateId');
  if (templateId !== undefined) session.templateId = templateId;
}

/** The session's final decision from its callback_url (events/aiprise/decision-callback.ts). */
function decisionCallback(draft: ProfileDraft, _event: RecordedEvent, data: JsonObject): void {
  const session = sessionOf(draft, data);
  if (session) takeSessionOutcome(session, data);
  takeResult(draft, data);
}

function sessionProgress(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const session = sessionOf(draft, data);
  if (session) {
    const lifecycle = SESSION_LIFECYCLE[event.type];
    if (lifecycle) session.status = lifecycle;
    else if (!session.runs.includes(event.type)) session.runs.push(event.type);
    takeSessionOutcome(session, data);
  }
  takeResult(draft, data);
  if (event.type === 'RUN_DOCUMENT_CHECK') {
    const file = pickString(data, 'fileUuid');
    const decision = decisionOf(data) ?? pickString(data, 'userProfileResult');
    if (file && decision !== undefined) (draft.documents[file] ??= emptyDocument()).checkResult = decision;
  }
  if (event.type === 'RUN_RISK_SCORING') {
    const summary = objectAt(data, 'aipriseSummary');
    const score = data.riskScore ?? summary?.riskScore ?? objectAt(data, 'riskInfo')?.score;
    if (score !== undefined) draft.riskScore = copyJson(score);
  }
}

// --- personal information ------------------------------------------------------------------

type InfoField = 'name' | 'dateOfBirth' | 'address' | 'email' | 'phone';

/** DOB, email and phone arrive as a string or wrapped in an object; keep them as strings. */
const SCALAR_KEYS: Partial<Record<InfoField, string[]>> = {
  dateOfBirth: ['dateOfBirth', 'dob', 'date', 'value'],
  email: ['emailAddress', 'email', 'value'],
  phone: ['phoneNumber', 'phone', 'value'],
};

function infoValue(field: InfoField, sent: JsonValue | undefined): JsonValue | undefined {
  if (sent === undefined) return undefined;
  const keys = SCALAR_KEYS[field];
  if (!keys || !isObject(sent)) return frozenJson(sent);
  return pickString(sent, ...keys) ?? null;
}

/**
 * Applies `current`, appends it to the field's history, and records an anomaly when
 * `previous` disagrees with the state. A state that does not know the field yet (null) cannot
 * disagree: the profile may have been created with data no event carried.
 */
function infoUpdated(draft: ProfileDraft, event: RecordedEvent, data: JsonObject, field: InfoField): void {
  const current = infoValue(field, data.current);
  if (current === undefined) return;
  const previous = infoValue(field, data.previous);
  const state = draft[field] as JsonValue | null;
  if (previous !== undefined && state !== null && !jsonEqual(previous, state)) {
    anomaly(draft, event, `previous ${field} differs from the state; current applied`);
  }
  (draft as unknown as Record<InfoField, JsonValue | null>)[field] = current;
  const entry: HistoryEntry<JsonValue | null> = {
    at: event.occurredAt,
    eventId: event.eventId,
    value: current,
  };
  append(
    draft as unknown as Record<string, HistoryEntry<JsonValue | null>[]>,
    `${field}History`,
    Object.freeze(entry),
  );
}

/** Applies the diff; when the result disagrees with `currentTags`, takes those and says so. */
function tagsUpdated(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const changes = objectAt(data, 'changes');
  const added = stringArray(changes?.added) ?? [];
  const removed = stringArray(changes?.removed) ?? [];
  let next = draft.tags.filter((tag) => !removed.includes(tag));
  for (const tag of added) if (!next.includes(tag)) next.push(tag);
  const current = stringArray(data.currentTags);
  if (current && !sameTagSet(next, current)) {
    if (changes)
      anomaly(draft, event, 'tags after applying changes differ from currentTags; currentTags taken');
    next = current;
  }
  setTags(draft, next);
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

function media(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const file = pickString(data, 'fileUuid');
  if (!file) return;
  const doc = (draft.documents[file] ??= emptyDocument());
  const mediaType = pickString(data, 'mediaType');
  if (mediaType !== undefined) doc.mediaType = mediaType;
  const url = pickString(data, 'fileUrl', 'mediaUrl', 'url');
  if (url !== undefined) doc.url = url;
  if (event.type === 'ADD_ADDITIONAL_MEDIA') {
    doc.status = 'active';
    doc.deletedAt = null;
    doc.uploadedBy = pickString(data, 'uploadedBy') ?? event.actor;
    doc.uploadedAt = isoTime(data.uploadedAt) ?? event.occurredAt;
  } else if (event.type === 'UPDATE_ADDITIONAL_MEDIA') {
    doc.updatedAt = isoTime(data.updatedAt) ?? event.occurredAt;
  } else {
    doc.status = 'deleted';
    doc.deletedAt = isoTime(data.deletedAt) ?? event.occurredAt;
  }
}

// --- AML -----------------------------------------------------------------------------------

function amlUpdate(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const update = objectAt(data, 'amlMonitoringUpdate') ?? data;
  const monitoring = draft.amlMonitoring;
  const previous = pickString(update, 'previousStatus');
  if (previous != null && monitoring.status !== null && previous !== monitoring.status) {
    anomaly(draft, event, 'previous AML monitoring status differs from the state; update applied');
  }
  const status = pickString(update, 'status');
  if (status !== undefined) monitoring.status = status;
  if (previous !== undefined) monitoring.previousStatus = previous;
  const run = pickString(update, 'monitoringRunId');
  if (run !== undefined) monitoring.monitoringRunId = run;
  if (Array.isArray(update.matches)) monitoring.matches = frozenJson(update.matches);
  monitoring.updatedAt = event.occurredAt;
}

/** The toggle's payload is not documented: accept a boolean or an ENABLED/DISABLED status. */
function amlToggle(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const source = objectAt(data, 'amlMonitoring') ?? data;
  for (const key of ['enabled', 'amlMonitoringEnabled', 'isEnabled', 'monitoringEnabled']) {
    if (typeof source[key] === 'boolean') {
      draft.amlMonitoring.enabled = source[key];
      draft.amlMonitoring.updatedAt = event.occurredAt;
      return;
    }
  }
  const status = pickString(source, 'status', 'amlMonitoringStatus');
  if (typeof status === 'string') {
    const key = status.toUpperCase();
    if (['ENABLED', 'ON', 'ACTIVE', 'TRUE'].includes(key)) draft.amlMonitoring.enabled = true;
    else if (['DISABLED', 'OFF', 'INACTIVE', 'FALSE'].includes(key)) draft.amlMonitoring.enabled = false;
    draft.amlMonitoring.updatedAt = event.occurredAt;
  }
}

function amlHitResolved(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const hit = objectAt(data, 'amlHit');
  const id = pickString(hit, 'entityHitId');
  if (!hit || !id) return;
  const resolution = objectAt(data, 'resolution');
  const entry = (draft.amlHits[id] ??= {
    entityId: null,
    name: null,
    dateOfBirth: null,
    alsoKnownAs: [],
    entityType: null,
    hitTypes: [],
    nameMatchScore: null,
    sessionId: null,
    status: null,
    resolution: null,
  });
  const set = <K extends 'entityId' | 'name' | 'dateOfBirth' | 'entityType'>(field: K, key: string): void => {
    const value = pickString(hit, key);
    if (value !== undefined) entry[field] = value;
  };
  set('entityId', 'entityId');
  set('name', 'name');
  set('dateOfBirth', 'dateOfBirth');
  set('entityType', 'entityType');
  const aliases = stringArray(hit.alsoKnownAs);
  if (aliases) entry.alsoKnownAs = aliases;
  const hitTypes = stringArray(hit.hitTypes);
  if (hitTypes) entry.hitTypes = hitTypes;
  if (typeof hit.nameMatchScore === 'number') entry.nameMatchScore = hit.nameMatchScore;
  const session = pickString(data, 'verificationSessionId');
  if (session !== undefined) entry.sessionId = session;
  if (resolution) {
    const status = pickString(resolution, 'status') ?? null;
    entry.status = status;
    entry.resolution = {
      status,
      comment: pickString(resolution, 'comment') ?? null,
      resolvedBy: pickString(resolution, 'resolvedBy') ?? event.actor,
      resolvedAt: isoTime(resolution.resolvedAt) ?? event.occurredAt,
    };
  }
}

// --- cases, comments, tickets --------------------------------------------------------------

function relatedCase(draft: ProfileDraft, _event: RecordedEvent, data: JsonObject): void {
  const session = sessionOf(draft, data);
  const status = pickString(data, 'caseStatus', 'currentStatus', 'newStatus', 'status');
  if (session && status !== undefined) session.caseStatus = status;
  const decision = decisionOf(data);
  if (session && decision !== undefined) session.decision = decision;
  takeResult(draft, data);
}

function comment(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const source = objectAt(data, 'comment') ?? data;
  append(draft, 'comments', {
    at: event.occurredAt,
    authorId: pickString(source, 'authorId', 'author') ?? event.actor,
    text: pickString(source, 'comment', 'commentText', 'text', 'message', 'body') ?? null,
  });
}

/** Ticket payloads are not documented: read the ticket object if there is one, else the body. */
function ticket(draft: ProfileDraft, event: RecordedEvent, data: JsonObject): void {
  const source = objectAt(data, 'ticket') ?? data;
  const id = pickString(source, 'ticketId', 'id') ?? pickString(data, 'ticketId');
  if (!id) return;
  const entry = (draft.tickets[id] ??= {
    status: null,
    reviewer: null,
    queue: null,
    createdAt: null,
    updatedAt: null,
  });
  if (event.type === 'CREATE_TICKET') entry.createdAt = event.occurredAt;
  entry.updatedAt = event.occurredAt;
  const status = pickString(source, 'currentStatus', 'newStatus', 'ticketStatus', 'status');
  if (
    status !== undefined &&
    event.type !== 'TICKET_REVIEWER_UPDATE' &&
    event.type !== 'TICKET_REVIEW_QUEUE_UPDATE'
  ) {
    entry.status = status;
  }
  const reviewer = pickString(
    source,
    'currentReviewer',
    'reviewer',
    'reviewerId',
    'reviewerEmail',
    'assignee',
    'assigneeId',
  );
  if (reviewer !== undefined) entry.reviewer = reviewer;
  const queue = pickString(source, 'currentReviewQueue', 'reviewQueue', 'reviewQueueId', 'queue', 'queueId');
  if (queue !== undefined) entry.queue = queue;
}

// --- dispatch ------------------------------------------------------------------------------

/** AiPrise has no documented redaction callback: accept a *REDACT* event or a non-null redactedAt. */
function signalsRedaction(event: RecordedEvent): boolean {
  return /REDACT/i.test(event.type) || (has(event.data, 'redactedAt') && event.data.redactedAt !== null);
}

type Handler = (draft: ProfileDraft, event: RecordedEvent, data: JsonObject) => void;

const HANDLERS: Record<string, Handler> = {
  USER_PROFILE_CREATE: (draft, event, data) => {
    draft.createdBy = pickString(data, 'authorId') ?? event.actor;
  },
  USER_PROFILE_INFO_UPDATE: (draft, _event, data) => {
    if (data.clientReferenceData !== undefined)
      draft.clientReferenceData = copyJson(data.clientReferenceData);
  },
  USER_PROFILE_CREATE_SESSION_URL: sessionUrl,
  USER_PROFILE_EMAIL_SESSION_URL: sessionUrl,
  VERIFICATION_SESSION_STARTED: sessionProgress,
  VERIFICATION_REQUEST_SUBMITTED: sessionProgress,
  VERIFICATION_SESSION_COMPLETION: sessionProgress,
  RUN_USER_VERIFICATION: sessionProgress,
  RUN_DOCUMENT_CHECK: sessionProgress,
  MAKE_DECISION: sessionProgress,
  RUN_RISK_SCORING: sessionProgress,
  [AIPRISE_DECISION_CALLBACK]: decisionCallback,
  RESULT_UPDATE: (draft, event, data) => {
    const result = pickString(data, 'userProfileResult', 'currentResult', 'result', 'current');
    const previous = pickString(data, 'previousResult', 'previous');
    if (previous != null && draft.result !== null && previous !== draft.result) {
      anomaly(draft, event, 'previous result differs from the state; new result applied');
    }
    if (result !== undefined && draft.result !== result) draft.result = result;
  },
  SECTION_RESULT_UPDATE: (draft, _event, data) => {
    const section = pickString(data, 'section', 'sectionName', 'sectionType');
    const result = pickString(
      data,
      'sectionResult',
      'result',
      'currentResult',
      'current',
      'status',
      'decision',
      'userProfileResult',
    );
    if (section && result !== undefined) draft.sectionResults[section] = result;
    takeResult(draft, data);
  },
  NAME_UPDATED: (d, e, data) => infoUpdated(d, e, data, 'name'),
  DATE_OF_BIRTH_UPDATED: (d, e, data) => infoUpdated(d, e, data, 'dateOfBirth'),
  ADDRESS_UPDATED: (d, e, data) => infoUpdated(d, e, data, 'address'),
  PHONE_UPDATED: (d, e, data) => infoUpdated(d, e, data, 'phone'),
  EMAIL_UPDATED: (d, e, data) => infoUpdated(d, e, data, 'email'),
  TAGS_UPDATED: tagsUpdated,
  ADD_ADDITIONAL_MEDIA: media,
  UPDATE_ADDITIONAL_MEDIA: media,
  DELETE_ADDITIONAL_MEDIA: media,
  AML_MONITORING_UPDATE: amlUpdate,
  AML_MONITORING_TOGGLE: amlToggle,
  AML_HIT_RESOLVED: amlHitResolved,
  RELATED_CASE_STATUS_UPDATE: relatedCase,
  COMMENT: comment,
  CREATE_TICKET: ticket,
  TICKET_STATUS_UPDATE: ticket,
  TICKET_REVIEWER_UPDATE: ticket,
  TICKET_REVIEW_QUEUE_UPDATE: ticket,
};

/** Event types this aggregate understands (AiPrise names). */
export const USER_PROFILE_EVENT_TYPES: readonly string[] = Object.keys(HANDLERS);

function evolve(draft: ProfileDraft, event: RecordedEvent): void {
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, event.type)
    ? HANDLERS[event.type]
    : undefined;
  if (handler) {
    const data = event.data;
    const reference = pickString(data, 'clientReferenceId');
    // Most callbacks repeat it: compare first, a read through the draft is cheaper than a write.
    if (reference !== undefined && draft.clientReferenceId !== reference) draft.clientReferenceId = reference;
    handler(draft, event, data);
  }
  if (signalsRedaction(event)) draft.redacted = true;
}

export const userProfile: AggregateDefinition<UserProfileState> = {
  kind: 'user-profile',
  initial: (id) => ({
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
    sessions: {},
    sectionResults: {},
    riskScore: null,
    amlMonitoring: {
      enabled: null,
      status: null,
      previousStatus: null,
      monitoringRunId: null,
      matches: [],
      updatedAt: null,
    },
    amlHits: {},
    documents: {},
    tickets: {},
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
    'documents.*.url',
    'amlMonitoring.matches',
    'amlHits.*.name',
    'amlHits.*.dateOfBirth',
    'amlHits.*.alsoKnownAs',
    'amlHits.*.resolution.comment',
    'comments.*.text',
  ],
};
