/**
 * verification.* events of every documented verification type, routed to their inquiry by the
 * verification's `inquiry` relationship (payload data is the verification resource, in the shape of
 * the Retrieve a <type> Verification pages). Statuses: initiated, confirmed, submitted, passed,
 * failed, requires_retry (deprecated), canceled, skipped (verification-lifecycle.md). Values invented.
 */
import type { Body, Delivery, VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  bare,
  check,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  identityState,
  inquiryResource,
  one,
  pid,
  ref,
  typedFields,
  verificationRelationships,
  verificationResource,
  verificationTimes,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const MEI: Person = {
  first: 'Mei',
  middle: null,
  last: 'Takahashi-Berg',
  birthdate: '1993-10-05',
  street1: '880 Juniper Row',
  street2: null,
  city: 'Denver',
  subdivision: 'Colorado',
  postalCode: '80203',
  countryCode: 'US',
  email: 'mei.tb@example.test',
  phone: '+17205550163',
};

const TEMPLATE = pid('itmpl', 'verification-template');

interface Step {
  name: string;
  at: string;
  status: string;
  submittedAt?: string | null;
  completedAt?: string | null;
  extra?: Body;
}

/** One verification's events: each carries the verification as it is at that step. */
function verificationEvents(
  type: string,
  id: string,
  inquiryId: string,
  createdAt: string,
  attrs: Body,
  steps: Step[],
  relationships: Body = verificationRelationships(type, inquiryId),
): Delivery[] {
  return steps.map((s) =>
    delivery(
      s.name,
      s.at,
      verificationResource(
        type,
        id,
        {
          ...attrs,
          status: s.status,
          checks: [],
          ...verificationTimes(createdAt, s.submittedAt ?? null, s.completedAt ?? null),
          ...(s.extra ?? {}),
        },
        relationships,
      ),
    ),
  );
}

function inquiryCreated(
  id: string,
  createdAt: string,
  verifications: { type: string; id: string }[] = [],
): Delivery {
  const snap: InquirySnapshot = {
    id,
    status: 'created',
    times: { 'created-at': createdAt },
    fields: typedFields(identityFieldSpec(MEI)),
    relationships: currentInquiryRelationships({
      accountId: pid('act', id),
      templateId: TEMPLATE,
      verifications,
    }),
  };
  return delivery(
    'inquiry.created',
    new Date(Date.parse(createdAt) + 250).toISOString(),
    inquiryResource(snap),
  );
}

function inquiryStarted(id: string, createdAt: string, startedAt: string): Delivery {
  const snap: InquirySnapshot = {
    id,
    status: 'pending',
    times: { 'created-at': createdAt, 'started-at': startedAt },
    fields: typedFields(identityFieldSpec(MEI)),
    relationships: currentInquiryRelationships({ accountId: pid('act', id), templateId: TEMPLATE }),
  };
  return delivery(
    'inquiry.started',
    new Date(Date.parse(startedAt) + 180).toISOString(),
    inquiryResource(snap),
  );
}

const inq = (seed: string) => pid('inq', `ver-${seed}`);
const ver = (seed: string) => pid('ver', `ver-${seed}`);

const V1 = inq('gov'),
  V1_V = ver('gov');
const V2 = inq('selfie'),
  V2_A = ver('selfie-1'),
  V2_B = ver('selfie-2');
const V3 = inq('db'),
  V3_V = ver('db');
const V4 = inq('phone'),
  V4_V = ver('phone');
const V5 = inq('email'),
  V5_V = ver('email');
const V6 = inq('document'),
  V6_V = ver('document');
const V7 = inq('aamva'),
  V7_V = ver('aamva');
const V8 = inq('tin'),
  V8_V = ver('tin');
const V9 = inq('ecbsv'),
  V9_V = ver('ecbsv');
const V10 = inq('serpro'),
  V10_V = ver('serpro');
const V11 = inq('phone-serpro'),
  V11_V = ver('phone-serpro');
const V12 = inq('carrier'),
  V12_V = ver('carrier');
const V13 = inq('nfc'),
  V13_V = ver('nfc');
const V14 = inq('standard'),
  V14_V = ver('standard');
const V15 = inq('business'),
  V15_V = ver('business');
const V16 = inq('passport'),
  V16_V = ver('passport');
const V17 = inq('redacted'),
  V17_V = ver('redacted');
const V18 = inq('no-inquiry-ref'),
  V18_V = ver('no-inquiry-ref');
const V19 = inq('account-ref'),
  V19_V = ver('account-ref');
const V19_ACC = pid('act', 'ver-account-ref');

const personAttrs: Body = {
  'name-first': MEI.first,
  'name-middle': MEI.middle,
  'name-last': MEI.last,
  birthdate: MEI.birthdate,
  'address-street-1': MEI.street1,
  'address-street-2': MEI.street2,
  'address-city': MEI.city,
  'address-subdivision': MEI.subdivision,
  'address-postal-code': MEI.postalCode,
  'country-code': 'US',
};

export const fixtures: VendorDocFixture[] = [
  {
    name: 'verification/government-id: created (initiated) -> submitted -> passed, with the inquiry started in between',
    vendor: 'persona',
    docs: [PAGES.govIdVerification, PAGES.verificationLifecycle, PAGES.eventList, PAGES.lifecycle],
    apiVersion: CURRENT,
    deliveries: [
      inquiryCreated(V1, '2026-04-01T09:00:00.000Z'),
      ...verificationEvents(
        'government-id',
        V1_V,
        V1,
        '2026-04-01T09:01:00.000Z',
        {
          ...personAttrs,
          'id-class': 'dl',
          'identification-number': 'D4410278',
          'issuing-subdivision': 'CO',
          'expiration-date': '2030-10-05',
          'from-reusable-persona': false,
        },
        [
          { name: 'verification.created', at: '2026-04-01T09:01:00.210Z', status: 'initiated' },
          {
            name: 'verification.submitted',
            at: '2026-04-01T09:02:30.310Z',
            status: 'submitted',
            submittedAt: '2026-04-01T09:02:30.000Z',
          },
          {
            name: 'verification.passed',
            at: '2026-04-01T09:02:41.420Z',
            status: 'passed',
            submittedAt: '2026-04-01T09:02:30.000Z',
            completedAt: '2026-04-01T09:02:41.000Z',
            extra: {
              checks: [check('id_expired_detection', 'passed'), check('id_barcode_detection', 'passed')],
            },
          },
        ],
        verificationRelationships('government-id', V1, {
          document: one('document/government-id', pid('doc', 'ver-gov')),
        }),
      ),
      inquiryStarted(V1, '2026-04-01T09:00:00.000Z', '2026-04-01T09:01:00.000Z'),
    ],
    states: [
      {
        kind: 'inquiry',
        id: V1,
        version: 3,
        state: {
          status: 'pending',
          verifications: { [V1_V]: { type: 'government-id', status: 'initiated' } },
        },
        why: 'verification.created: a new verification starts as initiated; inquiry.started "happens the moment a verification is created or submitted on an inquiry" (events list).',
      },
      {
        kind: 'inquiry',
        id: V1,
        version: 4,
        state: { verifications: { [V1_V]: { type: 'government-id', status: 'submitted' } } },
        why: 'verification.submitted: "the claimed information is frozen and the server will process the verification".',
      },
      {
        kind: 'inquiry',
        id: V1,
        state: {
          status: 'pending',
          ...identityState(MEI),
          verifications: { [V1_V]: { type: 'government-id', status: 'passed' } },
        },
        why: 'verification.passed: "The required checks have passed". The type is the part after verification/ (verification-types.md). A verification does not change the inquiry status; its extracted name does not overwrite the inquiry identity (the inquiry copies fields itself).',
      },
    ],
  },

  {
    name: 'verification/selfie: a failed attempt then a passed one, two ids on one inquiry',
    vendor: 'persona',
    docs: [PAGES.selfieVerification, PAGES.verificationLifecycle, PAGES.responseBody],
    apiVersion: CURRENT,
    deliveries: [
      ...verificationEvents('selfie', V2_A, V2, '2026-04-02T10:00:00.000Z', { 'capture-method': 'photo' }, [
        { name: 'verification.created', at: '2026-04-02T10:00:00.150Z', status: 'initiated' },
        {
          name: 'verification.submitted',
          at: '2026-04-02T10:00:40.250Z',
          status: 'submitted',
          submittedAt: '2026-04-02T10:00:40.000Z',
        },
        {
          name: 'verification.failed',
          at: '2026-04-02T10:00:47.350Z',
          status: 'failed',
          submittedAt: '2026-04-02T10:00:40.000Z',
          completedAt: '2026-04-02T10:00:47.000Z',
          extra: { checks: [check('selfie_glare_detection', 'failed', ['too_much_glare'])] },
        },
      ]),
      ...verificationEvents('selfie', V2_B, V2, '2026-04-02T10:01:30.000Z', { 'capture-method': 'video' }, [
        { name: 'verification.created', at: '2026-04-02T10:01:30.150Z', status: 'initiated' },
        {
          name: 'verification.passed',
          at: '2026-04-02T10:02:20.350Z',
          status: 'passed',
          submittedAt: '2026-04-02T10:02:12.000Z',
          completedAt: '2026-04-02T10:02:20.000Z',
        },
      ]),
    ],
    states: [
      {
        kind: 'inquiry',
        id: V2,
        state: {
          verifications: {
            [V2_A]: { type: 'selfie', status: 'failed' },
            [V2_B]: { type: 'selfie', status: 'passed' },
          },
        },
        why: 'A retry is a new verification with its own id (response-body.md lists several attempts of one type); each keeps its own status. Routed by relationships.inquiry.',
      },
    ],
  },

  {
    name: 'verification/database: created -> submitted -> failed',
    vendor: 'persona',
    docs: [PAGES.databaseVerification, PAGES.verificationLifecycle],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database',
      V3_V,
      V3,
      '2026-04-03T11:00:00.000Z',
      { ...personAttrs, 'email-address': MEI.email, 'phone-number': null, 'identification-number': null },
      [
        { name: 'verification.created', at: '2026-04-03T11:00:00.110Z', status: 'initiated' },
        {
          name: 'verification.submitted',
          at: '2026-04-03T11:00:05.220Z',
          status: 'submitted',
          submittedAt: '2026-04-03T11:00:05.000Z',
        },
        {
          name: 'verification.failed',
          at: '2026-04-03T11:00:09.330Z',
          status: 'failed',
          submittedAt: '2026-04-03T11:00:05.000Z',
          completedAt: '2026-04-03T11:00:09.000Z',
          extra: { checks: [check('database_identity_comparison', 'failed', ['no_match'])] },
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V3,
        state: { verifications: { [V3_V]: { type: 'database', status: 'failed' } } },
        why: 'verification.failed: "Some or all of the required checks have failed".',
      },
    ],
  },

  {
    name: 'verification/phone-number: created -> passed (confirmation code entered)',
    vendor: 'persona',
    docs: [PAGES.phoneVerification, PAGES.verificationLifecycle, PAGES.verificationTypes],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'phone-number',
      V4_V,
      V4,
      '2026-04-04T12:00:00.000Z',
      { 'phone-number': MEI.phone, 'confirmation-code': '40718', 'country-code': 'US', metadata: {} },
      [
        { name: 'verification.created', at: '2026-04-04T12:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.passed',
          at: '2026-04-04T12:01:10.200Z',
          status: 'passed',
          submittedAt: '2026-04-04T12:01:05.000Z',
          completedAt: '2026-04-04T12:01:10.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V4,
        state: { verifications: { [V4_V]: { type: 'phone-number', status: 'passed' } } },
        why: 'verification-types.md: verification/phone-number sends a PIN and checks the number.',
      },
    ],
  },

  {
    name: 'verification/email-address: created -> submitted -> passed',
    vendor: 'persona',
    docs: [PAGES.emailVerification, PAGES.verificationLifecycle],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'email-address',
      V5_V,
      V5,
      '2026-04-05T12:00:00.000Z',
      { 'email-address': MEI.email, 'confirmation-code': '82260', 'country-code': 'US' },
      [
        { name: 'verification.created', at: '2026-04-05T12:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.submitted',
          at: '2026-04-05T12:02:00.200Z',
          status: 'submitted',
          submittedAt: '2026-04-05T12:02:00.000Z',
        },
        {
          name: 'verification.passed',
          at: '2026-04-05T12:02:01.300Z',
          status: 'passed',
          submittedAt: '2026-04-05T12:02:00.000Z',
          completedAt: '2026-04-05T12:02:01.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V5,
        state: { verifications: { [V5_V]: { type: 'email-address', status: 'passed' } } },
        why: 'Retrieve an Email Address Verification: type verification/email-address, relationships.inquiry names the inquiry.',
      },
    ],
  },

  {
    name: 'verification/document: linked to a document/generic and a legacy template; created -> submitted -> passed',
    vendor: 'persona',
    docs: [PAGES.documentVerification, PAGES.verificationTypes],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'document',
      V6_V,
      V6,
      '2026-04-06T13:00:00.000Z',
      {
        'country-code': null,
        'document-type': 'utility_bill',
        'extraction-responses': [],
        fields: {},
        files: [
          {
            filename: 'bill-march.pdf',
            url: 'https://files.withpersona.com/bill-march.pdf?access_token=fixture',
            'byte-size': 91022,
          },
        ],
      },
      [
        { name: 'verification.created', at: '2026-04-06T13:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.submitted',
          at: '2026-04-06T13:01:00.200Z',
          status: 'submitted',
          submittedAt: '2026-04-06T13:01:00.000Z',
        },
        {
          name: 'verification.passed',
          at: '2026-04-06T13:01:30.300Z',
          status: 'passed',
          submittedAt: '2026-04-06T13:01:00.000Z',
          completedAt: '2026-04-06T13:01:30.000Z',
        },
      ],
      {
        document: one('document/generic', pid('doc', 'ver-document')),
        inquiry: one('inquiry', V6),
        'inquiry-template': { data: null },
        'inquiry-template-version': { data: null },
        template: one('template', pid('tmpl', 'ver-document')),
        transaction: { data: null },
        'verification-template': one('verification-template/document', pid('vtmpl', 'document')),
      },
    ),
    states: [
      {
        kind: 'inquiry',
        id: V6,
        state: { verifications: { [V6_V]: { type: 'document', status: 'passed' } } },
        why: 'Retrieve a Document Verification: type verification/document with a document relationship (document/generic) and a legacy template relationship; inquiry-template {data: null}.',
      },
    ],
  },

  {
    name: 'verification/aamva: skipped (non-participating jurisdiction); relationships other than inquiry are {}',
    vendor: 'persona',
    docs: [PAGES.aamvaVerification, PAGES.verificationLifecycle],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'aamva',
      V7_V,
      V7,
      '2026-04-07T14:00:00.000Z',
      {
        'name-first': MEI.first,
        'name-last': MEI.last,
        birthdate: MEI.birthdate,
        'identification-number': 'D4410278',
        'issuing-authority': 'CO',
        'country-code': 'US',
      },
      [
        { name: 'verification.created', at: '2026-04-07T14:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.submitted',
          at: '2026-04-07T14:00:01.200Z',
          status: 'submitted',
          submittedAt: '2026-04-07T14:00:01.000Z',
        },
        {
          name: 'verification.skipped',
          at: '2026-04-07T14:00:02.300Z',
          status: 'skipped',
          submittedAt: '2026-04-07T14:00:01.000Z',
          completedAt: '2026-04-07T14:00:02.000Z',
        },
      ],
      {
        inquiry: one('inquiry', V7),
        template: bare(),
        'inquiry-template-version': bare(),
        'inquiry-template': bare(),
        transaction: bare(),
        'verification-template': one('verification-template/aamva', pid('vtmpl', 'aamva')),
      },
    ),
    states: [
      {
        kind: 'inquiry',
        id: V7,
        state: { verifications: { [V7_V]: { type: 'aamva', status: 'skipped' } } },
        why: 'verification-lifecycle.md: skipped "is a status specific to AAMVA verifications submitted for a non-participating jurisdiction". The AAMVA page sends template/inquiry-template/transaction as {} (no data key).',
      },
    ],
  },

  {
    name: 'verification/database-tin: tentatively-passed, then passed',
    vendor: 'persona',
    docs: [PAGES.tinVerification, PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-tin',
      V8_V,
      V8,
      '2026-04-08T09:00:00.000Z',
      {
        'name-first': 'MEI',
        'name-last': 'TAKAHASHI-BERG',
        'name-business': null,
        tin: '900-71-4432',
        'tin-type': 'itin',
        'country-code': 'US',
      },
      [
        {
          name: 'verification.submitted',
          at: '2026-04-08T09:00:03.100Z',
          status: 'submitted',
          submittedAt: '2026-04-08T09:00:03.000Z',
        },
        {
          name: 'verification.tentatively-passed',
          at: '2026-04-08T09:00:04.200Z',
          status: 'submitted',
          submittedAt: '2026-04-08T09:00:03.000Z',
        },
        {
          name: 'verification.passed',
          at: '2026-04-08T09:05:00.300Z',
          status: 'passed',
          submittedAt: '2026-04-08T09:00:03.000Z',
          completedAt: '2026-04-08T09:05:00.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V8,
        state: { version: 3, verifications: { [V8_V]: { type: 'database-tin', status: 'passed' } } },
        why: 'Events list: verification.tentatively-passed "Occurs when a verification tentatively passes"; the final verification.passed decides. (The status a tentative event carries is undocumented, so it is not asserted.)',
      },
    ],
  },

  {
    name: 'verification/database-ecbsv: tentatively-failed, then failed',
    vendor: 'persona',
    docs: [PAGES.ecbsvVerification, PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-ecbsv',
      V9_V,
      V9,
      '2026-04-09T09:00:00.000Z',
      {
        'name-first': MEI.first,
        'name-last': MEI.last,
        birthdate: MEI.birthdate,
        'identification-number': '900714432',
        'country-code': 'US',
      },
      [
        {
          name: 'verification.tentatively-failed',
          at: '2026-04-09T09:00:04.200Z',
          status: 'submitted',
          submittedAt: '2026-04-09T09:00:03.000Z',
        },
        {
          name: 'verification.failed',
          at: '2026-04-09T09:06:00.300Z',
          status: 'failed',
          submittedAt: '2026-04-09T09:00:03.000Z',
          completedAt: '2026-04-09T09:06:00.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V9,
        state: { verifications: { [V9_V]: { type: 'database-ecbsv', status: 'failed' } } },
        why: 'Events list: verification.tentatively-failed then verification.failed; verification-types.md: verification/database-ecbsv.',
      },
    ],
  },

  {
    name: 'verification/database-serpro (API reference type): canceled; has a selfie relationship',
    vendor: 'persona',
    docs: [PAGES.serproVerification, PAGES.verificationLifecycle],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-serpro',
      V10_V,
      V10,
      '2026-04-10T09:00:00.000Z',
      {
        'name-first': 'Mei',
        'name-full': 'Mei Takahashi-Berg',
        'name-last': 'Takahashi-Berg',
        birthdate: MEI.birthdate,
        cpf: '52998224725',
        'country-code': 'BR',
      },
      [
        { name: 'verification.created', at: '2026-04-10T09:00:00.100Z', status: 'initiated' },
        { name: 'verification.canceled', at: '2026-04-10T09:10:00.200Z', status: 'canceled' },
      ],
      {
        ...verificationRelationships('database-serpro', V10),
        selfie: one('selfie/profile-and-center', pid('self', 'ver-serpro')),
      },
    ),
    states: [
      {
        kind: 'inquiry',
        id: V10,
        state: { verifications: { [V10_V]: { type: 'database-serpro', status: 'canceled' } } },
        why: 'verification-lifecycle.md: canceled = "Verification timed out". Retrieve a Serpro Database Verification: type verification/database-serpro, with a selfie relationship.',
      },
    ],
  },

  {
    name: 'verification/database-phone-serpro (the Verification Types page spelling): passed',
    vendor: 'persona',
    docs: [PAGES.verificationTypes],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-phone-serpro',
      V11_V,
      V11,
      '2026-04-10T10:00:00.000Z',
      { 'name-first': 'Mei', 'name-last': 'Takahashi-Berg', 'country-code': 'BR' },
      [
        {
          name: 'verification.passed',
          at: '2026-04-10T10:00:05.200Z',
          status: 'passed',
          submittedAt: '2026-04-10T10:00:02.000Z',
          completedAt: '2026-04-10T10:00:05.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V11,
        state: { verifications: { [V11_V]: { type: 'database-phone-serpro', status: 'passed' } } },
        why: 'verification-types.md lists the Serpro API type as verification/database-phone-serpro while its API page says verification/database-serpro: build for both; the type is what follows verification/.',
      },
    ],
  },

  {
    name: 'verification/database-phone-carrier: requires-retry (deprecated status)',
    vendor: 'persona',
    docs: [PAGES.phoneCarrierVerification, PAGES.verificationLifecycle, PAGES.verificationsApi],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-phone-carrier',
      V12_V,
      V12,
      '2026-04-11T09:00:00.000Z',
      { ...personAttrs },
      [
        {
          name: 'verification.submitted',
          at: '2026-04-11T09:00:01.100Z',
          status: 'submitted',
          submittedAt: '2026-04-11T09:00:01.000Z',
        },
        {
          name: 'verification.requires-retry',
          at: '2026-04-11T09:00:04.200Z',
          status: 'requires_retry',
          submittedAt: '2026-04-11T09:00:01.000Z',
          completedAt: '2026-04-11T09:00:04.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V12,
        state: { verifications: { [V12_V]: { type: 'database-phone-carrier', status: 'requires_retry' } } },
        why: 'verification-lifecycle.md: requires_retry "Verification requires a resubmission" (deprecated but still a status); verifications.md spells it "Requires Retry": one comparable key.',
      },
    ],
  },

  {
    name: 'verification/government-id-nfc: passed; its inquiry relationship routes it',
    vendor: 'persona',
    docs: [PAGES.nfcVerification],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'government-id-nfc',
      V13_V,
      V13,
      '2026-04-12T09:00:00.000Z',
      {
        'name-first': 'MEI',
        'name-last': 'TAKAHASHI-BERG',
        birthdate: MEI.birthdate,
        'id-class': 'pp',
        'identification-number': 'TK2284410',
        'expiration-date': '2033-06-01',
        sex: 'F',
        'country-code': 'US',
      },
      [
        {
          name: 'verification.passed',
          at: '2026-04-12T09:01:00.300Z',
          status: 'passed',
          submittedAt: '2026-04-12T09:00:50.000Z',
          completedAt: '2026-04-12T09:01:00.000Z',
        },
      ],
      { document: one('document/government-id-nfc', pid('doc', 'ver-nfc')), inquiry: one('inquiry', V13) },
    ),
    states: [
      {
        kind: 'inquiry',
        id: V13,
        state: { verifications: { [V13_V]: { type: 'government-id-nfc', status: 'passed' } } },
        why: 'Retrieve a Government ID NFC Verification: type verification/government-id-nfc, relationships document and inquiry only.',
      },
    ],
  },

  {
    name: 'verification/database-standard: failed, then escalated (status kept as sent)',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.retrieveVerification],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-standard',
      V14_V,
      V14,
      '2026-04-13T09:00:00.000Z',
      { ...personAttrs },
      [
        {
          name: 'verification.submitted',
          at: '2026-04-13T09:00:01.100Z',
          status: 'submitted',
          submittedAt: '2026-04-13T09:00:01.000Z',
        },
        {
          name: 'verification.failed',
          at: '2026-04-13T09:00:03.200Z',
          status: 'failed',
          submittedAt: '2026-04-13T09:00:01.000Z',
          completedAt: '2026-04-13T09:00:03.000Z',
        },
        {
          name: 'verification.escalated',
          at: '2026-04-13T09:00:03.900Z',
          status: 'failed',
          submittedAt: '2026-04-13T09:00:01.000Z',
          completedAt: '2026-04-13T09:00:03.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V14,
        state: { version: 3, verifications: { [V14_V]: { type: 'database-standard', status: 'failed' } } },
        why: 'Events list: verification.escalated "Occurs when a verification is escalated"; escalation is not a status in verification-lifecycle.md, so the status is the one the payload carries.',
      },
    ],
  },

  {
    name: 'verification/database-business: created -> updated-tags -> submitted -> passed',
    vendor: 'persona',
    docs: [PAGES.businessVerification, PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database-business',
      V15_V,
      V15,
      '2026-04-14T09:00:00.000Z',
      {
        'business-name': 'Juniper Row Ceramics LLC',
        'address-street-1': '880 Juniper Row',
        'address-city': 'Denver',
        'address-subdivision': 'Colorado',
        'address-postal-code': '80203',
        'address-country-code': 'US',
        'registration-number': null,
        'country-code': 'US',
      },
      [
        { name: 'verification.created', at: '2026-04-14T09:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.updated-tags',
          at: '2026-04-14T09:00:20.200Z',
          status: 'initiated',
          extra: { tags: ['kyb-pilot'] },
        },
        {
          name: 'verification.submitted',
          at: '2026-04-14T09:01:00.300Z',
          status: 'submitted',
          submittedAt: '2026-04-14T09:01:00.000Z',
          extra: { tags: ['kyb-pilot'] },
        },
        {
          name: 'verification.passed',
          at: '2026-04-14T09:01:09.400Z',
          status: 'passed',
          submittedAt: '2026-04-14T09:01:00.000Z',
          completedAt: '2026-04-14T09:01:09.000Z',
          extra: { tags: ['kyb-pilot'] },
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V15,
        version: 2,
        state: { verifications: { [V15_V]: { type: 'database-business', status: 'initiated' } } },
        why: 'verification.updated-tags carries the verification with its unchanged status.',
      },
      {
        kind: 'inquiry',
        id: V15,
        state: { tags: [], verifications: { [V15_V]: { type: 'database-business', status: 'passed' } } },
        why: "A verification's tags are the verification's, not the inquiry's.",
      },
    ],
  },

  {
    name: 'Legacy government ID type verification/passport: passed',
    vendor: 'persona',
    docs: [PAGES.verificationTypes],
    deliveries: verificationEvents(
      'passport',
      V16_V,
      V16,
      '2025-06-01T09:00:00.000Z',
      { 'name-first': 'MEI', 'name-last': 'TAKAHASHI-BERG' },
      [
        {
          name: 'verification.passed',
          at: '2025-06-01T09:01:00.300Z',
          status: 'passed',
          submittedAt: '2025-06-01T09:00:40.000Z',
          completedAt: '2025-06-01T09:01:00.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: V16,
        state: { verifications: { [V16_V]: { type: 'passport', status: 'passed' } } },
        why: 'verification-types.md, Legacy government ID types: verification/driver-license, national-identity-card, passport, other-identity-card.',
      },
    ],
  },

  {
    name: 'A redacted verification (redacted-at set, PII null) does not redact its inquiry',
    vendor: 'persona',
    docs: [PAGES.redactVerification, PAGES.changelog20250707, PAGES.redactionHelp],
    apiVersion: CURRENT,
    deliveries: [
      inquiryCreated(V17, '2026-04-15T09:00:00.000Z', [ref('verification/government-id', V17_V)]),
      ...verificationEvents(
        'government-id',
        V17_V,
        V17,
        '2026-04-15T09:01:00.000Z',
        { ...personAttrs, 'id-class': 'dl', 'redacted-at': null, tags: ['manual-check'] },
        [
          {
            name: 'verification.passed',
            at: '2026-04-15T09:02:00.300Z',
            status: 'passed',
            submittedAt: '2026-04-15T09:01:40.000Z',
            completedAt: '2026-04-15T09:02:00.000Z',
          },
        ],
      ),
      ...verificationEvents(
        'government-id',
        V17_V,
        V17,
        '2026-04-15T09:01:00.000Z',
        {
          'name-first': null,
          'name-middle': null,
          'name-last': null,
          birthdate: null,
          'address-street-1': null,
          'address-street-2': null,
          'address-city': null,
          'address-subdivision': null,
          'address-postal-code': null,
          'id-class': null,
          'identification-number': null,
          'country-code': null,
          'front-photo-url': null,
          tags: [],
          'redacted-at': '2026-05-01T00:00:00.000Z',
        },
        [
          {
            name: 'verification.updated-tags',
            at: '2026-05-01T00:00:00.400Z',
            status: 'passed',
            submittedAt: '2026-04-15T09:01:40.000Z',
            completedAt: '2026-04-15T09:02:00.000Z',
          },
        ],
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: V17,
        state: {
          redacted: false,
          ...identityState(MEI),
          verifications: { [V17_V]: { type: 'government-id', status: 'passed' } },
        },
        why: 'Redact a Verification keeps status passed and nulls PII, tags []; Verifications carry redacted-at since 2025-07-07. Redaction cascades downstream only: redacting a verification does not redact the inquiry above it (help: "Redacting one object will redact all objects below it, but not objects beside or above it").',
      },
    ],
  },

  {
    name: 'A verification whose inquiry relationship is {} (selfie API sample): the inquiry still lists it',
    vendor: 'persona',
    docs: [PAGES.selfieVerification, PAGES.verificationsApi],
    apiVersion: CURRENT,
    deliveries: [
      inquiryCreated(V18, '2026-04-16T09:00:00.000Z', [ref('verification/selfie', V18_V)]),
      ...verificationEvents(
        'selfie',
        V18_V,
        V18,
        '2026-04-16T09:01:00.000Z',
        { 'capture-method': 'photo' },
        [
          {
            name: 'verification.passed',
            at: '2026-04-16T09:02:00.300Z',
            status: 'passed',
            submittedAt: '2026-04-16T09:01:50.000Z',
            completedAt: '2026-04-16T09:02:00.000Z',
          },
        ],
        { inquiry: {} },
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: V18,
        state: { verifications: { [V18_V]: { type: 'selfie' } } },
        why: 'Retrieve a Selfie Verification shows "relationships": {"inquiry": {}}: the verification does not name its inquiry, so its event cannot be routed by it; the inquiry\'s own relationships list the verification (verifications.md). Only the type is asserted: whether the status reaches the inquiry depends on routing by the inquiry\'s list (ambiguous).',
      },
    ],
  },

  {
    name: 'A verification with account (2025-07-30) and transaction (2024-09-16) relationships is still routed to its inquiry',
    vendor: 'persona',
    docs: [PAGES.changelog20250730, PAGES.changelog20240916, PAGES.retrieveVerification],
    apiVersion: CURRENT,
    deliveries: verificationEvents(
      'database',
      V19_V,
      V19,
      '2026-04-17T09:00:00.000Z',
      { ...personAttrs },
      [
        { name: 'verification.created', at: '2026-04-17T09:00:00.100Z', status: 'initiated' },
        {
          name: 'verification.passed',
          at: '2026-04-17T09:00:09.300Z',
          status: 'passed',
          submittedAt: '2026-04-17T09:00:05.000Z',
          completedAt: '2026-04-17T09:00:09.000Z',
        },
      ],
      {
        ...verificationRelationships('database', V19),
        account: one('account', V19_ACC),
        transaction: one('transaction', pid('txn', 'ver-account-ref')),
      },
    ),
    states: [
      {
        kind: 'inquiry',
        id: V19,
        state: { verifications: { [V19_V]: { type: 'database', status: 'passed' } } },
        why: '2025-07-30: Verifications "now include the related account in data.relationships"; 2024-09-16: a transaction relationship. The inquiry relationship still names the inquiry the verification belongs to.',
      },
    ],
  },
];
