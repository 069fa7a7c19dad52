/**
 * Builders for the inquiry-side Persona fixtures (inquiry*.ts, verifications.ts, reports.ts,
 * documents-selfies-sessions.ts in the parent folder). No fixtures here: this module only assembles
 * bodies in the shapes Persona documents, with kebab-case keys (Persona's default inflection); the
 * harness re-inflects them to camel and snake. The account- and case-side builders are in
 * account-case.ts.
 *
 * Shapes (see /work/notes/persona-inquiry-shapes.md for the page each comes from):
 *   webhook body   {data: {type: 'event', id: 'evt_…', attributes: {name, created-at, payload: {data, included}}}}
 *   resource       {type, id, attributes, relationships}
 *   relationship   {data: {type, id}} | {data: [{type, id}, …]} | {data: null} | {data: {}} | {} (no data key)
 *   field          {type, value} | {type} (no value key: null)
 */
import type { Body, Delivery, VendorDocFixture } from '../../fixture.js';

/** Kept so a harness that imports every module under persona/ finds the export it expects. */
export const fixtures: VendorDocFixture[] = [];

export const PAGES = {
  webhooks: 'docs/webhooks.md (Webhooks Overview)',
  bestPractices: 'docs/webhooks-best-practices.md (Webhook Best Practices)',
  events: 'docs/events.md (Events)',
  eventList: 'shared/seeds/persona-events.txt (Events: types of events)',
  lifecycle: 'docs/model-lifecycle.md (Inquiry Model Lifecycle)',
  lifecycleHelp: 'help/articles/5KwYh8Uw7M9z6059vP0aWl.md (The Inquiry Lifecycle Model)',
  accessingStatus: 'docs/accessing-inquiry-status.md (Accessing Inquiry status and data)',
  inquiriesApi: 'docs/api-reference/inquiries.md (Inquiries)',
  retrieveInquiry: 'docs/api-reference/inquiries/retrieve-an-inquiry.md (Retrieve an Inquiry)',
  createInquiry: 'docs/api-reference/inquiries/create-an-inquiry.md (Create an Inquiry)',
  webhookInquiryCreated: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-created.md',
  webhookInquiryCompleted: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-completed.md',
  webhookInquiryApproved: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-approved.md',
  webhookInquiryDeclined: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-declined.md',
  webhookInquiryExpired: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-expired.md',
  webhookInquiryFailed: 'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-failed.md',
  webhookInquiryReview:
    'docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-marked-for-review.md',
  webhookInquiryRedacted:
    'https://docs.withpersona.com/2025-12-08/api-reference/webhooks/inquiry-events/webhook-inquiry-redacted',
  webhookReusableCreated:
    'https://docs.withpersona.com/2021-05-14/api-reference/webhooks/inquiry-events/webhook-inquiry-reusable-persona-created',
  webhookReusableUsed:
    'https://docs.withpersona.com/2025-12-08/api-reference/webhooks/inquiry-events/webhook-inquiry-reusable-persona-used',
  fields: 'docs/inquiry-fields.md (Inquiry Fields)',
  payloadGuide:
    'docs/integration-guide-understanding-a-persona-api-payload.md (Integration Guide: Understanding a Persona API payload)',
  responseBody: 'docs/response-body.md (Response Body)',
  quickstart:
    'docs/api-quickstart-tutorial.md (API Quickstart Tutorial, Persona-Version 2023-01-05 response)',
  blocklists: 'docs/webhook-attribute-blocklists.md (Webhook Attribute Blocklists)',
  allowlists: 'docs/webhook-allowlists.md (Webhook Allowlists)',
  inflection: 'docs/api-key-inflection.md (Key Inflection)',
  versioning: 'docs/versioning.md (Versioning)',
  changelog20251027: 'docs/api-reference/versioning/api-changelog/2025/10/27.md (API version 2025-10-27)',
  changelog20251208: 'docs/api-reference/versioning/api-changelog/2025/12/8.md (API version 2025-12-08)',
  changelog20230821:
    'docs/api-reference/versioning/api-changelog/2023/8/21.md (inquiry-template in included)',
  changelog20240514:
    'docs/api-reference/versioning/api-changelog/2024/5/14.md (asynchronous inquiry redaction)',
  changelog20210715: 'docs/api-reference/versioning/api-changelog/2021/7/15.md (reviewer relationship)',
  changelog20250707: 'docs/api-reference/versioning/api-changelog/2025/7/7.md (redacted-at on Verifications)',
  changelog20250730:
    'docs/api-reference/versioning/api-changelog/2025/7/30.md (account relationship on Verifications)',
  changelog20240916: 'docs/api-reference/versioning/api-changelog/2024/9/16.md (transaction relationship)',
  eventsApi: 'docs/api-reference/events/list-all-events.md (List all Events)',
  redactionHelp: 'help/articles/42ubXB5lJPWNaITI0uJfrI.md (How do I redact data)',
  manualRedactionHelp:
    'help/articles/3vORXCrOmS8bXovzfS5Tie.md (manually redact PII from an Account or Inquiry)',
  verificationLifecycle: 'docs/verification-lifecycle.md (Verification Lifecycle)',
  verificationsApi: 'docs/api-reference/verifications.md (Verifications)',
  verificationTypes: 'docs/verification-types.md (Verification Types)',
  retrieveVerification: 'docs/api-reference/verifications/retrieve-a-verification.md',
  govIdVerification:
    'docs/api-reference/verifications/government-id-verifications/retrieve-a-government-id-verification.md',
  selfieVerification:
    'docs/api-reference/verifications/selfie-verifications/retrieve-a-selfie-verification.md',
  databaseVerification:
    'docs/api-reference/verifications/database-verifications/retrieve-a-database-verification.md',
  phoneVerification:
    'docs/api-reference/verifications/phone-number-verifications/retrieve-a-phone-number-verification.md',
  emailVerification:
    'docs/api-reference/verifications/email-address-verifications/retrieve-a-email-address-verification.md',
  documentVerification:
    'docs/api-reference/verifications/document-verifications/retrieve-a-document-verification.md',
  aamvaVerification: 'docs/api-reference/verifications/aamva-verifications/retrieve-an-aamva-verification.md',
  tinVerification:
    'docs/api-reference/verifications/tin-database-verifications/retrieve-a-tin-database-verification.md',
  serproVerification:
    'docs/api-reference/verifications/serpro-database-verifications/retrieve-a-serpro-database-verification.md',
  ecbsvVerification:
    'docs/api-reference/verifications/ecbsv-database-verifications/retrieve-an-ecbsv-database-verification.md',
  phoneCarrierVerification:
    'docs/api-reference/verifications/phone-carrier-database-verifications/retrieve-a-phone-carrier-database-verification.md',
  nfcVerification:
    'docs/api-reference/verifications/government-id-nfc-verifications/retrieve-a-government-id-nfc-verification.md',
  businessVerification:
    'docs/api-reference/verifications/database-business-verifications/create-a-database-business-verification.md',
  redactVerification: 'docs/api-reference/verifications/redact-a-verification.md',
  verificationEvents:
    'https://docs.withpersona.com/2021-05-14/api-reference/webhooks/verification-events/webhook-verification-canceled',
  reportsApi: 'docs/api-reference/reports.md (Reports)',
  retrieveReport: 'docs/api-reference/reports/retrieve-a-report.md',
  reportsOverview: 'docs/reports.md (Reports overview)',
  reportWatchlistMatched:
    'https://docs.withpersona.com/api-reference/webhooks/report-events/webhook-report-watchlist-matched',
  reportWatchlistReady:
    'https://docs.withpersona.com/2020-05-18/api-reference/webhooks/report-events/webhook-report-watchlist-ready.md',
  reportWatchlistDismissed:
    'https://docs.withpersona.com/2025-12-08/api-reference/webhooks/report-events/webhook-report-watchlist-dismissed.md',
  documentsApi: 'docs/api-reference/documents.md (Documents)',
  retrieveDocument: 'docs/api-reference/documents/retrieve-a-document.md (generic document)',
  retrieveGovIdDocument: 'docs/api-reference/documents/retrieve-a-government-id-document.md',
  inquirySessions: 'docs/inquiry-sessions.md (Inquiry Sessions)',
  retrieveInquirySession: 'docs/api-reference/inquiry-sessions/retrieve-an-inquiry-session.md',
  expireInquirySession: 'docs/api-reference/inquiry-sessions/expire-an-inquiry-session.md',
  inquirySessionEvents:
    'https://docs.withpersona.com/2022-09-01/api-reference/webhooks/inquiry-session-events/llms.txt (Inquiry Session Events)',
} as const;

