/**
 * Builders for delivery bodies shaped like real Persona webhooks and AiPrise callbacks, for tests
 * across the project. They return the body string exactly as the vendor would POST it, so tests can
 * sign those exact bytes.
 *
 *   personaDelivery({ name: 'inquiry.completed', resource: inquiryResource({ id: 'inq_1', status: 'completed', accountId: 'act_1' }) })
 *   aiPriseDelivery(tagsUpdated({ userProfileId: 'up_1', previous: ['A'], current: ['A', 'B'] }))
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { inflectKeys, type Inflection } from '../../src/events/inflection.js';

export type { Inflection };

export interface Ref {
  type: string;
  id: string;
}

/** A relationship target as the caller means it; `{}` is sent as `{ data: {} }` (Persona does that). */
export type RelationshipInput = Ref | Ref[] | null | Record<string, never>;

/** A Persona resource with camelCase keys; personaDelivery inflects them. */
export interface PersonaResourceInput {
  type: string;
  id: string;
  /** Omit to model an attribute blocklist that stripped them all. */
  attributes?: Record<string, unknown>;
  /** Relationship name (camelCase) -> target(s). Omit to model relationships turned off. */
  relationships?: Record<string, RelationshipInput>;
}

export interface PersonaDeliveryInput {
  /** Event name, e.g. `inquiry.completed`. */
  name: string;
  resource: PersonaResourceInput;
  /** ISO time; default now. */
  createdAt?: string;
  /** Event id; default a fresh `evt_…`. */
  id?: string;
  included?: PersonaResourceInput[];
  inflection?: Inflection;
}

export function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

function resourceBody(resource: PersonaResourceInput): Record<string, unknown> {
  const body: Record<string, unknown> = { type: resource.type, id: resource.id };
  if (resource.attributes !== undefined) body.attributes = resource.attributes;
  if (resource.relationships !== undefined) {
    const relationships: Record<string, unknown> = {};
    for (const [name, data] of Object.entries(resource.relationships)) relationships[name] = { data };
    body.relationships = relationships;
  }
  return body;
}

/**
 * Persona webhook body. Keys are inflected whole-body (envelope, attributes, field names,
 * relationship names); values, including resource types, are sent as given.
 */
export function personaDelivery(input: PersonaDeliveryInput): string {
  const body = {
    data: {
      type: 'event',
      id: input.id ?? randomId('evt'),
      attributes: {
        name: input.name,
        createdAt: input.createdAt ?? new Date().toISOString(),
        payload: {
          data: resourceBody(input.resource),
          included: (input.included ?? []).map(resourceBody),
        },
      },
    },
  };
  return JSON.stringify(inflectKeys(body, input.inflection ?? 'kebab'));
}

/** Persona typed field values: `{ type: 'string', value }`. */
export function stringField(value: string | null): { type: 'string'; value: string | null } {
  return { type: 'string', value };
}

const ISO = '2024-03-01T09:00:00.000Z';

export interface AccountInput {
  id: string;
  status?: string;
  referenceId?: string | null;
  tags?: string[];
  fields?: Record<string, unknown>;
  redactedAt?: string | null;
  attributes?: Record<string, unknown>;
}

export function accountResource(input: AccountInput): PersonaResourceInput {
  return {
    type: 'account',
    id: input.id,
    attributes: {
      referenceId: input.referenceId === undefined ? 'customer-123' : input.referenceId,
      accountTypeName: 'User',
      accountStatus: input.status ?? 'Default',
      tags: input.tags ?? [],
      fields: input.fields ?? { nameFirst: stringField('Alex'), nameLast: stringField('Sample') },
      createdAt: ISO,
      updatedAt: ISO,
      redactedAt: input.redactedAt ?? null,
      ...input.attributes,
    },
    relationships: { accountType: { type: 'account-type', id: 'acttp_default' } },
  };
}

