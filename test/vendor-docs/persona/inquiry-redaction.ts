/**
 * Inquiry redaction as Persona documents it: redaction is permanent; the redacted inquiry keeps its
 * status and operational times; `redacted-at` becomes non-null; PII attributes (deprecated top-level
 * identity in old versions) and the matching `fields` entries and `note` become null; `tags` is
 * emptied; `reference-id` becomes null only when the parent account is redacted too. No state, past
 * or present, may show the PII again. Names and addresses are invented.
 */
import type { Body, VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  REDACTED_PERSON,
  V2023,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  inquiryResource,
  legacyIdentityAttributes,
  next,
  pid,
  piiValues,
  ref,
  typedFields,
  v2023InquiryRelationships,
  verificationRelationships,
  verificationResource,
  verificationTimes,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const LUCINDA: Person = {
  first: 'Lucinda',
  middle: 'Rae',
  last: 'Farrow-Baptiste',
  birthdate: '1969-03-09',
  street1: '1822 Willow Creek Road',
  street2: 'Unit 4',
  city: 'Boise',
  subdivision: 'Idaho',
  postalCode: '83702',
  countryCode: 'US',
  email: 'lucinda.fb@example.test',
  phone: '+12085550123',
  identificationNumber: 'FB3390172',
};

const NOTE = 'Asked to use maiden name Farrow on statements';
const TEMPLATE = pid('itmpl', 'redaction-template');

/** Custom fields that are not PII; terms-accepted-at is the kind of field a `never` redaction policy keeps. */
const NON_PII_FIELDS: Body = {
  'selected-country-code': { type: 'string', value: 'US' },
  'terms-accepted-at': { type: 'datetime', value: '2026-07-01T09:00:05.000Z' },
};

function fieldsOf(p: Person): Body {
  return { ...typedFields(identityFieldSpec(p)), ...NON_PII_FIELDS };
}

const REDACTED_FIELD_VALUES = {
  nameFirst: null,
  nameMiddle: null,
  nameLast: null,
  birthdate: null,
  addressStreet1: null,
  addressStreet2: null,
  addressCity: null,
  addressPostalCode: null,
  emailAddress: null,
  phoneNumber: null,
  identificationNumber: null,
};

const REDACTED_SCALARS = { birthdate: null, email: null, phone: null, note: null, tags: [], redacted: true };

const absentFor = (kind: 'inquiry', id: string, why: string) => ({
  kind,
  id,
  values: [...piiValues(LUCINDA), NOTE],
  why,
});

function createdSnap(seed: string, extra: Partial<InquirySnapshot> = {}): InquirySnapshot {
  const id = pid('inq', `redaction-${seed}`);
  return {
    id,
    status: 'created',
    referenceId: `usr-rd-${seed}`,
    note: NOTE,
    tags: ['vip-review'],
    times: { 'created-at': '2026-07-01T09:00:00.000Z', 'expires-at': '2026-07-02T09:00:00.000Z' },
    fields: fieldsOf(LUCINDA),
    relationships: currentInquiryRelationships({
      accountId: pid('act', `redaction-${seed}`),
      templateId: TEMPLATE,
    }),
    ...extra,
  };
}

const approve = (s: InquirySnapshot) =>
  next(s, {
    status: 'approved',
    times: {
      'started-at': '2026-07-01T09:01:00.000Z',
      'completed-at': '2026-07-01T09:08:00.000Z',
      'decisioned-at': '2026-07-01T09:08:02.000Z',
    },
  });

const redact = (s: InquirySnapshot, redactedAt: string, patch: Partial<InquirySnapshot> = {}) =>
  next(s, {
    note: null,
    tags: [],
    fields: fieldsOf(REDACTED_PERSON),
    times: { 'redacted-at': redactedAt, 'updated-at': redactedAt },
    ...patch,
  });

// X1 ------------------------------------------------------------------------------------------
const X1_C = createdSnap('direct');
const X1_A = approve(X1_C);
const X1_R = redact(X1_A, '2026-08-01T00:00:00.000Z');

// X2: 2023-01-05 ------------------------------------------------------------------------------
const X2_C = createdSnap('v2023', {
  id: pid('inq', 'redaction-v2023', 24),
  extra: { ...legacyIdentityAttributes(LUCINDA), 'social-security-number': '521-44-8907' },
  fields: { ...fieldsOf(LUCINDA), 'social-security-number': { type: 'string', value: '521-44-8907' } },
  relationships: v2023InquiryRelationships({
    accountId: pid('act', 'redaction-v2023'),
    templateId: TEMPLATE,
  }),
});
const X2_A = approve(X2_C);
const X2_R = redact(X2_A, '2026-08-02T00:00:00.000Z', {
  extra: legacyIdentityAttributes(REDACTED_PERSON),
  fields: { ...fieldsOf(REDACTED_PERSON), 'social-security-number': { type: 'string', value: null } },
});

// X3: cascade from the account -----------------------------------------------------------------
const X3_C = createdSnap('cascade');
const X3_A = approve(X3_C);
const X3_R = redact(X3_A, '2026-08-03T00:00:00.000Z', { referenceId: null });

// X4: redacted while pending -------------------------------------------------------------------------
const X4_C = createdSnap('pending');
const X4_S = next(X4_C, { status: 'pending', times: { 'started-at': '2026-07-01T09:01:00.000Z' } });
const X4_R = redact(X4_S, '2026-07-20T00:00:00.000Z');

// X5: out of order --------------------------------------------------------------------------------
const X5_C = createdSnap('out-of-order');
const X5_A = approve(X5_C);
const X5_R = redact(X5_A, '2026-08-05T00:00:00.000Z');

// X6: redacted payload stripped by a blocklist -------------------------------------------------------
const X6_C = createdSnap('blocklisted');
const X6_A = approve(X6_C);

// X7: redacted-at on another event name ------------------------------------------------------------
const X7_C = createdSnap('redacted-at-only');
const X7_A = approve(X7_C);
const X7_R = redact(X7_A, '2026-08-07T00:00:00.000Z');

// X8: Events API inquiry.redacted with attributes {} -------------------------------------------------
const X8_C = createdSnap('events-api');

// X9: related objects redacted first ---------------------------------------------------------------------
const X9_C = createdSnap('related-first');
const X9_V = pid('ver', 'redaction-related-first');
const X9_A = next(approve(X9_C), {
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'redaction-related-first'),
    templateId: TEMPLATE,
    verifications: [ref('verification/government-id', X9_V)],
  }),
});
const X9_R = redact(X9_A, '2026-08-09T00:00:05.000Z');
const x9Ver = (redactedAt: string | null) =>
  verificationResource(
    'government-id',
    X9_V,
    {
      status: 'passed',
      'name-first': redactedAt ? null : LUCINDA.first,
      'name-last': redactedAt ? null : LUCINDA.last,
      birthdate: redactedAt ? null : LUCINDA.birthdate,
      'identification-number': redactedAt ? null : LUCINDA.identificationNumber,
      'redacted-at': redactedAt,
      tags: [],
      checks: [],
      ...verificationTimes(
        '2026-07-01T09:02:00.000Z',
        '2026-07-01T09:03:00.000Z',
        '2026-07-01T09:03:08.000Z',
      ),
    },
    verificationRelationships('government-id', X9_C.id),
  );

