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
  /** The event's `context` (camelCase keys), e.g. a relation event's other side. */
  context?: Record<string, unknown>;
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
        ...(input.context ? { context: input.context } : {}),
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
      // Accounts carry identity as typed fields: `name` and `address` hashes (Persona's account schema).
      fields: input.fields ?? {
        name: { type: 'hash', value: { first: stringField('Alex'), last: stringField('Sample') } },
      },
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

export interface MediaInput {
  userProfileId: string;
  fileUuid: string;
  mediaType?: string;
  uploadedBy?: string;
  uploadedAt?: number;
  type?: 'ADD_ADDITIONAL_MEDIA' | 'UPDATE_ADDITIONAL_MEDIA' | 'DELETE_ADDITIONAL_MEDIA';
}

export function additionalMedia(input: MediaInput): Record<string, unknown> {
  return {
    user_profile_id: input.userProfileId,
    user_profile_event_type: input.type ?? 'ADD_ADDITIONAL_MEDIA',
    file_uuid: input.fileUuid,
    media_type: input.mediaType ?? 'UTILITY_BILL',
    uploaded_by: input.uploadedBy ?? 'api_key_main',
    uploaded_at: input.uploadedAt ?? 1_709_283_600_000,
  };
}

/** A workflow-result callback; `decisionField` picks which of AiPrise's two decision spellings is sent. */
export function userVerificationResult(input: {
  userProfileId: string;
  result: string;
  sessionId?: string;
  decisionField?: 'decision' | 'verification_result';
  type?: 'RUN_USER_VERIFICATION' | 'RUN_DOCUMENT_CHECK' | 'MAKE_DECISION' | 'RUN_RISK_SCORING';
}): Record<string, unknown> {
  return {
    user_profile_id: input.userProfileId,
    user_profile_event_type: input.type ?? 'RUN_USER_VERIFICATION',
    author_id: 'system',
    user_profile_result: input.result,
    related_companies: [],
    verification_session_id: input.sessionId ?? 'vs_run1',
    template_id: 'tmpl_kyc_basic',
    aiprise_summary: { [input.decisionField ?? 'verification_result']: input.result, status: 'COMPLETED' },
    id_info: { document_type: 'PASSPORT', issuing_country: 'GB' },
    face_match_info: { result: 'MATCH' },
    aml_info: { hits: [] },
  };
}

/**
 * A plausible callback for any AiPrise user-profile event type, for tests that walk the catalog.
 * Types with a documented payload get that shape; the rest get the common fields plus a small
 * type-specific part.
 */
export function sampleAiPrisePayload(type: string, userProfileId: string): Record<string, unknown> {
  const base = {
    user_profile_id: userProfileId,
    user_profile_event_type: type,
    client_reference_id: 'client-ref-1',
  };
  switch (type) {
    case 'USER_PROFILE_CREATE_SESSION_URL':
    case 'USER_PROFILE_EMAIL_SESSION_URL':
      return {
        ...base,
        session_url: 'https://verify.example.test/user/abc',
        verification_session_id: 'vs_link1',
        expires_at: 1_709_370_000_000,
        delivery_channel: type === 'USER_PROFILE_EMAIL_SESSION_URL' ? 'EMAIL' : 'LINK',
        ...(type === 'USER_PROFILE_EMAIL_SESSION_URL' ? { email_address: 'person@example.test' } : {}),
      };
    case 'RUN_USER_VERIFICATION':
    case 'RUN_DOCUMENT_CHECK':
    case 'MAKE_DECISION':
    case 'RUN_RISK_SCORING':
      return userVerificationResult({ userProfileId, result: 'APPROVED', type });
    case 'ADD_ADDITIONAL_MEDIA':
    case 'UPDATE_ADDITIONAL_MEDIA':
    case 'DELETE_ADDITIONAL_MEDIA':
      return additionalMedia({ userProfileId, fileUuid: 'file_doc1', type });
    case 'AML_MONITORING_UPDATE':
      return {
        ...base,
        verification_session_id: 'vs_mon1',
        aml_monitoring_update: {
          monitoring_run_id: 'mon_daily_7',
          status: 'MATCH_FOUND',
          matches: [
            {
              list_name: 'Sanctions list',
              entity_name: 'Sam Example',
              confidence: 0.8,
              reference_url: 'https://example.test/e/1',
            },
          ],
          previous_status: 'CLEAR',
        },
      };
    case 'ADDRESS_UPDATED':
      return addressUpdated({
        userProfileId,
        previous: { street: '1 Old Lane', city: 'Oldtown', postal_code: 'OT1 1AA' },
        current: { street: '2 New Road', city: 'Newtown', postal_code: 'NT2 2BB' },
        authorId: 'ops@example.test',
      });
    case 'NAME_UPDATED':
      return {
        ...base,
        previous: { first_name: 'Alex', last_name: 'Sample' },
        current: { first_name: 'Alexa', last_name: 'Sample' },
      };
    case 'DATE_OF_BIRTH_UPDATED':
      return { ...base, previous: '1990-04-12', current: '1990-04-21' };
    case 'PHONE_UPDATED':
      return { ...base, previous: null, current: '+440000000000' };
    case 'EMAIL_UPDATED':
      return { ...base, previous: 'old@example.test', current: 'new@example.test' };
    case 'TAGS_UPDATED':
      return tagsUpdated({ userProfileId, previous: ['ONBOARDING'], current: ['ONBOARDING', 'VIP'] });
    case 'AML_HIT_RESOLVED':
      return amlHitResolved({ userProfileId, hitId: 'hit_1' });
    case 'AML_MONITORING_TOGGLE':
      return { ...base, author_id: 'ops@example.test', aml_monitoring_enabled: true };
    case 'COMMENT':
      return { ...base, author_id: 'ops@example.test', comment: 'Checked the utility bill.' };
    case 'CREATE_TICKET':
    case 'TICKET_STATUS_UPDATE':
    case 'TICKET_REVIEWER_UPDATE':
    case 'TICKET_REVIEW_QUEUE_UPDATE':
      return {
        ...base,
        author_id: 'ops@example.test',
        ticket_id: 'tkt_1',
        status: 'OPEN',
        reviewer: 'rev@example.test',
        queue: 'EDD',
      };
    case 'RESULT_UPDATE':
    case 'SECTION_RESULT_UPDATE':
    case 'RELATED_CASE_STATUS_UPDATE':
      return {
        ...base,
        author_id: 'ops@example.test',
        user_profile_result: 'REVIEW',
        section: 'AML',
        verification_session_id: 'vs_r1',
      };
    default:
      return { ...base, author_id: 'api_key_main', verification_session_id: 'vs_default' };
  }
}
