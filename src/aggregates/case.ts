/**
 * Case: a Persona case (manual review), folded from `case.*`, `case-comment.created` and
 * `case-message.*`. Stream `case-<case_id>`.
 *
 * Case statuses are customer-defined with varying capitalisation (Open, OPEN, "In review"):
 * `status` is the comparable key (`open`, `in_review`) and `statusLabel` the spelling as sent,
 * for display.
 */
import { dict, type Dict } from '../events/dict.js';
import type {
  CaseCommentEvent,
  CaseEvent,
  CaseFacts,
  CaseMessageEvent,
  NoteFacts,
  OtherPersonaEvent,
  PersonaDomainEvent,
  ResourceFacts,
} from '../events/domain/persona.js';
import type { EventMeta } from '../events/domain/meta.js';
import { streamIdFor } from '../events/streams.js';
import type { JsonValue } from '../events/types.js';
import { type BaseState, personaAggregate } from './aggregate.js';
import { take, takeFields, takeTags } from './resource-state.js';
import { statusKey } from './status.js';

export interface CaseNote {
  id: string;
  authorId: string | null;
  /** Null for a comment known only from the case's `case-comments` relationship. */
  createdAt: string | null;
  /** PII: cleared on redaction. */
  body: string | null;
}

export interface CaseMessage extends CaseNote {
  direction: 'sent' | 'received';
}

export interface CaseState extends BaseState {
  kind: 'case';
  /** The case's human-readable name (`KCAS-1`). */
  name: string | null;
  status: string | null;
  statusLabel: string | null;
  assigneeId: string | null;
  assignerId: string | null;
  /** What assigned it: user, workflow-run or case-assignment-policy. */
  assignerType: string | null;
  assignedAt: string | null;
  /** Persona's resolution as sent (customer-defined, e.g. Approved / Declined), null when open. */
  resolution: string | null;
  resolverId: string | null;
  resolvedAt: string | null;
  /** Case queue id (relationship `case-queue`). */
  queue: string | null;
  templateId: string | null;
  slaExpiresAt: string | null;
  slaExpired: boolean;
  fields: Dict<JsonValue>;
  inquiryIds: string[];
  accountIds: string[];
  transactionIds: string[];
  reportIds: string[];
  verificationIds: string[];
  comments: CaseNote[];
  messages: CaseMessage[];
  agentReviews: { at: string; agentId: string | null }[];
  exportedAt: string | null;
  printInitiatedAt: string | null;
  redactedAt: string | null;
}

export const caseStream = (id: string): string => streamIdFor('case', id);

function self(state: CaseState, resource: ResourceFacts): CaseFacts | undefined {
  return resource.kind === 'case' && resource.id === state.id ? resource : undefined;
}

function setStatus(state: CaseState, label: string | null): void {
  state.statusLabel = label;
  state.status = label === null ? null : statusKey(label);
}

function takeCase(state: CaseState, facts: CaseFacts): void {
  if (facts.status !== undefined) setStatus(state, facts.status);
  take(state, 'name', facts.name);
  take(state, 'assigneeId', facts.assigneeId);
  take(state, 'assignerId', facts.assignerId);
  take(state, 'assignerType', facts.assignerType);
  take(state, 'assignedAt', facts.assignedAt);
  take(state, 'resolution', facts.resolution);
  take(state, 'resolverId', facts.resolverId);
  take(state, 'resolvedAt', facts.resolvedAt);
  take(state, 'slaExpiresAt', facts.slaExpiresAt);
  take(state, 'redactedAt', facts.redactedAt);
  take(state, 'queue', facts.queueId);
  if (facts.templateId) state.templateId = facts.templateId;
  take(state, 'inquiryIds', facts.inquiryIds);
  take(state, 'accountIds', facts.accountIds);
  take(state, 'transactionIds', facts.transactionIds);
  take(state, 'reportIds', facts.reportIds);
  take(state, 'verificationIds', facts.verificationIds);
  // The case lists its comments; their text arrives with case-comment.created, if subscribed.
  for (const id of facts.commentIds ?? []) {
    if (!state.comments.some((c) => c.id === id))
      state.comments.push({ id, authorId: null, createdAt: null, body: null });
  }
  takeFields(state.fields, facts.fields);
  takeTags(state, facts.tags);
  if (facts.redactedAt) state.redacted = true;
}

