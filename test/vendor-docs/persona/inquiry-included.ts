/**
 * Inquiry events whose `included` array carries the related resources (verifications, sessions,
 * documents, reports, selfies, the inquiry template) when the webhook's included allowlist turns it
 * on, and inquiry.approved / inquiry.declined delivered alone (Persona recommends subscribing to
 * approved and declined). Names and ids are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  check,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  identityState,
  inquiryResource,
  many,
  next,
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

const DIEGO: Person = {
  first: 'Diego',
  middle: 'Alonso',
  last: 'Ferreira Campos',
  birthdate: '1986-04-09',
  street1: '2201 Alder Street',
  street2: null,
  city: 'Sacramento',
  subdivision: 'California',
  postalCode: '95816',
  countryCode: 'US',
  email: 'diego.fc@example.test',
  phone: '+19165550142',
};

const TEMPLATE = pid('itmpl', 'included-template');
const TEMPLATE_VERSION = pid('itmplv', 'included-template-v7');

// N1 ------------------------------------------------------------------------------------------
const N1 = pid('inq', 'N1-approved-alone');
const N1_ACC = pid('act', 'N1');
const N1_GOV = pid('ver', 'N1-gov');
const N1_SELFIE = pid('ver', 'N1-selfie');
const N1_DB = pid('ver', 'N1-db');
const N1_SESSION = pid('iqse', 'N1-mobile');
const N1_SNAP: InquirySnapshot = {
  id: N1,
  status: 'approved',
  referenceId: 'usr-77120',
  times: {
    'created-at': '2026-03-02T15:00:00.000Z',
    'started-at': '2026-03-02T15:01:10.000Z',
    'completed-at': '2026-03-02T15:08:20.000Z',
    'decisioned-at': '2026-03-02T15:08:23.000Z',
    'updated-at': '2026-03-02T15:08:23.000Z',
  },
  previousStep: 'verification_selfie',
  nextStep: 'success',
  fields: typedFields(identityFieldSpec(DIEGO)),
  relationships: currentInquiryRelationships({
    accountId: N1_ACC,
    templateId: TEMPLATE,
    templateVersionId: TEMPLATE_VERSION,
    verifications: [
      ref('verification/government-id', N1_GOV),
      ref('verification/selfie', N1_SELFIE),
      ref('verification/database', N1_DB),
    ],
    sessions: [ref('inquiry-session', N1_SESSION)],
  }),
};
const N1_INCLUDED = [
  verificationResource(
    'government-id',
    N1_GOV,
    {
      status: 'passed',
      'id-class': 'dl',
      'name-first': 'DIEGO',
      'name-last': 'FERREIRA CAMPOS',
      birthdate: DIEGO.birthdate,
      'country-code': 'US',
      'from-reusable-persona': false,
      checks: [check('id_expired_detection', 'passed'), check('id_tamper_detection', 'passed')],
      ...verificationTimes(
        '2026-03-02T15:01:10.000Z',
        '2026-03-02T15:03:02.000Z',
        '2026-03-02T15:03:09.000Z',
      ),
    },
    verificationRelationships('government-id', N1, {
      document: one('document/government-id', pid('doc', 'N1-gov')),
    }),
  ),
  verificationResource(
    'selfie',
    N1_SELFIE,
    {
      status: 'passed',
      'capture-method': 'video',
      checks: [check('selfie_id_comparison', 'passed'), check('selfie_liveness_detection', 'passed')],
      ...verificationTimes(
        '2026-03-02T15:04:00.000Z',
        '2026-03-02T15:05:11.000Z',
        '2026-03-02T15:05:19.000Z',
      ),
    },
    verificationRelationships('selfie', N1),
  ),
  verificationResource(
    'database',
    N1_DB,
    {
      status: 'passed',
      'name-first': DIEGO.first,
      'name-last': DIEGO.last,
      birthdate: DIEGO.birthdate,
      'address-street-1': DIEGO.street1,
      'country-code': 'US',
      checks: [check('database_identity_comparison', 'passed')],
      ...verificationTimes(
        '2026-03-02T15:07:40.000Z',
        '2026-03-02T15:07:41.000Z',
        '2026-03-02T15:07:44.000Z',
      ),
    },
    verificationRelationships('database', N1),
  ),
  {
    type: 'inquiry-session',
    id: N1_SESSION,
    attributes: {
      status: 'expired',
      'created-at': '2026-03-02T15:00:40.000Z',
      'started-at': '2026-03-02T15:00:41.000Z',
      'expired-at': '2026-03-03T15:00:00.000Z',
      'device-type': 'mobile',
      'os-name': 'iOS',
      'browser-name': 'Mobile Safari',
      'is-vpn': false,
      'threat-level': 'low',
      'country-code': 'US',
    },
    relationships: { inquiry: one('inquiry', N1) },
  },
  {
    type: 'inquiry-template',
    id: TEMPLATE,
    attributes: { name: 'KYC Standard (US)', status: 'active' },
    relationships: { 'latest-published-version': one('inquiry-template-version', TEMPLATE_VERSION) },
  },
];

// N2 ------------------------------------------------------------------------------------------
const N2 = pid('inq', 'N2-declined-alone');
const N2_GOV1 = pid('ver', 'N2-gov-1');
const N2_GOV2 = pid('ver', 'N2-gov-2');
const N2_SNAP: InquirySnapshot = {
  id: N2,
  status: 'declined',
  referenceId: 'usr-77121',
  times: {
    'created-at': '2026-03-03T11:00:00.000Z',
    'started-at': '2026-03-03T11:00:50.000Z',
    'failed-at': '2026-03-03T11:06:00.000Z',
    'decisioned-at': '2026-03-03T11:06:02.000Z',
  },
  previousStep: 'verification_government_id',
  nextStep: 'fail',
  fields: typedFields(identityFieldSpec(DIEGO)),
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'N2'),
    templateId: TEMPLATE,
    verifications: [ref('verification/government-id', N2_GOV1), ref('verification/government-id', N2_GOV2)],
  }),
};
const govFailed = (id: string, created: string, submitted: string, completed: string) =>
  verificationResource(
    'government-id',
    id,
    {
      status: 'failed',
      'id-class': 'pp',
      checks: [check('id_tamper_detection', 'failed', ['tampered_text'])],
      ...verificationTimes(created, submitted, completed),
    },
    verificationRelationships('government-id', N2),
  );

// N3: the example on docs/webhooks.md --------------------------------------------------------
const N3 = pid('inq', 'N3-legacy-example', 24);
const N3_TEMPLATE = pid('blu', 'N3-legacy-template');
const N3_DL = pid('ver', 'N3-driver-license');
const N3_SELFIE = pid('ver', 'N3-selfie');

// N4: included allowlist with documents, reports and selfies ----------------------------------
const N4 = pid('inq', 'N4-allowlist');
const N4_DOC = pid('doc', 'N4-gov');
const N4_REP = pid('rep', 'N4-watchlist');
const N4_SELFIE = pid('selfie', 'N4');
const N4_SNAP: InquirySnapshot = {
  id: N4,
  status: 'approved',
  times: {
    'created-at': '2026-03-04T12:00:00.000Z',
    'started-at': '2026-03-04T12:00:30.000Z',
    'completed-at': '2026-03-04T12:05:00.000Z',
    'decisioned-at': '2026-03-04T12:05:03.000Z',
  },
  fields: typedFields(identityFieldSpec(DIEGO)),
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'N4'),
    templateId: TEMPLATE,
    documents: [ref('document/government-id', N4_DOC)],
    reports: [ref('report/watchlist', N4_REP)],
    selfies: [ref('selfie', N4_SELFIE)],
  }),
};

// N5: included empty (the default) ----------------------------------------------------------------
const N5 = pid('inq', 'N5-included-off');
const N5_GOV = pid('ver', 'N5-gov');
const N5_SELFIE = pid('ver', 'N5-selfie');
const N5_DOC = pid('doc', 'N5-gov');
const N5_SNAP: InquirySnapshot = {
  ...N4_SNAP,
  id: N5,
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'N5'),
    templateId: TEMPLATE,
    verifications: [ref('verification/government-id', N5_GOV), ref('verification/selfie', N5_SELFIE)],
    documents: [ref('document/government-id', N5_DOC)],
  }),
};

// N6: included status older than a verification event -------------------------------------------
const N6 = pid('inq', 'N6-included-vs-event');
const N6_GOV = pid('ver', 'N6-gov');
const N6_C: InquirySnapshot = {
  id: N6,
  status: 'created',
  times: { 'created-at': '2026-03-05T08:00:00.000Z' },
  fields: typedFields(identityFieldSpec(DIEGO)),
  relationships: currentInquiryRelationships({ accountId: pid('act', 'N6'), templateId: TEMPLATE }),
};
const N6_S = next(N6_C, {
  status: 'pending',
  times: { 'started-at': '2026-03-05T08:01:00.000Z' },
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'N6'),
    templateId: TEMPLATE,
    verifications: [ref('verification/government-id', N6_GOV)],
  }),
});
const n6Gov = (status: string, submitted: string | null, completed: string | null) =>
  verificationResource(
    'government-id',
    N6_GOV,
    {
      status,
      'id-class': 'dl',
      checks: [],
      ...verificationTimes('2026-03-05T08:00:55.000Z', submitted, completed),
    },
    verificationRelationships('government-id', N6),
  );

export const fixtures: VendorDocFixture[] = [
  {
    name: 'inquiry.approved delivered alone (current shape) with verifications, a session and the template in included',
    vendor: 'persona',
    docs: [
      PAGES.webhookInquiryApproved,
      PAGES.allowlists,
      PAGES.lifecycle,
      PAGES.changelog20230821,
      PAGES.payloadGuide,
    ],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.approved', '2026-03-02T15:08:23.512Z', inquiryResource(N1_SNAP), {
        included: N1_INCLUDED,
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: N1,
        state: {
          status: 'approved',
          accountId: N1_ACC,
          referenceId: 'usr-77120',
          templateId: TEMPLATE,
          completedAt: '2026-03-02T15:08:20.000Z',
          decidedAt: '2026-03-02T15:08:23.000Z',
          ...identityState(DIEGO),
          verifications: {
            [N1_GOV]: { type: 'government-id', status: 'passed' },
            [N1_SELFIE]: { type: 'selfie', status: 'passed' },
            [N1_DB]: { type: 'database', status: 'passed' },
          },
          sessions: { [N1_SESSION]: { status: 'expired' } },
          startedAt: '2026-03-02T15:01:10.000Z',
        },
        why: 'model-lifecycle.md recommends configuring approved and declined webhooks; one inquiry.approved then carries the whole inquiry: completed-at and decisioned-at (webhook page), and with the included allowlist on, each related verification with its status and the inquiry-session with status expired (webhook page included). The inquiry-template in included (2023-08-21) does not change templateId.',
      },
    ],
  },

  {
    name: 'inquiry.declined delivered alone: two failed government-id attempts in included, failed-at and decisioned-at set',
    vendor: 'persona',
    docs: [PAGES.webhookInquiryDeclined, PAGES.responseBody, PAGES.accessingStatus],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.declined', '2026-03-03T11:06:02.377Z', inquiryResource(N2_SNAP), {
        included: [
          govFailed(
            N2_GOV1,
            '2026-03-03T11:00:50.000Z',
            '2026-03-03T11:02:10.000Z',
            '2026-03-03T11:02:16.000Z',
          ),
          govFailed(
            N2_GOV2,
            '2026-03-03T11:03:00.000Z',
            '2026-03-03T11:05:52.000Z',
            '2026-03-03T11:05:58.000Z',
          ),
        ],
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: N2,
        state: {
          status: 'declined',
          decidedAt: '2026-03-03T11:06:02.000Z',
          completedAt: null,
          failedAt: '2026-03-03T11:06:00.000Z',
          verifications: {
            [N2_GOV1]: { type: 'government-id', status: 'failed' },
            [N2_GOV2]: { type: 'government-id', status: 'failed' },
          },
        },
        why: 'response-body.md shows one inquiry with several verification/government-id attempts, each its own id and status. accessing-inquiry-status.md: a workflow on inquiry.failed declines the inquiry, so the declined inquiry carries failed-at (proposed failedAt) and decisioned-at but no completed-at.',
      },
    ],
  },

  {
    name: 'The example on docs/webhooks.md: legacy "template" relationship, legacy driver-license type, statuses in included',
    vendor: 'persona',
    docs: [PAGES.webhooks, PAGES.verificationTypes],
    deliveries: [
      delivery(
        'inquiry.approved',
        '2025-09-09T16:46:27.598Z',
        {
          type: 'inquiry',
          id: N3,
          attributes: {
            status: 'approved',
            'reference-id': null,
            'created-at': '2025-09-09T16:40:56.000Z',
            'completed-at': '2025-09-09T16:44:51.000Z',
            'expired-at': null,
          },
          relationships: {
            reports: many(),
            template: one('template', N3_TEMPLATE),
            verifications: many(
              ref('verification/driver-license', N3_DL),
              ref('verification/selfie', N3_SELFIE),
            ),
          },
        },
        {
          included: [
            { type: 'template', id: N3_TEMPLATE, attributes: { name: 'Onboarding (legacy)' } },
            {
              type: 'verification/driver-license',
              id: N3_DL,
              attributes: {
                status: 'passed',
                'front-photo-url': 'https://files.withpersona.com/front.jpg?access_token=fixture',
                'created-at': '2025-09-09T16:41:29.000Z',
                'completed-at': '2025-09-09T16:41:40.000Z',
              },
            },
            {
              type: 'verification/selfie',
              id: N3_SELFIE,
              attributes: {
                status: 'passed',
                'center-photo-url': 'https://files.withpersona.com/center.jpg?access_token=fixture',
                'created-at': '2025-09-09T16:42:43.000Z',
                'completed-at': '2025-09-09T16:42:46.000Z',
              },
            },
          ],
        },
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: N3,
        state: {
          status: 'approved',
          referenceId: null,
          templateId: N3_TEMPLATE,
          completedAt: '2025-09-09T16:44:51.000Z',
          expiredAt: null,
          verifications: {
            [N3_DL]: { type: 'driver-license', status: 'passed' },
            [N3_SELFIE]: { type: 'selfie', status: 'passed' },
          },
        },
        why: 'webhooks.md example: an inquiry.approved whose relationships name a legacy "template" (type template, blu_ id) and verification/driver-license (verification-types.md: legacy government ID types), with the verifications\' statuses only in included. Without an inquiry-template relationship, the template relationship is the template.',
      },
    ],
  },

  {
    name: 'Included allowlist picking documents, reports and selfies (bare "selfie" type as on the allowlist page)',
    vendor: 'persona',
    docs: [PAGES.allowlists, PAGES.retrieveGovIdDocument, PAGES.retrieveReport],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.approved', '2026-03-04T12:05:03.444Z', inquiryResource(N4_SNAP), {
        included: [
          {
            type: 'document/government-id',
            id: N4_DOC,
            attributes: {
              status: 'processed',
              'id-class': 'dl',
              'created-at': '2026-03-04T12:01:00.000Z',
              'processed-at': '2026-03-04T12:01:09.000Z',
              'processed-at-ts': 1772625669,
            },
            relationships: { inquiry: one('inquiry', N4), 'document-files': many() },
          },
          {
            type: 'report/watchlist',
            id: N4_REP,
            attributes: {
              status: 'ready',
              'has-match': false,
              'is-continuous': false,
              'matched-lists': [],
              'created-at': '2026-03-04T12:05:03.000Z',
              'completed-at': '2026-03-04T12:05:03.000Z',
              'redacted-at': null,
              tags: [],
            },
            relationships: {
              inquiry: one('inquiry', N4),
              'report-template': one('report-template/watchlist', pid('rptp', 'N4')),
            },
          },
          {
            type: 'selfie',
            id: N4_SELFIE,
            attributes: { status: 'processed', 'created-at': '2026-03-04T12:03:00.000Z' },
            relationships: { inquiry: one('inquiry', N4) },
          },
        ],
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: N4,
        state: {
          status: 'approved',
          documents: { [N4_DOC]: { type: 'government-id', status: 'processed' } },
          reports: { [N4_REP]: { type: 'watchlist', status: 'ready', matched: false } },
          selfies: { [N4_SELFIE]: { status: 'processed' } },
        },
        why: 'webhook-allowlists.md: an allowlist choosing document, reports and selfie puts those objects under included for inquiry events (its example uses types document/government-id, report and selfie). Document statuses: initiated, submitted, processed, errored (documents.md); report: pending, ready (reports.md), has-match false.',
      },
    ],
  },

  {
    name: 'Included off (the default): relationships name the verifications and documents, no statuses sent',
    vendor: 'persona',
    docs: [PAGES.allowlists, PAGES.verificationsApi, PAGES.documentsApi, PAGES.changelog20251027],
    apiVersion: CURRENT,
    deliveries: [delivery('inquiry.approved', '2026-03-04T12:05:03.555Z', inquiryResource(N5_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: N5,
        state: {
          status: 'approved',
          verifications: { [N5_GOV]: { type: 'government-id' }, [N5_SELFIE]: { type: 'selfie' } },
          documents: { [N5_DOC]: { type: 'government-id' } },
        },
        why: 'webhook-allowlists.md: "By default, Webhook Event payloads will NOT include the trigger object\'s related objects in included". verifications.md / documents.md: "Each inquiry\'s relationships field lists the IDs of all associated" verifications / documents, typed (verification/<type>, document/<type>). Their statuses are unknown, so only the type is asserted.',
      },
    ],
  },

  {
    name: 'A verification status in included older than a verification event: created-at order decides',
    vendor: 'persona',
    docs: [PAGES.bestPractices, PAGES.verificationLifecycle, PAGES.webhooks],
    apiVersion: CURRENT,
    deliveries: [
      delivery(
        'verification.passed',
        '2026-03-05T08:03:20.300Z',
        n6Gov('passed', '2026-03-05T08:02:40.000Z', '2026-03-05T08:03:20.000Z'),
      ),
      delivery('inquiry.created', '2026-03-05T08:00:00.200Z', inquiryResource(N6_C)),
      delivery('inquiry.started', '2026-03-05T08:02:41.100Z', inquiryResource(N6_S), {
        included: [n6Gov('submitted', '2026-03-05T08:02:40.000Z', null)],
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: N6,
        version: 2,
        state: {
          status: 'pending',
          verifications: { [N6_GOV]: { type: 'government-id', status: 'submitted' } },
        },
        why: 'As of inquiry.started the included verification was submitted (verification-lifecycle.md: submitted, then passed or failed).',
      },
      {
        kind: 'inquiry',
        id: N6,
        state: {
          status: 'pending',
          verifications: { [N6_GOV]: { type: 'government-id', status: 'passed' } },
        },
        why: 'verification.passed was created after inquiry.started (created-at), though it arrived first: the newer status wins.',
      },
    ],
  },
];
