/**
 * Inquiry: a Persona inquiry, folded from `inquiry.*` plus the inquiry-session, verification,
 * report, document and selfie events intake routed to its stream. Stream `inquiry-<inq_id>`.
 */
import type { Draft } from 'immer';
import { streamIdFor } from '../events/streams.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../events/types.js';
import type { PersonaResource } from '../events/normalised.js';
import { type AggregateDefinition, type BaseState, initialBase } from './aggregate.js';
import { pickString, put } from './json.js';
import {
  IDENTITY_PII_PATHS,
  type PersonIdentity,
  eventAction,
  eventFamily,
  isSelf,
  personaView,
  refOf,
  resourceFamily,
  resourceSubtype,
  signalsRedaction,
  takeFields,
  takeIdentity,
  takeTags,
} from './persona.js';
import { statusKey } from './status.js';

export interface VerificationSummary {
  /** `government-id`, `selfie`, `database`, … (the part after `verification/`). */
  type: string;
  status: string | null;
}

export interface ReportSummary {
  /** `watchlist`, `politically-exposed-person`, … (the part after `report/`). */
  type: string;
  status: string | null;
  matched: boolean;
  dismissed: boolean;
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
  /** Current step of a dynamic flow (`inquiry.transitioned`), when Persona sends it. */
  step: string | null;
  note: string | null;
  fields: Record<string, JsonValue>;
  verifications: Record<string, VerificationSummary>;
  reports: Record<string, ReportSummary>;
  documents: Record<string, DocumentSummary>;
  selfies: Record<string, { status: string | null }>;
  /** Device sessions (`inquiry-session.*`) by id. */
  sessions: Record<string, { status: string | null }>;
  /** Last reusable-persona outcome: created, updated, used, assurance-failed. */
  reusablePersona: string | null;
  completedAt: string | null;
  decidedAt: string | null;
  expiredAt: string | null;
  redactedAt: string | null;
}

export const inquiryStream = (id: string): string => streamIdFor('inquiry', id);

/** Status an inquiry event implies when its payload does not carry `status`. */
const INQUIRY_STATUS: Record<string, string | undefined> = {
  created: 'created',
  started: 'pending',
  completed: 'completed',
  failed: 'failed',
  expired: 'expired',
  'marked-for-review': 'needs_review',
  approved: 'approved',
  declined: 'declined',
};

const INQUIRY_ACTIONS = new Set([
  ...Object.keys(INQUIRY_STATUS),
  'transitioned',
  'redacted',
  'updated-tags',
  'reusable-persona-created',
  'reusable-persona-updated',
  'reusable-persona-used',
  'reusable-persona-assurance-failed',
]);

