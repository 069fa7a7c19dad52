/** A stored AiPrise callback -> its typed domain event. */
import { AIPRISE_DECISION_CALLBACK } from '../../aiprise/decision-callback.js';
import { catalogEntry } from '../../catalog/index.js';
import type {
  AiPriseDomainEvent,
  AmlHitFacts,
  AmlHitResolution,
  AmlMonitoringUpdate,
  CaseStatusUpdate,
  CommentFacts,
  MonitoringChange,
  SectionInfo,
  InfoUpdate,
  MediaUpdate,
  SessionFacts,
  SessionLink,
  SessionPayloads,
  TagsUpdate,
  TicketUpdate,
  UserProfilePayloads,
  WorkflowRun,
} from '../../domain/aiprise.js';
import { plainJson } from '../../dict.js';
import type { EventMeta } from '../../domain/meta.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../types.js';
import {
  bool,
  isObject,
  isoTimeOf,
  nonEmptyText,
  objectAt,
  stringList,
  text,
  textOf,
  time,
  valueAt,
} from '../read.js';
import { at, bodyOf, objectIn, type Body } from './body.js';

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** The decision: `aiprise_summary.verification_result` (documented), `.decision` (some pages), or top-level `verification_result` (case status updates). */
function decisionOf(body: Body): string | null | undefined {
  const summary = objectIn(body, 'aipriseSummary');
  return text(summary, 'verificationResult', 'decision') ?? text(body.all, 'verificationResult');
}

/** Run status of a session result: top-level `status`, or inside `aiprise_summary`. */
function runStatusOf(body: Body): string | null | undefined {
  return text(body.all, 'status') ?? text(objectIn(body, 'aipriseSummary'), 'status');
}

function sessionOf(body: Body, outcome: boolean): SessionFacts {
  const session: SessionFacts = {};
  assign(session, 'id', nonEmptyText(body.all, 'verificationSessionId'));
  assign(session, 'templateId', text(body.all, 'templateId'));
  if (outcome) {
    assign(session, 'runStatus', runStatusOf(body));
    assign(session, 'decision', decisionOf(body));
  } else {
    // Outside session results a top-level `status` is the ticket's or the hit's, not the run's.
    assign(session, 'runStatus', text(objectIn(body, 'aipriseSummary'), 'status'));
    assign(session, 'decision', decisionOf(body));
  }
  return session;
}

function sessionLink(body: Body): SessionLink {
  const b = body.all;
  const link: SessionLink = {};
  assign(link, 'url', text(b, 'sessionUrl'));
  assign(link, 'expiresAt', time(b, 'expiresAt'));
  assign(link, 'channel', text(b, 'deliveryChannel'));
  assign(link, 'email', text(b, 'emailAddress', 'email'));
  return link;
}

function workflowRun(body: Body): WorkflowRun {
  const b = body.all;
  const run: WorkflowRun = {};
  assign(run, 'fileUuid', nonEmptyText(b, 'fileUuid'));
  const summary = objectIn(body, 'aipriseSummary');
  const score =
    valueAt(b, 'riskScore') ?? valueAt(summary, 'riskScore') ?? valueAt(objectAt(b, 'riskInfo'), 'score');
  if (score !== undefined) run.riskScore = plainJson(score);
  if (Array.isArray(b.relatedCompanies)) run.relatedCompanies = plainJson(b.relatedCompanies);
  return run;
}

/** NAME_UPDATED and ADDRESS_UPDATED: objects of parts (or whatever is sent), as sent. */
function infoUpdate(body: Body): InfoUpdate {
  const update: InfoUpdate = {};
  assign(update, 'previous', plainJson(at(body, 'previous')));
  assign(update, 'current', plainJson(at(body, 'current')));
  return update;
}

/** DATE_OF_BIRTH, PHONE and EMAIL_UPDATED: a string, or an object wrapping one under one of `keys`. */
function scalarUpdate(...keys: string[]): (body: Body) => InfoUpdate {
  const scalar = (value: JsonValue | undefined): JsonValue | undefined =>
    isObject(value) ? (text(value, ...keys, 'value') ?? null) : value;
  return (body) => {
    const update: InfoUpdate = {};
    assign(update, 'previous', scalar(at(body, 'previous')));
    assign(update, 'current', scalar(at(body, 'current')));
    return update;
  };
}

