/**
 * Inquiry: a Persona inquiry, folded from `inquiry.*` plus the verification, report, document,
 * selfie and session events intake routed to its stream. Stream `inquiry-<inq_id>`.
 */
import { dict, type Dict } from '../events/dict.js';
import type {
  DocumentAction,
  DocumentEvent,
  InquiryEvent,
  InquiryFacts,
  InquirySessionAction,
  InquirySessionEvent,
  OtherPersonaEvent,
  PersonaDomainEvent,
  ResourceFacts,
  SelfieAction,
  SelfieEvent,
  SessionAction,
  SessionEvent,
  VerificationAction,
  VerificationEvent,
} from '../events/domain/persona.js';
import { streamIdFor } from '../events/streams.js';
import type { JsonValue } from '../events/types.js';
import { type BaseState, personaAggregate } from './aggregate.js';
import { IDENTITY_PII_PATHS, type PersonIdentity, takeIdentity } from './identity.js';
import { reportEntry, reportEvent, type ReportSummary } from './reports.js';
import { takeFields, takeTags } from './resource-state.js';
import { statusKey } from './status.js';

export type { ReportSummary };

export interface VerificationSummary {
  /** `government-id`, `selfie`, `database`, … (the part after `verification/`). */
  type: string;
  status: string | null;
}

export interface DocumentSummary {
  type: string;
  status: string | null;
}

export interface InquiryState extends BaseState, PersonIdentity {
  kind: 'inquiry';
  /** created, pending, completed, failed, expired, approved, declined, needs_review. */
  status: string | null;
  accountId: string | null;
  referenceId: string | null;
  templateId: string | null;
  /** The flow step the inquiry is on, when Persona sends it. */
  step: string | null;
  previousStep: string | null;
  note: string | null;
  fields: Dict<JsonValue>;
  verifications: Dict<VerificationSummary>;
  reports: Dict<ReportSummary>;
  documents: Dict<DocumentSummary>;
  selfies: Dict<{ status: string | null }>;
  /** Device sessions (`inquiry-session.*`, `session.*`) by id. */
  sessions: Dict<{ status: string | null }>;
  /** Last reusable-persona outcome: created, updated, used, assurance-failed. */
  reusablePersona: string | null;
  startedAt: string | null;
  expiresAt: string | null;
  completedAt: string | null;
  failedAt: string | null;
  markedForReviewAt: string | null;
  decidedAt: string | null;
  expiredAt: string | null;
  redactedAt: string | null;
  /**
   * Persona keeps an inquiry's reference id through the inquiry's own redaction and nulls it only
   * when the parent account is redacted too: a redacted payload with reference-id null says so,
   * and from then on the reference id is PII of this inquiry as well.
   */
  referenceIdRedacted: boolean;
}

export const inquiryStream = (id: string): string => streamIdFor('inquiry', id);

/** The sent status as a comparable key, else the one the event implies, else undefined (unchanged). */
function statusOf(sent: string | null | undefined, implied: string | undefined): string | null | undefined {
  if (sent !== undefined) return sent === null ? null : statusKey(sent);
  return implied;
}

function self(state: InquiryState, resource: ResourceFacts): InquiryFacts | undefined {
  return resource.kind === 'inquiry' && resource.id === state.id ? resource : undefined;
}

/** The inquiry's own attributes as of the event. */
function takeInquiry(state: InquiryState, facts: InquiryFacts): void {
  // Written out rather than through take(state, key, …): a named store per field stays monomorphic.
  if (facts.referenceId !== undefined) state.referenceId = facts.referenceId;
  if (facts.note !== undefined) state.note = facts.note;
  if (facts.step !== undefined) state.step = facts.step;
  if (facts.previousStep !== undefined) state.previousStep = facts.previousStep;
  if (facts.expiresAt !== undefined) state.expiresAt = facts.expiresAt;
  if (facts.accountId !== undefined) state.accountId = facts.accountId;
  if (facts.templateId !== undefined) state.templateId = facts.templateId;
  if (facts.startedAt !== undefined) state.startedAt = facts.startedAt;
  if (facts.completedAt !== undefined) state.completedAt = facts.completedAt;
  if (facts.failedAt !== undefined) state.failedAt = facts.failedAt;
  if (facts.markedForReviewAt !== undefined) state.markedForReviewAt = facts.markedForReviewAt;
  if (facts.decidedAt !== undefined) state.decidedAt = facts.decidedAt;
  if (facts.expiredAt !== undefined) state.expiredAt = facts.expiredAt;
  if (facts.redactedAt !== undefined) state.redactedAt = facts.redactedAt;
  takeFields(state.fields, facts.fields);
  takeTags(state, facts.tags);
  takeIdentity(state, facts.identity);
  takeRelated(state, facts);
  if (facts.redactedAt) state.redacted = true;
}

