/**
 * Case: a Persona case (manual review), folded from `case.*`, `case-comment.created` and
 * `case-message.*`. Stream `case-<case_id>`.
 *
 * Case statuses are customer-defined with varying capitalisation (Open, OPEN, "In review"):
 * `status` is the comparable key (`open`, `in_review`) and `statusLabel` the spelling as sent,
 * for display.
 */
import type { Draft } from 'immer';
import { streamIdFor } from '../events/streams.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../events/types.js';
import { type AggregateDefinition, type BaseState, initialBase } from './aggregate.js';
import { pickString, put } from './json.js';
import { append } from './lists.js';
import {
  eventAction,
  eventFamily,
  isSelf,
  personaView,
  refOf,
  refsOf,
  signalsRedaction,
  takeFields,
  takeTags,
} from './persona.js';
import { statusKey } from './status.js';
import { sameList } from './tags.js';

export interface CaseNote {
  id: string;
  authorId: string | null;
  createdAt: string;
  /** PII: cleared on redaction. */
  body: string | null;
}

export interface CaseMessage extends CaseNote {
  direction: 'sent' | 'received';
}

export interface CaseState extends BaseState {
  kind: 'case';
  status: string | null;
  statusLabel: string | null;
  assigneeId: string | null;
  assignerId: string | null;
  /** Persona's resolution as sent (customer-defined, e.g. Approved / Declined), null when open. */
  resolution: string | null;
  resolverId: string | null;
  resolvedAt: string | null;
  /** Case queue id (relationship `case-queue`). */
  queue: string | null;
  templateId: string | null;
  slaExpiresAt: string | null;
  slaExpired: boolean;
  fields: Record<string, JsonValue>;
  inquiryIds: string[];
  accountIds: string[];
  comments: CaseNote[];
  messages: CaseMessage[];
  agentReviews: { at: string; agentId: string | null }[];
  exportedAt: string | null;
  printInitiatedAt: string | null;
  redactedAt: string | null;
}

export const caseStream = (id: string): string => streamIdFor('case', id);

const CASE_ACTIONS = new Set([
  'created',
  'assigned',
  'resolved',
  'reopened',
  'updated',
  'updated-fields',
  'updated-tags',
  'status-updated',
  'queue-updated',
  'sla-expired',
  'exported',
  'redacted',
  'agent-reviewed',
  'print-initiated',
]);

function setStatus(draft: Draft<CaseState>, label: string | null): void {
  put(draft, 'statusLabel', label);
  put(draft, 'status', label === null ? null : statusKey(label));
}

function takeCaseAttributes(
  draft: Draft<CaseState>,
  attributes: JsonObject,
  relationships: Record<string, unknown>,
): void {
  const status = pickString(attributes, 'status');
  if (status !== undefined) setStatus(draft, status);
  const strings = [
    ['assigneeId', 'assigneeId'],
    ['assignerId', 'assignerId'],
    ['resolution', 'resolution'],
    ['resolverId', 'resolverId'],
    ['resolvedAt', 'resolvedAt'],
    ['slaExpiresAt', 'slaExpiresAt'],
    ['redactedAt', 'redactedAt'],
  ] as const;
  for (const [field, key] of strings) {
    const value = pickString(attributes, key);
    if (value !== undefined) put(draft, field, value);
  }
  takeFields(draft.fields, attributes);
  takeTags(draft, attributes);
  if ('caseQueue' in relationships) put(draft, 'queue', refOf(relationships.caseQueue)?.id ?? null);
  const template = refOf(relationships.caseTemplate);
  if (template) put(draft, 'templateId', template.id);
  if ('inquiries' in relationships) {
    const ids = refsOf(relationships.inquiries).map((r) => r.id);
    if (!sameList(draft.inquiryIds, ids)) draft.inquiryIds = Object.freeze(ids) as string[];
  }
  if ('accounts' in relationships) {
    const ids = refsOf(relationships.accounts).map((r) => r.id);
    if (!sameList(draft.accountIds, ids)) draft.accountIds = Object.freeze(ids) as string[];
  }
}

function evolveCase(draft: Draft<CaseState>, event: RecordedEvent, action: string): void {
  const resource = personaView(event)?.resource;
  const self = resource !== undefined && isSelf(resource, 'case', draft.id);
  const attributes = self ? resource.attributes : {};
  if (self) takeCaseAttributes(draft, attributes, resource.relationships);
  const sent = (key: string): boolean => pickString(attributes, key) !== undefined;

  switch (action) {
    case 'created':
      if (draft.status === null) setStatus(draft, 'Open');
      break;
    case 'resolved':
      // A resolved case has a resolution time even when the payload leaves it out or null.
      if (draft.resolvedAt === null) draft.resolvedAt = event.occurredAt;
      if (draft.resolverId === null && event.actor) draft.resolverId = event.actor;
      break;
    case 'reopened':
      // Reopening undoes the resolution unless the payload says otherwise.
      if (!sent('status')) setStatus(draft, 'Open');
      if (!sent('resolution')) draft.resolution = null;
      if (!sent('resolvedAt')) draft.resolvedAt = null;
      if (!sent('resolverId')) draft.resolverId = null;
      draft.slaExpired = false;
      break;
    case 'sla-expired':
      draft.slaExpired = true;
      break;
    case 'exported':
      draft.exportedAt = event.occurredAt;
      break;
    case 'print-initiated':
      draft.printInitiatedAt = event.occurredAt;
      break;
    case 'agent-reviewed':
      append(draft, 'agentReviews', Object.freeze({ at: event.occurredAt, agentId: event.actor }));
      break;
  }
  if (signalsRedaction(event, self ? resource : undefined, 'case')) draft.redacted = true;
}

function note(event: RecordedEvent): CaseNote | undefined {
  const resource = personaView(event)?.resource;
  if (!resource) return undefined;
  const a = resource.attributes;
  return {
    id: resource.id,
    authorId: pickString(a, 'creatorId', 'authorId', 'userId') ?? event.actor,
    createdAt: pickString(a, 'createdAt') ?? event.occurredAt,
    body: pickString(a, 'body', 'text', 'content', 'message') ?? null,
  };
}

function evolve(draft: Draft<CaseState>, event: RecordedEvent): void {
  const family = eventFamily(event.type);
  const action = eventAction(event.type);
  if (family === 'case' && CASE_ACTIONS.has(action)) {
    evolveCase(draft, event, action);
  } else if (family === 'case-comment' && action === 'created') {
    const comment = note(event);
    if (comment && !draft.comments.some((c) => c.id === comment.id)) append(draft, 'comments', comment);
  } else if (family === 'case-message' && (action === 'sent' || action === 'received')) {
    const message = note(event);
    if (message && !draft.messages.some((m) => m.id === message.id))
      append(draft, 'messages', { ...message, direction: action });
  }
}

export const caseAggregate: AggregateDefinition<CaseState> = {
  kind: 'case',
  initial: (id) => ({
    ...initialBase(id, 'case'),
    status: null,
    statusLabel: null,
    assigneeId: null,
    assignerId: null,
    resolution: null,
    resolverId: null,
    resolvedAt: null,
    queue: null,
    templateId: null,
    slaExpiresAt: null,
    slaExpired: false,
    fields: {},
    inquiryIds: [],
    accountIds: [],
    comments: [],
    messages: [],
    agentReviews: [],
    exportedAt: null,
    printInitiatedAt: null,
    redactedAt: null,
  }),
  evolve,
  piiPaths: ['fields.*', 'comments.*.body', 'messages.*.body'],
};