const redactionDocs = [PAGES.webhookInquiryRedacted, PAGES.redactionHelp, PAGES.manualRedactionHelp];

export const fixtures: VendorDocFixture[] = [
  {
    name: 'inquiry.redacted (2025-12-08) after approval: status and times kept, fields/note nulled, tags emptied, reference-id kept',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.fields],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.300Z', inquiryResource(X1_C)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.400Z', inquiryResource(X1_A)),
      delivery('inquiry.redacted', '2026-08-01T00:00:00.500Z', inquiryResource(X1_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X1_C.id,
        version: 1,
        state: { status: 'created' },
        why: 'A past state after a redaction must not show PII: Persona deletes it permanently ("Persona cannot recover redacted information").',
      },
      {
        kind: 'inquiry',
        id: X1_C.id,
        asOf: '2026-07-15T00:00:00.000Z',
        state: { status: 'approved' },
        why: 'As of before the redaction the inquiry was approved; its PII is still not shown.',
      },
      {
        kind: 'inquiry',
        id: X1_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          redactedAt: '2026-08-01T00:00:00.000Z',
          referenceId: 'usr-rd-direct',
          completedAt: '2026-07-01T09:08:00.000Z',
          decidedAt: '2026-07-01T09:08:02.000Z',
          accountId: pid('act', 'redaction-direct'),
          fields: REDACTED_FIELD_VALUES,
        },
        why: 'Inquiry redacted page: "A redacted Inquiry preserves its current status ... Operational timestamps ... are preserved. The distinguishing signal is redacted-at"; PII attributes "and the corresponding entries inside fields, plus note" are nulled; "tags is emptied"; "reference-id can remain populated" on a direct redaction.',
      },
    ],
    absent: [
      absentFor(
        'inquiry',
        X1_C.id,
        'Redaction is permanent (help: "All redactions are irreversible"): no state or timeline entry may show the PII, including states as of before the redaction.',
      ),
    ],
  },

  {
    name: 'inquiry.redacted (2023-01-05): the deprecated top-level identity attributes are nulled too',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.quickstart],
    apiVersion: V2023,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.310Z', inquiryResource(X2_C)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.410Z', inquiryResource(X2_A)),
      delivery('inquiry.redacted', '2026-08-02T00:00:00.510Z', inquiryResource(X2_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X2_C.id,
        version: 2,
        state: { status: 'approved' },
        why: 'Past state: PII must stay hidden.',
      },
      {
        kind: 'inquiry',
        id: X2_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          redactedAt: '2026-08-02T00:00:00.000Z',
          fields: { ...REDACTED_FIELD_VALUES, socialSecurityNumber: null },
        },
        why: 'Inquiry redacted page: nulled are "the deprecated top-level identity attributes (name-first, name-middle, name-last, address-*, birthdate, email-address, phone-number, identification-number, social-security-number) and the corresponding entries inside fields, plus note".',
      },
    ],
    absent: [
      {
        kind: 'inquiry',
        id: X2_C.id,
        values: [...piiValues(LUCINDA), NOTE, '521-44-8907'],
        why: 'Redacted PII, top-level and in fields, including the social security number.',
      },
    ],
  },

  {
    name: 'Cascading redaction from the account: reference-id becomes null as well',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.changelog20240514],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.320Z', inquiryResource(X3_C)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.420Z', inquiryResource(X3_A)),
      delivery('inquiry.redacted', '2026-08-03T00:00:00.520Z', inquiryResource(X3_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X3_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          referenceId: null,
          redactedAt: '2026-08-03T00:00:00.000Z',
        },
        why: 'Inquiry redacted page: "reference-id is null only when the parent Account is also redacted (the cascading case)"; help: "Redacting on the Account level will automatically and permanently redact all PII associated with the Account, including all Inquiries".',
      },
    ],
    absent: [absentFor('inquiry', X3_C.id, 'Cascaded redaction deletes the inquiry PII permanently.')],
  },

  {
    name: 'Redacted while pending: the status stays pending (redaction is not a status)',
    vendor: 'persona',
    docs: redactionDocs,
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.330Z', inquiryResource(X4_C)),
      delivery('inquiry.started', '2026-07-01T09:01:00.430Z', inquiryResource(X4_S)),
      delivery('inquiry.redacted', '2026-07-20T00:00:00.530Z', inquiryResource(X4_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X4_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'pending',
          redactedAt: '2026-07-20T00:00:00.000Z',
          completedAt: null,
        },
        why: 'Inquiry redacted page: the status "may be any value, including created, pending, or needs_review for inquiries redacted before finalization ... Do not detect redaction from status — there is no redacted enum value".',
      },
    ],
    absent: [absentFor('inquiry', X4_C.id, 'Redacted PII.')],
  },

  {
    name: 'Out of order: inquiry.redacted arrives first, then the older created and approved (with PII) arrive as retries',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.webhooks, PAGES.bestPractices],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.redacted', '2026-08-05T00:00:00.540Z', inquiryResource(X5_R)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.440Z', inquiryResource(X5_A)),
      delivery('inquiry.created', '2026-07-01T09:00:00.340Z', inquiryResource(X5_C)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X5_C.id,
        version: 1,
        state: { status: 'created' },
        why: 'A past state rebuilt from the late events must not show the PII either.',
      },
      {
        kind: 'inquiry',
        id: X5_C.id,
        version: 2,
        state: { status: 'approved' },
        why: 'Same, as of the approval.',
      },
      {
        kind: 'inquiry',
        id: X5_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          redactedAt: '2026-08-05T00:00:00.000Z',
          fields: REDACTED_FIELD_VALUES,
        },
        why: 'Events are ordered by created-at (webhooks-best-practices.md), so the redaction is last whatever the arrival order; redaction is permanent, so late deliveries of older events cannot bring the PII back.',
      },
    ],
    absent: [
      absentFor('inquiry', X5_C.id, 'PII in events that arrived after the redaction must never be shown.'),
    ],
  },

  {
    name: 'inquiry.redacted stripped by an attribute blocklist to status and redacted-at: earlier PII is still cleared',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.blocklists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.350Z', inquiryResource(X6_C)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.450Z', inquiryResource(X6_A)),
      delivery('inquiry.redacted', '2026-08-06T00:00:00.550Z', {
        type: 'inquiry',
        id: X6_C.id,
        attributes: { status: 'approved', 'redacted-at': '2026-08-06T00:00:00.000Z' },
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X6_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          redactedAt: '2026-08-06T00:00:00.000Z',
          fields: REDACTED_FIELD_VALUES,
        },
        why: 'A blocklist may leave only a few attributes (webhook-attribute-blocklists.md), but non-null redacted-at still signals the redaction, and the PII Persona deleted must go from the state although the payload did not repeat the nulls.',
      },
    ],
    absent: [absentFor('inquiry', X6_C.id, 'Redacted PII.')],
  },

  {
    name: 'Redaction seen only through redacted-at: inquiry.updated-tags (tags emptied) after the redaction, inquiry.redacted not subscribed',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.360Z', inquiryResource(X7_C)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.460Z', inquiryResource(X7_A)),
      delivery('inquiry.updated-tags', '2026-08-07T00:00:00.560Z', inquiryResource(X7_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X7_C.id,
        state: { ...REDACTED_SCALARS, status: 'approved', redactedAt: '2026-08-07T00:00:00.000Z' },
        why: 'Inquiry redacted page: "The distinguishing signal is redacted-at"; "tags is emptied via cascading on inquiry tags". Any event carrying the inquiry with non-null redacted-at shows it redacted.',
      },
    ],
    absent: [absentFor('inquiry', X7_C.id, 'Redacted PII.')],
  },

  {
    name: 'Events API shape: inquiry.redacted with attributes {}',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.eventsApi],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.370Z', inquiryResource(X8_C)),
      delivery(
        'inquiry.redacted',
        '2026-08-08T00:00:00.570Z',
        { type: 'inquiry', id: X8_C.id, attributes: {} },
        { noIncluded: true },
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X8_C.id,
        state: { ...REDACTED_SCALARS, status: 'created' },
        why: 'list-all-events.md returns event payloads with "attributes": {}; the event name inquiry.redacted ("Occurs when an inquiry is redacted") is then the only signal, and it is unambiguous.',
      },
    ],
    absent: [absentFor('inquiry', X8_C.id, 'Redacted PII.')],
  },

  {
    name: 'Related verification redacted first, inquiry.redacted last (asynchronous redaction since 2024-05-14)',
    vendor: 'persona',
    docs: [...redactionDocs, PAGES.changelog20240514, PAGES.redactVerification],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-07-01T09:00:00.380Z', inquiryResource(X9_C)),
      delivery('verification.passed', '2026-07-01T09:03:08.280Z', x9Ver(null)),
      delivery('inquiry.approved', '2026-07-01T09:08:02.480Z', inquiryResource(X9_A)),
      delivery('verification.updated-tags', '2026-08-09T00:00:01.280Z', x9Ver('2026-08-09T00:00:01.000Z')),
      delivery('inquiry.redacted', '2026-08-09T00:00:05.580Z', inquiryResource(X9_R)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: X9_C.id,
        version: 4,
        state: { status: 'approved', verifications: { [X9_V]: { type: 'government-id', status: 'passed' } } },
        why: "As of the verification's redaction the inquiry is still approved and its verification passed (a redacted verification keeps its status). This past state precedes the inquiry redaction but must not show the PII deleted later.",
      },
      {
        kind: 'inquiry',
        id: X9_C.id,
        state: {
          ...REDACTED_SCALARS,
          status: 'approved',
          verifications: { [X9_V]: { type: 'government-id', status: 'passed' } },
        },
        why: '2024-05-14: the inquiry is redacted synchronously, related resources asynchronously, and "The inquiry.redacted event will only be emitted after all objects are redacted". Statuses survive redaction (Redact a Verification keeps status passed).',
      },
    ],
    absent: [
      absentFor(
        'inquiry',
        X9_C.id,
        'The inquiry PII (and the same values extracted by its verification) are deleted.',
      ),
    ],
  },
];