export const CURRENT = '2025-12-08';
export const V2023 = '2023-01-05';

// ---------------------------------------------------------------------------------------------
// Ids: deterministic, Persona-looking (prefix + base58 tail). Inquiry ids are 32 characters since
// 2024-01-29 (docs/api-reference/versioning/api-changelog/2024/1/29.md), 28 before.

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function tail(seed: string, length: number): string {
  // FNV-1a, re-seeded per character: stable, no dependencies, good enough for fixture ids.
  let h = 0x811c9dc5;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    h = Math.imul(h ^ (i + 0x9e), 0x01000193) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    out += BASE58.charAt(h % BASE58.length);
  }
  return out;
}

/** `pid('inq', 'lifecycle-1')` -> `inq_…` with a 28-character tail (32 in all). */
export function pid(prefix: string, seed: string, tailLength = prefix === 'inq' ? 28 : 24): string {
  return `${prefix}_${tail(`${prefix}:${seed}`, tailLength)}`;
}

// ---------------------------------------------------------------------------------------------
// Envelope

export interface EventOptions {
  id?: string;
  included?: Body[];
  /** Omit `included` entirely (the Events API samples do). */
  noIncluded?: boolean;
  headers?: Record<string, string>;
  receivedAt?: string;
}

/** One webhook delivery wrapping an event (docs/webhooks.md, "Responding to Events"). */
export function delivery(name: string, createdAt: string, data: Body, options: EventOptions = {}): Delivery {
  const payload: Body = { data };
  if (!options.noIncluded) payload.included = options.included ?? [];
  const body: Body = {
    data: {
      type: 'event',
      id: options.id ?? pid('evt', `${name}|${createdAt}|${String(data.id)}`),
      attributes: { name, 'created-at': createdAt, payload },
    },
  };
  const out: Delivery = { body };
  if (options.headers) out.headers = options.headers;
  if (options.receivedAt) out.receivedAt = options.receivedAt;
  return out;
}

