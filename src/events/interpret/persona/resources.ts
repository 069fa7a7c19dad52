/**
 * A Persona resource (normalised: camelCased, relationships flattened to refs) -> the facts the
 * aggregates fold. Which attribute holds what, per resource type, is decided here and nowhere else.
 */
import type {
  AccountFacts,
  CaseFacts,
  DocumentFacts,
  InquiryFacts,
  NoteFacts,
  OtherFacts,
  Ref,
  ReportFacts,
  ResourceFacts,
  ResourceFactsBase,
  SelfieFacts,
  SessionFacts,
  TransactionFacts,
  VerificationFacts,
} from '../../domain/persona.js';
import type { PersonaResource, ResourceRef } from '../../normalised.js';
import type { JsonObject } from '../../types.js';
import { bool, text, textList, time } from '../read.js';
import { fieldsOf } from './fields.js';
import { identityOf } from './identity.js';

/** `verification/government-id` -> [`verification`, `government-id`]; `selfie` -> [`selfie`, `selfie`]. */
export function splitType(type: string): [family: string, subtype: string] {
  const slash = type.indexOf('/');
  return slash < 0 ? [type, type] : [type.slice(0, slash), type.slice(slash + 1)];
}

type Relationships = PersonaResource['relationships'];

function refsOf(target: ResourceRef | ResourceRef[] | null | undefined): Ref[] {
  if (!target) return [];
  return Array.isArray(target) ? target : [target];
}

function has(relationships: Relationships, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(relationships, name);
}

/** The id a to-one relationship names: undefined when not sent, null when sent empty. */
function oneId(relationships: Relationships, ...names: string[]): string | null | undefined {
  for (const name of names) {
    if (!has(relationships, name)) continue;
    const refs = refsOf(relationships[name]);
    return refs[0]?.id ?? null;
  }
  return undefined;
}

/** Ids of a to-many relationship; undefined when not sent. */
function manyIds(relationships: Relationships, name: string): string[] | undefined {
  return has(relationships, name) ? refsOf(relationships[name]).map((r) => r.id) : undefined;
}

/** Every relationship target of `type`, in relationship order. */
function targetsOfType(relationships: Relationships, type: string): Ref[] {
  const out: Ref[] = [];
  for (const name of Object.keys(relationships)) {
    for (const ref of refsOf(relationships[name])) if (ref.type === type) out.push(ref);
  }
  return out;
}

/** What every resource may carry (times, redaction, tags, status), set on `facts` when sent. */
function takeCommon<T extends ResourceFactsBase>(
  facts: T,
  a: JsonObject,
  fields: ResourceFactsBase['fields'],
): T {
  // Named stores, not assign(facts, key, …): each site stays monomorphic (this runs per event).
  const createdAt = time(a, 'createdAt');
  if (createdAt !== undefined) facts.createdAt = createdAt;
  const updatedAt = time(a, 'updatedAt');
  if (updatedAt !== undefined) facts.updatedAt = updatedAt;
  const redactedAt = time(a, 'redactedAt');
  if (redactedAt !== undefined) facts.redactedAt = redactedAt;
  const tags = textList(a, 'tags');
  if (tags !== undefined) facts.tags = tags;
  const status = text(a, 'status');
  if (status !== undefined) facts.status = status;
  if (fields !== undefined) facts.fields = fields;
  return facts;
}

/** Facts of a resource with no identity of its own: what every resource carries, plus `extra`. */
function factsOf<T extends ResourceFactsBase>(resource: PersonaResource, extra: Omit<T, 'type' | 'id'>): T {
  const a = resource.attributes;
  return takeCommon({ type: resource.type, id: resource.id, ...extra } as T, a, fieldsOf(a));
}