function tagsUpdate(body: Body): TagsUpdate {
  const b = body.all;
  const update: TagsUpdate = {};
  assign(update, 'previousTags', stringList(b.previousTags));
  assign(update, 'currentTags', stringList(b.currentTags));
  const changes = objectAt(b, 'changes');
  if (changes) {
    update.changes = { added: stringList(changes.added) ?? [], removed: stringList(changes.removed) ?? [] };
  }
  return update;
}

function media(body: Body): MediaUpdate {
  const b = body.all;
  const update: MediaUpdate = {};
  assign(update, 'fileUuid', nonEmptyText(b, 'fileUuid'));
  assign(update, 'mediaType', text(b, 'mediaType'));
  assign(update, 'url', text(b, 'fileUrl', 'mediaUrl', 'url'));
  assign(update, 'uploadedBy', text(b, 'uploadedBy'));
  assign(update, 'uploadedAt', time(b, 'uploadedAt'));
  assign(update, 'updatedAt', time(b, 'updatedAt'));
  assign(update, 'deletedAt', time(b, 'deletedAt'));
  return update;
}

/** An `entity_hit` / `aml_hit` object; undefined without an `entity_hit_id`. */
function amlHitOf(value: unknown): AmlHitFacts | undefined {
  if (!isObject(value)) return undefined;
  const id = nonEmptyText(value, 'entityHitId');
  if (!id) return undefined;
  const hit: AmlHitFacts = { id };
  assign(hit, 'entityId', text(value, 'entityId'));
  assign(hit, 'name', text(value, 'name'));
  assign(hit, 'dateOfBirth', text(value, 'dateOfBirth'));
  assign(hit, 'entityType', text(value, 'entityType'));
  assign(hit, 'alsoKnownAs', stringList(value.alsoKnownAs));
  assign(hit, 'hitTypes', stringList(value.hitTypes));
  if (typeof value.nameMatchScore === 'number') hit.nameMatchScore = value.nameMatchScore;
  return hit;
}

const MONITORING_LISTS: readonly [key: string, change: MonitoringChange][] = [
  ['new', 'NEW'],
  ['updated', 'UPDATED'],
  ['removed', 'REMOVED'],
];

/**
 * Two documented shapes: the profile channel's `{monitoring_run_id, status, matches,
 * previous_status}`, and the session channel's `data.aml_monitoring_update` with `new`, `updated`
 * and `removed` lists of entity hits.
 */
function amlMonitoring(body: Body): AmlMonitoringUpdate {
  const source = objectIn(body, 'amlMonitoringUpdate') ?? body.all;
  const update: AmlMonitoringUpdate = {};
  assign(update, 'status', text(source, 'status'));
  assign(update, 'previousStatus', text(source, 'previousStatus'));
  assign(update, 'monitoringRunId', text(source, 'monitoringRunId'));
  if (Array.isArray(source.matches)) update.matches = plainJson(source.matches);
  for (const [key, change] of MONITORING_LISTS) {
    const list = valueAt(source, key);
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const hit = amlHitOf(item);
      if (hit) (update.hits ??= []).push({ change, hit });
    }
  }
  return update;
}

/** The toggle's payload is not documented: a boolean, or an ENABLED/DISABLED status. */
function amlToggle(body: Body): { enabled?: boolean } {
  const source = objectIn(body, 'amlMonitoring') ?? body.all;
  for (const key of ['enabled', 'amlMonitoringEnabled', 'isEnabled', 'monitoringEnabled']) {
    const value = bool(source, key);
    if (typeof value === 'boolean') return { enabled: value };
  }
  const status = text(source, 'status', 'amlMonitoringStatus')?.toUpperCase();
  if (status && ['ENABLED', 'ON', 'ACTIVE', 'TRUE'].includes(status)) return { enabled: true };
  if (status && ['DISABLED', 'OFF', 'INACTIVE', 'FALSE'].includes(status)) return { enabled: false };
  return {};
}