/** The id `delivery` gives an event when none is passed. */
export function eventId(name: string, createdAt: string, resourceId: string): string {
  return pid('evt', `${name}|${createdAt}|${resourceId}`);
}

/** Retry headers Persona documents on deliveries (webhook event pages, "Headers"). */
export function retryHeaders(
  made: number,
  left: number,
  firstAttemptedAtUnix: number,
): Record<string, string> {
  return {
    'Persona-Webhook-Attempts-Made': String(made),
    'Persona-Webhook-Attempts-Left': String(left),
    'Persona-Webhook-First-Attempted-At': String(firstAttemptedAtUnix),
  };
}

// ---------------------------------------------------------------------------------------------
// Relationships

export type Ref = { type: string; id: string };
export const ref = (type: string, id: string): Ref => ({ type, id });
export const one = (type: string, id: string): Body => ({ data: ref(type, id) });
export const many = (...refs: Ref[]): Body => ({ data: refs });
export const none = (): Body => ({ data: null });
export const emptyData = (): Body => ({ data: {} });
/** A relationship object with no `data` key at all (`"transaction": {}` in the API samples). */
export const bare = (): Body => ({});

// ---------------------------------------------------------------------------------------------
// Fields

export type FieldSpec = [type: string, value?: unknown];

/** `{name: [type, value]}` -> `{name: {type, value}}`; a spec without a value gives `{type}` only. */
export function typedFields(spec: Record<string, FieldSpec>): Body {
  const out: Body = {};
  for (const [name, entry] of Object.entries(spec)) {
    const [type, ...rest] = entry;
    out[name] = rest.length === 0 ? { type } : { type, value: rest[0] };
  }
  return out;
}