/** `verification/government-id` -> `government-id`. */
function subtype(type: string): string {
  return type.slice(type.indexOf('/') + 1);
}

/**
 * What the inquiry's relationships list is part of it even when its own events are not subscribed
 * or not included: an entry with the type, its status unknown until an event or `included` says.
 */
function takeRelated(state: InquiryState, facts: InquiryFacts): void {
  for (const ref of facts.related.verifications ?? [])
    state.verifications[ref.id] ??= { type: subtype(ref.type), status: null };
  for (const ref of facts.related.reports ?? [])
    reportEntry(state.reports, ref.id, subtype(ref.type), undefined);
  for (const ref of facts.related.documents ?? [])
    state.documents[ref.id] ??= { type: subtype(ref.type), status: null };
  for (const ref of facts.related.selfies ?? []) state.selfies[ref.id] ??= { status: null };
  for (const ref of facts.related.sessions ?? []) state.sessions[ref.id] ??= { status: null };
}

/** Related resources the webhook included: their statuses are true as of the event too. */
function takeIncluded(state: InquiryState, included: ResourceFacts[]): void {
  for (const resource of included) {
    if (resource.kind === 'verification')
      verificationEntry(state, resource.id, resource.subtype, resource.status);
    else if (resource.kind === 'report')
      reportEntry(state.reports, resource.id, resource.subtype, resource.status);
    else if (resource.kind === 'document')
      takeStatus(
        (state.documents[resource.id] ??= { type: resource.subtype, status: null }),
        resource.status,
      );
    else if (resource.kind === 'selfie')
      takeStatus((state.selfies[resource.id] ??= { status: null }), resource.status);
    else if (resource.kind === 'session')
      takeStatus((state.sessions[resource.id] ??= { status: null }), resource.status);
  }
}

/** A sent status as a comparable key; not sent leaves it. */
function takeStatus(entry: { status: string | null }, sent: string | null | undefined): void {
  takeEntryStatus(entry, sent, undefined);
}

function verificationEntry(
  state: InquiryState,
  id: string,
  type: string,
  status: string | null | undefined,
  implied?: string,
): void {
  const entry = (state.verifications[id] ??= { type, status: null });
  const next = statusOf(status, implied);
  if (next !== undefined) entry.status = next;
}