function amlHitResolved(body: Body): AmlHitResolution {
  const out: AmlHitResolution = {};
  const hit = amlHitOf(objectIn(body, 'amlHit'));
  if (hit) out.hit = hit;
  const resolution = objectIn(body, 'resolution');
  if (resolution) {
    out.resolution = {
      status: text(resolution, 'status') ?? null,
      comment: text(resolution, 'comment') ?? null,
      resolvedBy: text(resolution, 'resolvedBy') ?? null,
      resolvedAt: isoTimeOf(resolution.resolvedAt) ?? null,
    };
  }
  return out;
}

/** Ticket payloads are not documented: the ticket object if there is one, else the body. */
function ticket(body: Body): TicketUpdate {
  const source = objectIn(body, 'ticket') ?? body.all;
  const update: TicketUpdate = {};
  assign(update, 'ticketId', nonEmptyText(source, 'ticketId', 'id') ?? nonEmptyText(body.all, 'ticketId'));
  assign(update, 'status', text(source, 'currentStatus', 'newStatus', 'ticketStatus', 'status'));
  assign(
    update,
    'reviewer',
    text(source, 'currentReviewer', 'reviewer', 'reviewerId', 'reviewerEmail', 'assignee', 'assigneeId'),
  );
  assign(
    update,
    'queue',
    text(source, 'currentReviewQueue', 'reviewQueue', 'reviewQueueId', 'queue', 'queueId'),
  );
  return update;
}

/** A comment: the text in `comment` (or a `comment` object), the author as the event's actor when not named. */
function comment(body: Body, meta: EventMeta): CommentFacts {
  const source = objectIn(body, 'comment') ?? body.all;
  const out: CommentFacts = {
    authorId: text(source, 'authorId') ?? meta.actor,
    text: text(source, 'comment', 'commentText', 'text', 'message', 'body') ?? null,
  };
  assign(out, 'createdAt', time(source, 'createdAt'));
  return out;
}

/** A case decision change: the decision in top-level `verification_result` (or a status key), with reason and author. */
function caseStatus(body: Body, meta: EventMeta): CaseStatusUpdate {
  const b = body.all;
  const out: CaseStatusUpdate = {};
  assign(
    out,
    'caseStatus',
    text(b, 'verificationResult', 'caseStatus', 'currentStatus', 'newStatus', 'status'),
  );
  assign(out, 'reason', plainJson(valueAt(b, 'reason')));
  if (out.caseStatus !== undefined) out.decidedBy = meta.actor;
  return out;
}

function sectionInfo(body: Body): SectionInfo {
  const source = body.nested ?? body.top;
  const out: SectionInfo = {};
  assign(out, 'section', nonEmptyText(source, 'sectionId', 'section', 'sectionName', 'sectionType'));
  assign(out, 'previous', plainJson(valueAt(source, 'previous')));
  assign(out, 'current', plainJson(valueAt(source, 'current')));
  return out;
}

type Readers<P> = { [N in keyof P]: (body: Body, meta: EventMeta) => P[N] };