export interface Person {
  first: string | null;
  middle: string | null;
  last: string | null;
  birthdate: string | null;
  street1: string | null;
  street2: string | null;
  city: string | null;
  subdivision: string | null;
  postalCode: string | null;
  countryCode: string | null;
  email: string | null;
  phone: string | null;
  identificationNumber?: string | null;
}

/**
 * The Persona-provided identity fields of an inquiry template (retrieve-an-inquiry.md). `missing`
 * names the fields sent as `{type}` with no `value` key (the API samples do that for empty ones).
 */
export function identityFieldSpec(p: Person, missing: string[] = []): Record<string, FieldSpec> {
  const spec: Record<string, FieldSpec> = {
    'name-first': ['string', p.first],
    'name-middle': ['string', p.middle],
    'name-last': ['string', p.last],
    'address-street-1': ['string', p.street1],
    'address-street-2': ['string', p.street2],
    'address-city': ['string', p.city],
    'address-subdivision': ['string', p.subdivision],
    'address-postal-code': ['string', p.postalCode],
    'address-country-code': ['string', p.countryCode],
    birthdate: ['date', p.birthdate],
    'email-address': ['string', p.email],
    'phone-number': ['string', p.phone],
    'identification-number': ['string', p.identificationNumber ?? null],
  };
  for (const name of missing) spec[name] = ['string'];
  if (missing.includes('birthdate')) spec.birthdate = ['date'];
  return spec;
}

/** The deprecated top-level identity attributes of a 2023-01-05 inquiry (api-quickstart-tutorial.md). */
export function legacyIdentityAttributes(p: Person): Body {
  return {
    'name-first': p.first,
    'name-middle': p.middle,
    'name-last': p.last,
    birthdate: p.birthdate,
    'address-street-1': p.street1,
    'address-street-2': p.street2,
    'address-city': p.city,
    'address-subdivision': p.subdivision,
    'address-subdivision-abbr': null,
    'address-postal-code': p.postalCode,
    'address-postal-code-abbr': null,
    'social-security-number': null,
    'identification-number': p.identificationNumber ?? null,
    'email-address': p.email,
    'phone-number': p.phone,
  };
}

/** The state identity the docs imply for a person (field names of docs/aggregates.md). */
export function identityState(p: Person): Body {
  return {
    name: { first: p.first, middle: p.middle, last: p.last },
    birthdate: p.birthdate,
    address: {
      street1: p.street1,
      street2: p.street2,
      city: p.city,
      subdivision: p.subdivision,
      postalCode: p.postalCode,
      countryCode: p.countryCode,
    },
    email: p.email,
    phone: p.phone,
  };
}

/** The camelCased plain field values the docs imply for the identity fields. */
export function identityFieldValues(p: Person): Body {
  return {
    nameFirst: p.first,
    nameMiddle: p.middle,
    nameLast: p.last,
    addressStreet1: p.street1,
    addressStreet2: p.street2,
    addressCity: p.city,
    addressSubdivision: p.subdivision,
    addressPostalCode: p.postalCode,
    addressCountryCode: p.countryCode,
    birthdate: p.birthdate,
    emailAddress: p.email,
    phoneNumber: p.phone,
  };
}