function caseEvent(state: CaseState, event: CaseEvent): void {
  const facts = self(state, event.resource);
  if (facts) takeCase(state, facts);
  const sent = (key: keyof CaseFacts): boolean => facts?.[key] !== undefined;
  switch (event.action) {
    case 'created':
      if (state.status === null) setStatus(state, 'Open');
      break;
    case 'resolved':
      // A resolved case has a resolution time even when the payload leaves it out or null.
      state.resolvedAt ??= event.meta.occurredAt;
      state.resolverId ??= event.meta.actor;
      break;
    case 'reopened':
      // Reopening undoes the resolution unless the payload says otherwise.
      if (!sent('status')) setStatus(state, 'Open');
      if (!sent('resolution')) state.resolution = null;
      if (!sent('resolvedAt')) state.resolvedAt = null;
      if (!sent('resolverId')) state.resolverId = null;
      state.slaExpired = false;
      break;
    case 'sla-expired':
      state.slaExpired = true;
      break;
    case 'exported':
      state.exportedAt = event.meta.occurredAt;
      break;
    case 'print-initiated':
      state.printInitiatedAt = event.meta.occurredAt;
      break;
    case 'agent-reviewed':
      state.agentReviews.push({ at: event.meta.occurredAt, agentId: event.meta.actor });
      break;
    case 'redacted':
      state.redacted = true;
      state.redactedAt ??= event.meta.occurredAt;
      break;
    case 'assigned':
      if (!sent('assignedAt')) state.assignedAt = event.meta.occurredAt;
      break;
    case 'updated':
    case 'updated-fields':
    case 'updated-tags':
    case 'status-updated':
    case 'queue-updated':
      break;
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

function noteOf(facts: NoteFacts, meta: EventMeta): CaseNote {
  return {
    id: facts.id,
    authorId: facts.authorId ?? meta.actor,
    createdAt: facts.createdAt ?? meta.occurredAt,
    body: facts.body ?? null,
  };
}

function commentEvent(state: CaseState, event: CaseCommentEvent): void {
  const facts = event.resource;
  switch (event.action) {
    case 'created': {
      if (facts.kind !== 'note') return;
      const note = noteOf(facts, event.meta);
      const at = state.comments.findIndex((c) => c.id === facts.id);
      if (at < 0) state.comments.push(note);
      else if (state.comments[at]!.createdAt === null) state.comments[at] = note;
      return;
    }
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

function messageEvent(state: CaseState, event: CaseMessageEvent): void {
  const facts = event.resource;
  if (facts.kind !== 'note' || state.messages.some((m) => m.id === facts.id)) return;
  switch (event.action) {
    case 'sent':
    case 'received':
      state.messages.push({ ...noteOf(facts, event.meta), direction: event.action });
      return;
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

/** A name the catalog does not know: only a redaction signal on the case itself applies. */
function otherEvent(state: CaseState, event: OtherPersonaEvent): void {
  if (self(state, event.resource)?.redactedAt) state.redacted = true;
}

/** The event families this aggregate folds. */
const FAMILIES = ['case', 'case-comment', 'case-message', 'other'] as const;
type CaseEvents = Extract<PersonaDomainEvent, { family: (typeof FAMILIES)[number] }>;

function evolve(state: CaseState, event: CaseEvents): void {
  switch (event.family) {
    case 'case':
      return caseEvent(state, event);
    case 'case-comment':
      return commentEvent(state, event);
    case 'case-message':
      return messageEvent(state, event);
    case 'other':
      return otherEvent(state, event);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const caseAggregate = personaAggregate(FAMILIES, {
  kind: 'case',
  // One literal, initialBase's fields written out: in V8 a literal that
  // spreads them and then adds its own fields takes a slow path, and Object.assign leaves a
  // dictionary-mode object; this runs once per stream folded.
  // test/aggregates/initial-state.test.ts keeps the written-out fields equal to initialBase's.
  initial: (id): CaseState => {
    return {
      id,
      kind: 'case',
      version: 0,
      tags: [],
      createdAt: null,
      updatedAt: null,
      redacted: false,
      anomalies: [],
      name: null,
      status: null,
      statusLabel: null,
      assigneeId: null,
      assignerId: null,
      assignerType: null,
      assignedAt: null,
      resolution: null,
      resolverId: null,
      resolvedAt: null,
      queue: null,
      templateId: null,
      slaExpiresAt: null,
      slaExpired: false,
      fields: dict(),
      inquiryIds: [],
      accountIds: [],
      transactionIds: [],
      reportIds: [],
      verificationIds: [],
      comments: [],
      messages: [],
      agentReviews: [],
      exportedAt: null,
      printInitiatedAt: null,
      redactedAt: null,
    };
  },
  evolve,
  piiPaths: ['fields.*', 'comments.*.body', 'messages.*.body'],
});