function inquiryEvent(state: InquiryState, event: InquiryEvent): void {
  const facts = self(state, event.resource);
  if (facts) takeInquiry(state, facts);
  if (facts?.referenceId === null && (facts.redactedAt || event.action === 'redacted'))
    state.referenceIdRedacted = true;
  takeIncluded(state, event.included);
  const at = event.meta.occurredAt;
  // The payload's status is the truth as of the event; the one an event name implies fills in when
  // it was not sent (a blocklist, an Events API shape with no attributes).
  if (facts) takeStatus(state, facts.status);
  const statusNotSent = facts?.status === undefined;
  switch (event.action) {
    case 'created':
      if (statusNotSent) state.status = 'created';
      break;
    case 'started':
      if (statusNotSent) state.status = 'pending';
      state.startedAt ??= at;
      break;
    case 'completed':
      if (statusNotSent) state.status = 'completed';
      state.completedAt ??= at;
      break;
    case 'failed':
      if (statusNotSent) state.status = 'failed';
      state.failedAt ??= at;
      break;
    case 'expired':
      if (statusNotSent) state.status = 'expired';
      state.expiredAt ??= at;
      break;
    case 'marked-for-review':
      if (statusNotSent) state.status = 'needs_review';
      state.markedForReviewAt ??= at;
      break;
    case 'approved':
      if (statusNotSent) state.status = 'approved';
      state.decidedAt ??= at;
      break;
    case 'declined':
      if (statusNotSent) state.status = 'declined';
      state.decidedAt ??= at;
      break;
    case 'redacted':
      state.redacted = true;
      state.redactedAt ??= at;
      break;
    case 'transitioned':
    case 'updated-tags':
      break;
    case 'reusable-persona-created':
      state.reusablePersona = 'created';
      break;
    case 'reusable-persona-updated':
      state.reusablePersona = 'updated';
      break;
    case 'reusable-persona-used':
      state.reusablePersona = 'used';
      break;
    case 'reusable-persona-assurance-failed':
      state.reusablePersona = 'assurance-failed';
      break;
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

// What an event says of a related resource's status when its payload sends none; undefined: unchanged.
const VERIFICATION_STATUS: Record<VerificationAction, string | undefined> = {
  created: 'initiated',
  submitted: 'submitted',
  'tentatively-passed': 'tentatively_passed',
  'tentatively-failed': 'tentatively_failed',
  passed: 'passed',
  failed: 'failed',
  'requires-retry': 'requires_retry',
  canceled: 'canceled',
  skipped: 'skipped',
  escalated: undefined,
  'updated-tags': undefined,
};

const DOCUMENT_STATUS: Record<DocumentAction, string | undefined> = {
  created: 'initiated',
  submitted: 'submitted',
  pending: 'pending',
  processed: 'processed',
  errored: 'errored',
  extracted: undefined,
};

const SELFIE_STATUS: Record<SelfieAction, string> = {
  created: 'initiated',
  submitted: 'submitted',
  processed: 'processed',
  errored: 'errored',
};

const SESSION_STATUS: Record<InquirySessionAction | SessionAction, string> = {
  created: 'active',
  started: 'active',
  expired: 'expired',
  canceled: 'canceled',
};

/** A sent status as a comparable key, else the implied one, else unchanged. */
function takeEntryStatus(
  entry: { status: string | null },
  sent: string | null | undefined,
  implied: string | undefined,
): void {
  const next = statusOf(sent, implied);
  if (next !== undefined) entry.status = next;
}

function verificationEvent(state: InquiryState, event: VerificationEvent): void {
  const v = event.resource;
  if (v.kind === 'verification')
    verificationEntry(state, v.id, v.subtype, v.status, VERIFICATION_STATUS[event.action]);
}

function documentEvent(state: InquiryState, event: DocumentEvent): void {
  const d = event.resource;
  if (d.kind !== 'document') return;
  takeEntryStatus(
    (state.documents[d.id] ??= { type: d.subtype, status: null }),
    d.status,
    DOCUMENT_STATUS[event.action],
  );
}

function selfieEvent(state: InquiryState, event: SelfieEvent): void {
  const s = event.resource;
  if (s.kind === 'selfie')
    takeEntryStatus((state.selfies[s.id] ??= { status: null }), s.status, SELFIE_STATUS[event.action]);
}

function sessionEvent(state: InquiryState, event: InquirySessionEvent | SessionEvent): void {
  const s = event.resource;
  if (s.kind === 'session')
    takeEntryStatus((state.sessions[s.id] ??= { status: null }), s.status, SESSION_STATUS[event.action]);
}

/** A name the catalog does not know: only a redaction signal on the inquiry itself applies. */
function otherEvent(state: InquiryState, event: OtherPersonaEvent): void {
  const facts = self(state, event.resource);
  if (facts?.redactedAt) state.redacted = true;
}

/** The event families this aggregate folds. */
const FAMILIES = [
  'inquiry',
  'verification',
  'report',
  'document',
  'selfie',
  'inquiry-session',
  'session',
  'other',
] as const;
type InquiryEvents = Extract<PersonaDomainEvent, { family: (typeof FAMILIES)[number] }>;

function evolve(state: InquiryState, event: InquiryEvents): void {
  switch (event.family) {
    case 'inquiry':
      return inquiryEvent(state, event);
    case 'verification':
      return verificationEvent(state, event);
    case 'report':
      return reportEvent(state.reports, event);
    case 'document':
      return documentEvent(state, event);
    case 'selfie':
      return selfieEvent(state, event);
    case 'inquiry-session':
    case 'session':
      return sessionEvent(state, event);
    case 'other':
      return otherEvent(state, event);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const inquiry = personaAggregate(FAMILIES, {
  kind: 'inquiry',
  // One literal, initialBase's fields (and emptyIdentity's) written out: in V8 a literal that
  // spreads them and then adds its own fields takes a slow path, and Object.assign leaves a
  // dictionary-mode object; this runs once per stream folded.
  // test/aggregates/initial-state.test.ts keeps the written-out fields equal to those functions.
  initial: (id): InquiryState => {
    return {
      id,
      kind: 'inquiry',
      version: 0,
      tags: [],
      createdAt: null,
      updatedAt: null,
      redacted: false,
      anomalies: [],
      name: null,
      birthdate: null,
      address: null,
      email: null,
      phone: null,
      identificationNumbers: [],
      status: null,
      accountId: null,
      referenceId: null,
      templateId: null,
      step: null,
      previousStep: null,
      note: null,
      fields: dict(),
      verifications: dict(),
      reports: dict(),
      documents: dict(),
      selfies: dict(),
      sessions: dict(),
      reusablePersona: null,
      startedAt: null,
      expiresAt: null,
      completedAt: null,
      failedAt: null,
      markedForReviewAt: null,
      decidedAt: null,
      expiredAt: null,
      redactedAt: null,
      referenceIdRedacted: false,
    };
  },
  evolve,
  piiPaths: [...IDENTITY_PII_PATHS, 'fields.*', 'note'],
  piiPathsWhen: (state) => (state.referenceIdRedacted ? ['referenceId'] : []),
});