export interface InquiryInput {
  id: string;
  status?: string;
  accountId?: string | null;
  referenceId?: string | null;
  tags?: string[];
  verificationIds?: Ref[];
  redactedAt?: string | null;
  attributes?: Record<string, unknown>;
}

export function inquiryResource(input: InquiryInput): PersonaResourceInput {
  return {
    type: 'inquiry',
    id: input.id,
    attributes: {
      status: input.status ?? 'created',
      referenceId: input.referenceId === undefined ? 'customer-123' : input.referenceId,
      note: null,
      tags: input.tags ?? [],
      createdAt: ISO,
      startedAt: null,
      completedAt: null,
      redactedAt: input.redactedAt ?? null,
      nameFirst: 'Alex',
      nameLast: 'Sample',
      birthdate: '1990-04-12',
      addressStreet1: '1 Sample Road',
      fields: { nameFirst: stringField('Alex'), nameLast: stringField('Sample') },
      ...input.attributes,
    },
    relationships: {
      account: input.accountId ? { type: 'account', id: input.accountId } : null,
      inquiryTemplate: { type: 'inquiry-template', id: 'itmpl_kyc' },
      verifications: input.verificationIds ?? [],
      reports: [],
    },
  };
}

export interface CaseInput {
  id: string;
  status?: string;
  accountIds?: string[];
  inquiryIds?: string[];
  assigneeId?: string | null;
  assignerId?: string | null;
  resolverId?: string | null;
  resolution?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
}

export function caseResource(input: CaseInput): PersonaResourceInput {
  return {
    type: 'case',
    id: input.id,
    attributes: {
      status: input.status ?? 'Open',
      name: 'Review',
      resolution: input.resolution ?? null,
      assigneeId: input.assigneeId ?? null,
      assignerId: input.assignerId ?? null,
      resolverId: input.resolverId ?? null,
      creatorId: null,
      creatorType: 'workflow',
      createdAt: ISO,
      assignedAt: null,
      resolvedAt: null,
      slaExpiresAt: '2024-03-03T09:00:00.000Z',
      redactedAt: null,
      tags: input.tags ?? [],
      fields: {},
      ...input.attributes,
    },
    relationships: {
      accounts: (input.accountIds ?? []).map((id) => ({ type: 'account', id })),
      inquiries: (input.inquiryIds ?? []).map((id) => ({ type: 'inquiry', id })),
      caseQueue: { type: 'case-queue', id: 'cq_default' },
      caseTemplate: { type: 'case-template', id: 'ctmpl_default' },
    },
  };
}

export interface VerificationInput {
  id: string;
  /** Verification type after `verification/`: `government-id`, `selfie`, `database`, … */
  kind?: string;
  status?: string;
  inquiryId?: string | null;
  accountId?: string | null;
  attributes?: Record<string, unknown>;
}

export function verificationResource(input: VerificationInput): PersonaResourceInput {
  const relationships: Record<string, RelationshipInput> = {
    inquiry: input.inquiryId ? { type: 'inquiry', id: input.inquiryId } : null,
    template: { type: 'verification-template', id: 'vtmpl_gov' },
  };
  if (input.accountId) relationships.account = { type: 'account', id: input.accountId };
  return {
    type: `verification/${input.kind ?? 'government-id'}`,
    id: input.id,
    attributes: {
      status: input.status ?? 'submitted',
      createdAt: ISO,
      submittedAt: ISO,
      completedAt: null,
      countryCode: 'GB',
      checks: [{ name: 'id_expired_detection', status: 'passed', reasons: [], requirement: 'required' }],
      ...input.attributes,
    },
    relationships,
  };
}

export interface ReportInput {
  id: string;
  /** Report type after `report/`: `watchlist`, `adverse-media`, … */
  kind?: string;
  status?: string;
  inquiryId?: string | null;
  accountId?: string | null;
  attributes?: Record<string, unknown>;
}