/** Sets `key` on `target` only when the value was sent. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

// Relationship names that point at the other account of a consolidation, most specific first.
const CONSOLIDATION = /consolidat|into|merge|survivor|target|source/i;

function account(resource: PersonaResource): AccountFacts {
  const a = resource.attributes;
  const fields = fieldsOf(a);
  const facts = takeCommon<AccountFacts>(
    {
      kind: 'account',
      type: resource.type,
      id: resource.id,
      identity: identityOf(a, fields),
      otherAccountIds: [],
    },
    a,
    fields,
  );
  // Accounts have customer-defined statuses; some payloads name the attribute account-status.
  assign(facts, 'status', text(a, 'status', 'accountStatus'));
  assign(facts, 'referenceId', text(a, 'referenceId'));
  assign(facts, 'accountType', text(a, 'accountTypeName'));
  assign(facts, 'accountTypeId', oneId(resource.relationships, 'accountType'));
  const ranked = [
    ...Object.keys(resource.relationships).filter((name) => CONSOLIDATION.test(name)),
    ...Object.keys(resource.relationships),
  ];
  for (const name of ranked) {
    for (const ref of refsOf(resource.relationships[name])) {
      if (ref.type === 'account' && ref.id !== resource.id && !facts.otherAccountIds.includes(ref.id))
        facts.otherAccountIds.push(ref.id);
    }
  }
  return facts;
}

function inquiry(resource: PersonaResource): InquiryFacts {
  const a = resource.attributes;
  const r = resource.relationships;
  const fields = fieldsOf(a);
  const facts = takeCommon<InquiryFacts>(
    { kind: 'inquiry', type: resource.type, id: resource.id, identity: identityOf(a, fields), related: {} },
    a,
    fields,
  );
  // Named stores, as in takeCommon: inquiry streams are the longest Persona folds.
  const referenceId = text(a, 'referenceId');
  if (referenceId !== undefined) facts.referenceId = referenceId;
  const note = text(a, 'note');
  if (note !== undefined) facts.note = note;
  const step = text(a, 'currentStepName', 'nextStepName');
  if (step !== undefined) facts.step = step;
  const previousStep = text(a, 'previousStepName');
  if (previousStep !== undefined) facts.previousStep = previousStep;
  const expiresAt = time(a, 'expiresAt');
  if (expiresAt !== undefined) facts.expiresAt = expiresAt;
  const startedAt = time(a, 'startedAt');
  if (startedAt !== undefined) facts.startedAt = startedAt;
  const completedAt = time(a, 'completedAt');
  if (completedAt !== undefined) facts.completedAt = completedAt;
  const failedAt = time(a, 'failedAt');
  if (failedAt !== undefined) facts.failedAt = failedAt;
  const markedForReviewAt = time(a, 'markedForReviewAt');
  if (markedForReviewAt !== undefined) facts.markedForReviewAt = markedForReviewAt;
  const decidedAt = time(a, 'decisionedAt');
  if (decidedAt !== undefined) facts.decidedAt = decidedAt;
  const expiredAt = time(a, 'expiredAt');
  if (expiredAt !== undefined) facts.expiredAt = expiredAt;
  const accountId = oneId(r, 'account');
  if (accountId !== undefined) facts.accountId = accountId;
  // Current versions name the template `inquiry-template`; older ones `template`.
  const template = oneId(r, 'inquiryTemplate');
  const templateId = template ?? oneId(r, 'template') ?? template;
  if (templateId !== undefined) facts.templateId = templateId;
  for (const name of ['verifications', 'reports', 'documents', 'selfies', 'sessions'] as const) {
    if (has(r, name)) facts.related[name] = refsOf(r[name]);
  }
  return facts;
}

function caseFacts(resource: PersonaResource): CaseFacts {
  const a = resource.attributes;
  const r = resource.relationships;
  const facts = factsOf<CaseFacts>(resource, { kind: 'case' });
  assign(facts, 'name', text(a, 'name'));
  assign(facts, 'assignedAt', time(a, 'assignedAt'));
  assign(facts, 'assignerType', text(a, 'assignerType'));
  assign(facts, 'resolution', text(a, 'resolution'));
  assign(facts, 'assigneeId', text(a, 'assigneeId'));
  assign(facts, 'assignerId', text(a, 'assignerId'));
  assign(facts, 'resolverId', text(a, 'resolverId'));
  assign(facts, 'resolvedAt', time(a, 'resolvedAt'));
  assign(facts, 'slaExpiresAt', time(a, 'slaExpiresAt'));
  assign(facts, 'queueId', oneId(r, 'caseQueue'));
  assign(facts, 'templateId', oneId(r, 'caseTemplate'));
  assign(facts, 'inquiryIds', manyIds(r, 'inquiries'));
  assign(facts, 'accountIds', manyIds(r, 'accounts'));
  assign(facts, 'commentIds', manyIds(r, 'caseComments'));
  assign(facts, 'transactionIds', manyIds(r, 'txns') ?? manyIds(r, 'transactions'));
  assign(facts, 'reportIds', manyIds(r, 'reports'));
  assign(facts, 'verificationIds', manyIds(r, 'verifications'));
  return facts;
}

function note(resource: PersonaResource): NoteFacts {
  const a = resource.attributes;
  const facts = factsOf<NoteFacts>(resource, { kind: 'note' });
  assign(facts, 'authorId', text(a, 'creatorId', 'authorId', 'userId', 'creator'));
  assign(facts, 'body', text(a, 'body', 'text', 'content', 'message'));
  return facts;
}

function verification(resource: PersonaResource, subtype: string): VerificationFacts {
  const a = resource.attributes;
  const facts = factsOf<VerificationFacts>(resource, { kind: 'verification', subtype });
  assign(facts, 'inquiryId', oneId(resource.relationships, 'inquiry'));
  assign(facts, 'submittedAt', time(a, 'submittedAt'));
  assign(facts, 'completedAt', time(a, 'completedAt'));
  return facts;
}

function report(resource: PersonaResource, subtype: string): ReportFacts {
  const a = resource.attributes;
  const facts = factsOf<ReportFacts>(resource, { kind: 'report', subtype });
  assign(facts, 'hasMatch', bool(a, 'hasMatch'));
  assign(facts, 'completedAt', time(a, 'completedAt'));
  return facts;
}

function transaction(resource: PersonaResource): TransactionFacts {
  const a = resource.attributes;
  const facts = factsOf<TransactionFacts>(resource, { kind: 'transaction' });
  assign(facts, 'referenceId', text(a, 'referenceId'));
  assign(facts, 'transactionTypeId', oneId(resource.relationships, 'transactionType'));
  return facts;
}

function other(resource: PersonaResource): OtherFacts {
  const a = resource.attributes;
  const facts = factsOf<OtherFacts>(resource, { kind: 'other' });
  assign(facts, 'name', text(a, 'name'));
  return facts;
}

export function resourceFacts(resource: PersonaResource): ResourceFacts {
  const [family, subtype] = splitType(resource.type);
  switch (family) {
    case 'account':
      return account(resource);
    case 'inquiry':
      return inquiry(resource);
    case 'case':
      return caseFacts(resource);
    case 'case-comment':
    case 'case-message':
      return note(resource);
    case 'verification':
      return verification(resource, subtype);
    case 'report':
      return report(resource, subtype);
    case 'document':
      return factsOf<DocumentFacts>(resource, { kind: 'document', subtype });
    case 'selfie':
      return factsOf<SelfieFacts>(resource, { kind: 'selfie' });
    case 'inquiry-session':
    case 'session':
      return factsOf<SessionFacts>(resource, { kind: 'session' });
    case 'transaction':
      return transaction(resource);
    default:
      return other(resource);
  }
}

/** Accounts named anywhere in the relationships (a transaction's related objects). */
export function accountTargets(resource: PersonaResource): Ref[] {
  return targetsOfType(resource.relationships, 'account');
}