/** The PII strings of a person, for `absent`. */
export function piiValues(p: Person): string[] {
  return [
    p.first,
    p.middle,
    p.last,
    p.birthdate,
    p.street1,
    p.street2,
    p.city,
    p.postalCode,
    p.email,
    p.phone,
    p.identificationNumber,
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export const REDACTED_PERSON: Person = {
  first: null,
  middle: null,
  last: null,
  birthdate: null,
  street1: null,
  street2: null,
  city: null,
  subdivision: null,
  postalCode: null,
  countryCode: null,
  email: null,
  phone: null,
  identificationNumber: null,
};

// ---------------------------------------------------------------------------------------------
// Inquiry resource

export interface InquiryTimes {
  'created-at': string;
  'updated-at'?: string | null;
  'started-at'?: string | null;
  'expires-at'?: string | null;
  'completed-at'?: string | null;
  'failed-at'?: string | null;
  'marked-for-review-at'?: string | null;
  'decisioned-at'?: string | null;
  'expired-at'?: string | null;
  'redacted-at'?: string | null;
}

export interface InquirySnapshot {
  id: string;
  status: string;
  referenceId?: string | null;
  note?: string | null;
  tags?: string[];
  creator?: string;
  reviewerComment?: string | null;
  times: InquiryTimes;
  previousStep?: string | null;
  nextStep?: string | null;
  /** The `fields` attribute as sent (typed entries). */
  fields?: Body;
  /** Extra attributes (deprecated top-level identity in 2023-01-05, …), merged last. */
  extra?: Body;
  relationships?: Body;
}

const BEHAVIORS: Body = {
  'api-version-less-than-minimum-count': 0,
  'autofill-cancels': 0,
  'autofill-starts': 1,
  'behavior-threat-level': 'low',
  'bot-score': 4,
  'completion-time': 212.5,
  'devtools-open': false,
  'debugger-attached': false,
  'distraction-events': 1,
  'hesitation-baseline': 18000,
  'hesitation-count': 2,
  'hesitation-percentage': 41.2,
  'hesitation-time': 7400,
  'mobile-sdk-version-less-than-minimum-count': 0,
  'request-spoof-attempts': 0,
  'shortcut-copies': 0,
  'shortcut-pastes': 1,
  'user-agent-spoof-attempts': 0,
};

/** Every attribute the inquiry webhook pages list, in their order. */
export function inquiryAttributes(s: InquirySnapshot): Body {
  const t = s.times;
  const attrs: Body = {
    status: s.status,
    'reference-id': s.referenceId ?? null,
    note: s.note ?? null,
    behaviors: BEHAVIORS,
    tags: s.tags ?? [],
    creator: s.creator ?? 'API',
    'reviewer-comment': s.reviewerComment ?? null,
    'created-at': t['created-at'],
    'updated-at': t['updated-at'] ?? t['created-at'],
    'started-at': t['started-at'] ?? null,
    'expires-at': t['expires-at'] ?? null,
    'completed-at': t['completed-at'] ?? null,
    'failed-at': t['failed-at'] ?? null,
    'marked-for-review-at': t['marked-for-review-at'] ?? null,
    'decisioned-at': t['decisioned-at'] ?? null,
    'expired-at': t['expired-at'] ?? null,
    'redacted-at': t['redacted-at'] ?? null,
    'previous-step-name': s.previousStep ?? null,
    'next-step-name': s.nextStep ?? null,
  };
  if (s.fields !== undefined) attrs.fields = s.fields;
  return { ...attrs, ...(s.extra ?? {}) };
}

export interface InquiryLinks {
  accountId?: string | null;
  templateId?: string;
  templateVersionId?: string;
  verifications?: Ref[];
  reports?: Ref[];
  documents?: Ref[];
  selfies?: Ref[];
  sessions?: Ref[];
}

/** Relationships of an inquiry as the 2024-2025 webhook pages send them (`template` and `reviewer` as `{data: {}}`). */
export function currentInquiryRelationships(l: InquiryLinks): Body {
  return {
    account: l.accountId === undefined || l.accountId === null ? none() : one('account', l.accountId),
    documents: many(...(l.documents ?? [])),
    template: emptyData(),
    'inquiry-template': one('inquiry-template', l.templateId ?? pid('itmpl', 'default')),
    'inquiry-template-version': one(
      'inquiry-template-version',
      l.templateVersionId ?? pid('itmplv', 'default'),
    ),
    reports: many(...(l.reports ?? [])),
    reviewer: emptyData(),
    selfies: many(...(l.selfies ?? [])),
    sessions: many(...(l.sessions ?? [])),
    verifications: many(...(l.verifications ?? [])),
  };
}

/** Relationships of an inquiry as the 2023-01-05 response sends them (`{data: null}` for empty ones). */
export function v2023InquiryRelationships(l: InquiryLinks): Body {
  return {
    account: l.accountId ? one('account', l.accountId) : none(),
    template: none(),
    'inquiry-template': one('inquiry-template', l.templateId ?? pid('itmpl', 'default')),
    'inquiry-template-version': one(
      'inquiry-template-version',
      l.templateVersionId ?? pid('itmplv', 'default'),
    ),
    transaction: none(),
    reviewer: none(),
    reports: many(...(l.reports ?? [])),
    verifications: many(...(l.verifications ?? [])),
    sessions: many(...(l.sessions ?? [])),
    documents: many(...(l.documents ?? [])),
    selfies: many(...(l.selfies ?? [])),
  };
}

export function inquiryResource(s: InquirySnapshot, relationships?: Body | null): Body {
  const r: Body = { id: s.id, attributes: inquiryAttributes(s) };
  const rels = relationships === undefined ? s.relationships : relationships;
  if (rels !== null && rels !== undefined) r.relationships = rels;
  r.type = 'inquiry';
  return r;
}

// ---------------------------------------------------------------------------------------------
// Related resources

export function verificationResource(
  type: string,
  id: string,
  attributes: Body,
  relationships: Body | null,
): Body {
  const r: Body = { type: `verification/${type}`, id, attributes };
  if (relationships !== null) r.relationships = relationships;
  return r;
}

/** The relationships a verification carries (retrieve-a-verification.md), pointing at its inquiry. */
export function verificationRelationships(type: string, inquiryId: string | null, extra: Body = {}): Body {
  return {
    inquiry: inquiryId === null ? none() : one('inquiry', inquiryId),
    template: bare(),
    'inquiry-template-version': one('inquiry-template-version', pid('itmplv', 'default')),
    'inquiry-template': one('inquiry-template', pid('itmpl', 'default')),
    transaction: bare(),
    'verification-template': one(`verification-template/${type}`, pid('vtmpl', type)),
    'verification-template-version': one(`verification-template-version/${type}`, pid('vtmplv', type)),
    ...extra,
  };
}

/** Timestamps a verification carries: ISO and `-ts` unix seconds (retrieve-a-verification.md). */
export function verificationTimes(
  createdAt: string,
  submittedAt: string | null,
  completedAt: string | null,
): Body {
  const ts = (iso: string | null): number | null =>
    iso === null ? null : Math.floor(Date.parse(iso) / 1000);
  return {
    'created-at': createdAt,
    'created-at-ts': ts(createdAt),
    'submitted-at': submittedAt,
    'submitted-at-ts': ts(submittedAt),
    'completed-at': completedAt,
    'completed-at-ts': ts(completedAt),
  };
}

export function check(
  name: string,
  status: 'passed' | 'failed' | 'not_applicable',
  reasons: string[] = [],
): Body {
  return { name, status, reasons, requirement: 'required', metadata: {} };
}

/** A later snapshot of the same inquiry: `times` merge, everything else replaces. */
export function next(
  base: InquirySnapshot,
  patch: Partial<Omit<InquirySnapshot, 'times'>> & { times?: Partial<InquiryTimes> },
): InquirySnapshot {
  return { ...base, ...patch, times: { ...base.times, ...(patch.times ?? {}) } };
}

/** A few ms after a resource time: when Persona creates the event for that change. */
export function after(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