export function reportResource(input: ReportInput): PersonaResourceInput {
  const relationships: Record<string, RelationshipInput> = {
    inquiry: input.inquiryId ? { type: 'inquiry', id: input.inquiryId } : null,
    reportTemplate: { type: 'report-template', id: 'rptp_watch' },
  };
  if (input.accountId) relationships.account = { type: 'account', id: input.accountId };
  return {
    type: `report/${input.kind ?? 'watchlist'}`,
    id: input.id,
    attributes: {
      status: input.status ?? 'ready',
      createdAt: ISO,
      completedAt: ISO,
      redactedAt: null,
      hasMatch: false,
      tags: [],
      ...input.attributes,
    },
    relationships,
  };
}

export interface TransactionInput {
  id: string;
  status?: string;
  accountId?: string | null;
  attributes?: Record<string, unknown>;
}

export function transactionResource(input: TransactionInput): PersonaResourceInput {
  return {
    type: 'transaction',
    id: input.id,
    attributes: {
      status: input.status ?? 'pending',
      referenceId: 'txn-ref-1',
      tags: [],
      fields: { amount: { type: 'hash', value: { currency: { type: 'string', value: 'EUR' } } } },
      createdAt: ISO,
      redactedAt: null,
      ...input.attributes,
    },
    relationships: {
      account: input.accountId ? { type: 'account', id: input.accountId } : null,
      transactionType: { type: 'transaction-type', id: 'txntp_payment' },
    },
  };
}

// ---- AiPrise: payloads are snake_case as the vendor sends them.

/** AiPrise callback body: the payload serialised as given (snake_case keys). */
export function aiPriseDelivery(payload: Record<string, unknown>): string {
  return JSON.stringify(payload);
}

export interface TagsUpdatedInput {
  userProfileId: string;
  previous: string[];
  current: string[];
  callbackEventId?: string;
  clientReferenceId?: string;
}

export function tagsUpdated(input: TagsUpdatedInput): Record<string, unknown> {
  return {
    user_profile_id: input.userProfileId,
    user_profile_event_type: 'TAGS_UPDATED',
    client_reference_id: input.clientReferenceId ?? 'client-ref-1',
    client_reference_data: {},
    callback_event_id: input.callbackEventId ?? randomUUID(),
    previous_tags: input.previous,
    current_tags: input.current,
    changes: {
      added: input.current.filter((t) => !input.previous.includes(t)),
      removed: input.previous.filter((t) => !input.current.includes(t)),
    },
  };
}

export interface AddressInput {
  street?: string;
  city?: string;
  postal_code?: string;
  country?: string;
}

export function addressUpdated(input: {
  userProfileId: string;
  previous: AddressInput | null;
  current: AddressInput;
  authorId?: string;
}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    user_profile_id: input.userProfileId,
    user_profile_event_type: 'ADDRESS_UPDATED',
    previous: input.previous,
    current: input.current,
  };
  if (input.authorId) body.author_id = input.authorId;
  return body;
}

export function amlHitResolved(input: {
  userProfileId: string;
  hitId: string;
  status?: string;
  resolvedBy?: string;
  callbackEventId?: string;
  verificationSessionId?: string;
}): Record<string, unknown> {
  return {
    user_profile_id: input.userProfileId,
    user_profile_event_type: 'AML_HIT_RESOLVED',
    client_reference_id: 'client-ref-1',
    client_reference_data: {},
    callback_event_id: input.callbackEventId ?? randomUUID(),
    verification_session_id: input.verificationSessionId ?? 'vs_aml1',
    aml_hit: {
      entity_hit_id: input.hitId,
      entity_id: 'ext_entity_9',
      name: 'Sam Example',
      entity_type: 'PERSON',
      hit_types: ['PEP'],
      name_match_score: 0.82,
      date_of_birth: '1971-02-03',
      also_known_as: ['S. Example'],
    },
    resolution: {
      status: input.status ?? 'RESOLVED',
      comment: 'Different person: date of birth does not match',
      resolved_by: input.resolvedBy ?? 'reviewer@example.com',
    },
  };
}