const PROFILE: Readers<UserProfilePayloads> = {
  USER_PROFILE_CREATE: (body, meta) => ({ createdBy: text(body.all, 'authorId') ?? meta.actor }),
  USER_PROFILE_INFO_UPDATE: () => ({}),
  USER_PROFILE_CREATE_SESSION_URL: sessionLink,
  USER_PROFILE_EMAIL_SESSION_URL: sessionLink,
  VERIFICATION_SESSION_STARTED: workflowRun,
  VERIFICATION_REQUEST_SUBMITTED: workflowRun,
  VERIFICATION_SESSION_COMPLETION: workflowRun,
  RUN_USER_VERIFICATION: workflowRun,
  RUN_DOCUMENT_CHECK: workflowRun,
  MAKE_DECISION: workflowRun,
  RUN_RISK_SCORING: workflowRun,
  RESULT_UPDATE: (body) => {
    const b = body.all;
    const out: UserProfilePayloads['RESULT_UPDATE'] = {};
    assign(out, 'result', text(b, 'userProfileResult', 'currentResult', 'result', 'current'));
    assign(out, 'previousResult', text(b, 'previousResult', 'previous'));
    return out;
  },
  SECTION_RESULT_UPDATE: (body) => {
    const b = body.all;
    const out: UserProfilePayloads['SECTION_RESULT_UPDATE'] = {};
    assign(out, 'section', nonEmptyText(b, 'sectionId', 'section', 'sectionName', 'sectionType'));
    assign(
      out,
      'result',
      text(
        b,
        'sectionResult',
        'result',
        'currentResult',
        'current',
        'status',
        'decision',
        'userProfileResult',
      ),
    );
    return out;
  },
  NAME_UPDATED: infoUpdate,
  DATE_OF_BIRTH_UPDATED: scalarUpdate('dateOfBirth', 'dob', 'date'),
  ADDRESS_UPDATED: infoUpdate,
  PHONE_UPDATED: scalarUpdate('phoneNumber', 'phone'),
  EMAIL_UPDATED: scalarUpdate('emailAddress', 'email'),
  TAGS_UPDATED: tagsUpdate,
  ADD_ADDITIONAL_MEDIA: media,
  UPDATE_ADDITIONAL_MEDIA: media,
  DELETE_ADDITIONAL_MEDIA: media,
  AML_MONITORING_UPDATE: amlMonitoring,
  AML_MONITORING_TOGGLE: amlToggle,
  RELATED_CASE_STATUS_UPDATE: caseStatus,
  COMMENT: comment,
  CREATE_TICKET: ticket,
  TICKET_STATUS_UPDATE: ticket,
  TICKET_REVIEWER_UPDATE: ticket,
  TICKET_REVIEW_QUEUE_UPDATE: ticket,
  AML_HIT_RESOLVED: amlHitResolved,
};

const SESSION: Readers<SessionPayloads> = {
  [AIPRISE_DECISION_CALLBACK]: workflowRun,
  VERIFICATION_SESSION_STARTED: workflowRun,
  VERIFICATION_REQUEST_SUBMITTED: workflowRun,
  VERIFICATION_SESSION_COMPLETION: workflowRun,
  CASE_STATUS_UPDATE: caseStatus,
  AML_MONITORING_UPDATE: amlMonitoring,
  SECTION_INFO_UPDATE: sectionInfo,
  COMMENT: comment,
};

/** Events whose top-level `status` is the session's run status. */
const SESSION_RESULTS: ReadonlySet<string> = new Set([
  'VERIFICATION_SESSION_STARTED',
  'VERIFICATION_REQUEST_SUBMITTED',
  'VERIFICATION_SESSION_COMPLETION',
  'RUN_USER_VERIFICATION',
  'RUN_DOCUMENT_CHECK',
  'MAKE_DECISION',
  'RUN_RISK_SCORING',
  AIPRISE_DECISION_CALLBACK,
]);

function own<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

export function interpretAiPrise(
  event: RecordedEvent,
  meta: EventMeta,
  body: Body = bodyOf(event.data),
): AiPriseDomainEvent {
  const data: JsonObject = event.data;
  const b = body.all;
  const name = event.type;
  const referenceData = valueAt(b, 'clientReferenceData');
  const isProfileEvent = typeof data.userProfileEventType === 'string';
  let channel: AiPriseDomainEvent['channel'] = 'other';
  let payload: unknown = {};
  if (isProfileEvent && own(PROFILE, name) && catalogEntry('aiprise', name)) {
    channel = 'user-profile';
    payload = PROFILE[name](body, meta);
  } else if (!isProfileEvent && own(SESSION, name) && data.businessProfileEventType === undefined) {
    channel = 'session';
    payload = SESSION[name](body, meta);
  }
  // One literal (no spread of shared facts into a second object). Facts not sent stay
  // undefined: every reader of these treats undefined as "not sent".
  return {
    vendor: 'aiprise',
    meta,
    session: sessionOf(body, SESSION_RESULTS.has(name)),
    clientReferenceId: textOf(valueAt(b, 'clientReferenceId')),
    clientReferenceData: referenceData === undefined ? undefined : plainJson(referenceData),
    profileResult: text(b, 'userProfileResult'),
    redactedAt: time(b, 'redactedAt'),
    channel,
    name,
    payload,
  } as AiPriseDomainEvent;
}