const VERIFICATION_STATUS: Record<string, string | undefined> = {
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

const REPORT_STATUS: Record<string, string | undefined> = {
  submitted: 'pending',
  ready: 'ready',
  errored: 'errored',
  matched: undefined,
  dismissed: undefined,
  reviewed: undefined,
  changed: undefined,
};

const DOCUMENT_STATUS: Record<string, string | undefined> = {
  created: 'initiated',
  submitted: 'submitted',
  pending: 'pending',
  extracted: undefined,
  processed: 'processed',
  errored: 'errored',
};

const SELFIE_STATUS: Record<string, string | undefined> = {
  created: 'initiated',
  submitted: 'submitted',
  processed: 'processed',
  errored: 'errored',
};

/** `inquiry-session.*`, and `session.*` that intake routed to the inquiry. */
const SESSION_STATUS: Record<string, string | undefined> = {
  created: 'active',
  started: 'active',
  expired: 'expired',
  canceled: 'canceled',
};

/** Sent status (normalised) first, else the status the event name implies, else unchanged. */
function statusFrom(
  attributes: JsonObject,
  action: string,
  implied: Record<string, string | undefined>,
): string | null | undefined {
  const sent = pickString(attributes, 'status');
  if (sent !== undefined) return sent === null ? null : statusKey(sent);
  return implied[action];
}

function known(map: Record<string, string | undefined>, action: string): boolean {
  return Object.prototype.hasOwnProperty.call(map, action);
}

function takeInquiry(
  draft: Draft<InquiryState>,
  event: RecordedEvent,
  action: string,
  resource: PersonaResource | undefined,
): void {
  const self = resource !== undefined && isSelf(resource, 'inquiry', draft.id);
  const attributes = self ? resource.attributes : {};
  const status = statusFrom(attributes, action, INQUIRY_STATUS);
  if (status !== undefined) put(draft, 'status', status);
  if (self) {
    const referenceId = pickString(attributes, 'referenceId');
    if (referenceId !== undefined) put(draft, 'referenceId', referenceId);
    const note = pickString(attributes, 'note');
    if (note !== undefined) put(draft, 'note', note);
    const step = pickString(attributes, 'currentStepName', 'nextStepName');
    if (step !== undefined) put(draft, 'step', step);
    const redactedAt = pickString(attributes, 'redactedAt');
    if (redactedAt !== undefined) put(draft, 'redactedAt', redactedAt);
    takeFields(draft.fields, attributes);
    takeTags(draft, attributes);
    takeIdentity(draft, attributes);
    const accountRef = refOf(resource.relationships.account);
    if (accountRef) put(draft, 'accountId', accountRef.id);
    const templateRef = refOf(resource.relationships.inquiryTemplate ?? resource.relationships.template);
    if (templateRef) put(draft, 'templateId', templateRef.id);
  }
  const at = (key: string): string => pickString(attributes, key) ?? event.occurredAt;
  if (action === 'completed') draft.completedAt = at('completedAt');
  if (action === 'approved' || action === 'declined') draft.decidedAt = at('decisionedAt');
  if (action === 'expired') draft.expiredAt = at('expiredAt');
  if (action.startsWith('reusable-persona-'))
    draft.reusablePersona = action.slice('reusable-persona-'.length);
  if (signalsRedaction(event, self ? resource : undefined, 'inquiry')) draft.redacted = true;
}

function evolve(draft: Draft<InquiryState>, event: RecordedEvent): void {
  const family = eventFamily(event.type);
  const action = eventAction(event.type);
  const resource = personaView(event)?.resource;

  if (family === 'inquiry') {
    if (INQUIRY_ACTIONS.has(action)) takeInquiry(draft, event, action, resource);
    return;
  }
  if (!resource) return;
  const attributes = resource.attributes;
  const kind = resourceFamily(family);

  if (kind === 'verification' && known(VERIFICATION_STATUS, action)) {
    const entry = (draft.verifications[resource.id] ??= {
      type: resourceSubtype(resource.type),
      status: null,
    });
    const status = statusFrom(attributes, action, VERIFICATION_STATUS);
    if (status !== undefined) entry.status = status;
  } else if (kind === 'report' && known(REPORT_STATUS, action)) {
    const entry = (draft.reports[resource.id] ??= {
      type: resourceSubtype(family),
      status: null,
      matched: false,
      dismissed: false,
    });
    const status = statusFrom(attributes, action, REPORT_STATUS);
    if (status !== undefined) entry.status = status;
    if (typeof attributes.hasMatch === 'boolean') entry.matched = attributes.hasMatch;
    if (action === 'matched') entry.matched = true;
    if (action === 'dismissed') entry.dismissed = true;
  } else if (kind === 'document' && known(DOCUMENT_STATUS, action)) {
    const entry = (draft.documents[resource.id] ??= { type: resourceSubtype(resource.type), status: null });
    const status = statusFrom(attributes, action, DOCUMENT_STATUS);
    if (status !== undefined) entry.status = status;
  } else if (kind === 'selfie' && known(SELFIE_STATUS, action)) {
    const entry = (draft.selfies[resource.id] ??= { status: null });
    const status = statusFrom(attributes, action, SELFIE_STATUS);
    if (status !== undefined) entry.status = status;
  } else if ((kind === 'inquiry-session' || kind === 'session') && known(SESSION_STATUS, action)) {
    const entry = (draft.sessions[resource.id] ??= { status: null });
    const status = statusFrom(attributes, action, SESSION_STATUS);
    if (status !== undefined) entry.status = status;
  }
}

export const inquiry: AggregateDefinition<InquiryState> = {
  kind: 'inquiry',
  initial: (id) => ({
    ...initialBase(id, 'inquiry'),
    status: null,
    accountId: null,
    referenceId: null,
    templateId: null,
    step: null,
    note: null,
    fields: {},
    verifications: {},
    reports: {},
    documents: {},
    selfies: {},
    sessions: {},
    reusablePersona: null,
    completedAt: null,
    decidedAt: null,
    expiredAt: null,
    redactedAt: null,
    name: null,
    birthdate: null,
    address: null,
    email: null,
    phone: null,
  }),
  evolve,
  piiPaths: [...IDENTITY_PII_PATHS, 'fields.*', 'note'],
};
