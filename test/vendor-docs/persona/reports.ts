/**
 * report/<type>.* events (watchlist, adverse-media, politically-exposed-person, address-lookup,
 * email-address, phone-number, profile, screening) routed to their inquiry by the report's
 * `inquiry` relationship. Payload data is the report resource (Retrieve a Report): status pending /
 * ready / errored, has-match, is-continuous, matched-lists, run-history (gone in 2025-12-08).
 * Values are invented.
 */
import type { Body, Delivery, VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  inquiryResource,
  one,
  pid,
  ref,
  typedFields,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const KOFI: Person = {
  first: 'Kofi',
  middle: 'Ebo',
  last: 'Mensah-Larsen',
  birthdate: '1975-01-28',
  street1: '14 Quayside Walk',
  street2: null,
  city: 'Seattle',
  subdivision: 'Washington',
  postalCode: '98101',
  countryCode: 'US',
  email: 'kofi.ml@example.test',
  phone: '+12065550174',
};

interface ReportStep {
  name: string;
  at: string;
  status: string;
  hasMatch?: boolean;
  completedAt?: string | null;
  extra?: Body;
}

function reportEvents(
  type: string,
  id: string,
  inquiryId: string,
  createdAt: string,
  attrs: Body,
  steps: ReportStep[],
): Delivery[] {
  return steps.map((s) =>
    delivery(`report/${type}.${s.name}`, s.at, {
      type: `report/${type}`,
      id,
      attributes: {
        ...attrs,
        status: s.status,
        'created-at': createdAt,
        'completed-at': s.completedAt ?? null,
        'redacted-at': null,
        'report-template-version-name': 'v2',
        tags: [],
        ...(s.hasMatch === undefined ? {} : { 'has-match': s.hasMatch }),
        ...(s.extra ?? {}),
      },
      relationships: {
        inquiry: one('inquiry', inquiryId),
        account: one('account', pid('act', inquiryId)),
        transaction: {},
        'report-template': one(`report-template/${type}`, pid('rptp', type)),
      },
    }),
  );
}

const screeningQuery: Body = {
  'name-first': KOFI.first,
  'name-middle': KOFI.middle,
  'name-last': KOFI.last,
  term: 'Kofi Ebo Mensah-Larsen',
  birthdate: KOFI.birthdate,
  'country-code': 'US',
};

const R1 = pid('inq', 'rep-watchlist'),
  R1_R = pid('rep', 'watchlist');
const R2 = pid('inq', 'rep-adverse'),
  R2_R = pid('rep', 'adverse');
const R3 = pid('inq', 'rep-pep'),
  R3_R = pid('rep', 'pep');
const R4 = pid('inq', 'rep-address'),
  R4_R = pid('rep', 'address');
const R5 = pid('inq', 'rep-risk'),
  R5_E = pid('rep', 'email'),
  R5_P = pid('rep', 'phone'),
  R5_F = pid('rep', 'profile');
const R6 = pid('inq', 'rep-run-history'),
  R6_R = pid('rep', 'run-history');
const R6B = pid('inq', 'rep-no-run-history'),
  R6B_R = pid('rep', 'no-run-history');
const R7 = pid('inq', 'rep-screening'),
  R7_R = pid('rep', 'screening');
const R8 = pid('inq', 'rep-after-approval'),
  R8_R = pid('rep', 'after-approval');
const R9 = pid('inq', 'rep-continuous'),
  R9_R = pid('rep', 'continuous');

const R8_APPROVED: InquirySnapshot = {
  id: R8,
  status: 'approved',
  times: {
    'created-at': '2026-05-08T09:00:00.000Z',
    'started-at': '2026-05-08T09:00:30.000Z',
    'completed-at': '2026-05-08T09:05:00.000Z',
    'decisioned-at': '2026-05-08T09:05:01.000Z',
  },
  fields: typedFields(identityFieldSpec(KOFI)),
  relationships: currentInquiryRelationships({
    accountId: pid('act', R8),
    templateId: pid('itmpl', 'reports'),
    reports: [ref('report/watchlist', R8_R)],
  }),
};

const runHistory = [
  {
    'scheduled-at': '2026-05-06T07:00:00.000Z',
    'completed-at': '2026-05-06T07:00:02.000Z',
    'report-template-version-id': 4410,
    type: 'scheduled',
  },
];

export const fixtures: VendorDocFixture[] = [
  {
    name: 'report/watchlist: ready (no match) -> matched -> dismissed',
    vendor: 'persona',
    docs: [
      PAGES.retrieveReport,
      PAGES.reportWatchlistReady,
      PAGES.reportWatchlistMatched,
      PAGES.reportWatchlistDismissed,
      PAGES.payloadGuide,
    ],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'watchlist',
      R1_R,
      R1,
      '2026-05-01T09:00:00.000Z',
      { ...screeningQuery, 'is-continuous': true, 'is-recurring': true, 'ignore-list': [] },
      [
        {
          name: 'ready',
          at: '2026-05-01T09:00:02.300Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-05-01T09:00:02.000Z',
          extra: { 'matched-lists': [] },
        },
        {
          name: 'matched',
          at: '2026-05-04T07:00:03.300Z',
          status: 'ready',
          hasMatch: true,
          completedAt: '2026-05-04T07:00:03.000Z',
          extra: { 'matched-lists': [{ name: 'OFAC SDN', 'list-id': 'ofac-sdn' }] },
        },
        {
          name: 'dismissed',
          at: '2026-05-04T10:15:00.300Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-05-04T07:00:03.000Z',
          extra: { 'matched-lists': [], 'ignore-list': ['ofac-sdn:88412'] },
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R1,
        version: 1,
        state: { reports: { [R1_R]: { type: 'watchlist', status: 'ready', matched: false } } },
        why: 'report/watchlist.ready: "finishes processing and its results are available (status is ready)"; has-match false.',
      },
      {
        kind: 'inquiry',
        id: R1,
        version: 2,
        state: { reports: { [R1_R]: { type: 'watchlist', status: 'ready', matched: true } } },
        why: 'report/watchlist.matched: "Sent when a watchlist report surfaces one or more matches (has-match becomes true). For continuously-monitored reports this fires on the run that introduces a new match."',
      },
      {
        kind: 'inquiry',
        id: R1,
        state: { reports: { [R1_R]: { type: 'watchlist', status: 'ready', dismissed: true } } },
        why: 'report/watchlist.dismissed: "a previously surfaced match on a watchlist report is dismissed by a reviewer". (Whether matched stays true after dismissal is not documented, so it is not asserted.)',
      },
    ],
  },

  {
    name: 'report/adverse-media: ready with has-match true, then matched',
    vendor: 'persona',
    docs: [PAGES.events, PAGES.reportsOverview, PAGES.retrieveReport],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'adverse-media',
      R2_R,
      R2,
      '2026-05-02T09:00:00.000Z',
      { ...screeningQuery, 'is-continuous': false },
      [
        {
          name: 'ready',
          at: '2026-05-02T09:00:04.200Z',
          status: 'ready',
          hasMatch: true,
          completedAt: '2026-05-02T09:00:04.000Z',
        },
        {
          name: 'matched',
          at: '2026-05-02T09:00:04.500Z',
          status: 'ready',
          hasMatch: true,
          completedAt: '2026-05-02T09:00:04.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R2,
        state: { reports: { [R2_R]: { type: 'adverse-media', status: 'ready', matched: true } } },
        why: 'events.md: report/adverse-media.matched "has matched against at least one adverse media source"; payload guide: "Look at the top level has-match attribute to get the current match status".',
      },
    ],
  },

  {
    name: 'report/politically-exposed-person: errored',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.reportsApi],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'politically-exposed-person',
      R3_R,
      R3,
      '2026-05-03T09:00:00.000Z',
      { ...screeningQuery },
      [{ name: 'errored', at: '2026-05-03T09:00:09.200Z', status: 'errored' }],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R3,
        state: { reports: { [R3_R]: { type: 'politically-exposed-person', status: 'errored' } } },
        why: 'Events list: report/politically-exposed-person.errored "processing has errored"; payload guide appendix: report statuses pending | ready | errored.',
      },
    ],
  },

  {
    name: 'report/address-lookup: submitted (pending) -> ready',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.reportsApi],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'address-lookup',
      R4_R,
      R4,
      '2026-05-04T09:00:00.000Z',
      {
        'address-street-1': KOFI.street1,
        'address-city': KOFI.city,
        'address-subdivision': KOFI.subdivision,
        'address-postal-code': KOFI.postalCode,
        'address-country-code': 'US',
      },
      [
        { name: 'submitted', at: '2026-05-04T09:00:00.200Z', status: 'pending' },
        {
          name: 'ready',
          at: '2026-05-04T09:00:06.300Z',
          status: 'ready',
          completedAt: '2026-05-04T09:00:06.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R4,
        version: 1,
        state: { reports: { [R4_R]: { type: 'address-lookup', status: 'pending' } } },
        why: 'reports.md: "While the server processes the report, the report is pending"; report/address-lookup.submitted "is submitted for processing".',
      },
      {
        kind: 'inquiry',
        id: R4,
        state: { reports: { [R4_R]: { type: 'address-lookup', status: 'ready' } } },
        why: 'reports.md: "When the server finishes processing the report, the report is ready".',
      },
    ],
  },

  {
    name: 'Three reports on one inquiry: email-address, phone-number and profile, each ready',
    vendor: 'persona',
    docs: [PAGES.events, PAGES.reportsApi],
    apiVersion: CURRENT,
    deliveries: [
      ...reportEvents(
        'email-address',
        R5_E,
        R5,
        '2026-05-05T09:00:00.000Z',
        { 'email-address': KOFI.email, 'email-estimated-age-days': 2210 },
        [
          {
            name: 'ready',
            at: '2026-05-05T09:00:01.100Z',
            status: 'ready',
            completedAt: '2026-05-05T09:00:01.000Z',
          },
        ],
      ),
      ...reportEvents('phone-number', R5_P, R5, '2026-05-05T09:00:00.000Z', { 'phone-number': KOFI.phone }, [
        {
          name: 'ready',
          at: '2026-05-05T09:00:01.200Z',
          status: 'ready',
          completedAt: '2026-05-05T09:00:01.000Z',
        },
      ]),
      ...reportEvents('profile', R5_F, R5, '2026-05-05T09:00:00.000Z', { ...screeningQuery }, [
        {
          name: 'ready',
          at: '2026-05-05T09:00:03.300Z',
          status: 'ready',
          completedAt: '2026-05-05T09:00:03.000Z',
        },
      ]),
    ],
    states: [
      {
        kind: 'inquiry',
        id: R5,
        state: {
          reports: {
            [R5_E]: { type: 'email-address', status: 'ready' },
            [R5_P]: { type: 'phone-number', status: 'ready' },
            [R5_F]: { type: 'profile', status: 'ready' },
          },
        },
        why: 'reports.md (API): "An inquiry can contain many reports"; each report event names its inquiry in relationships.inquiry. Type is the part after report/.',
      },
    ],
  },

  {
    name: '2025-10-27 report payload with run-history',
    vendor: 'persona',
    docs: [PAGES.payloadGuide, PAGES.changelog20251208],
    apiVersion: '2025-10-27',
    deliveries: reportEvents(
      'watchlist',
      R6_R,
      R6,
      '2026-05-06T07:00:00.000Z',
      { ...screeningQuery, 'is-continuous': true, 'run-history': runHistory },
      [
        {
          name: 'ready',
          at: '2026-05-06T07:00:02.300Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-05-06T07:00:02.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R6,
        state: { reports: { [R6_R]: { type: 'watchlist', status: 'ready', matched: false } } },
        why: 'Before 2025-12-08 reports carry run-history ("timestamps for all previous runs", payload guide); it does not change status or match.',
      },
    ],
  },

  {
    name: '2025-12-08 report payload without run-history: same state',
    vendor: 'persona',
    docs: [PAGES.changelog20251208, PAGES.retrieveReport],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'watchlist',
      R6B_R,
      R6B,
      '2026-05-06T07:00:00.000Z',
      { ...screeningQuery, 'is-continuous': true },
      [
        {
          name: 'ready',
          at: '2026-05-06T07:00:02.400Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-05-06T07:00:02.000Z',
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R6B,
        state: { reports: { [R6B_R]: { type: 'watchlist', status: 'ready', matched: false } } },
        why: '2025-12-08: "Stop returning Report run-history ... deprecated from being part of a Report response".',
      },
    ],
  },

  {
    name: 'report/screening: matched, then reviewed (status kept)',
    vendor: 'persona',
    docs: [PAGES.eventList],
    apiVersion: CURRENT,
    deliveries: reportEvents('screening', R7_R, R7, '2026-05-07T09:00:00.000Z', { ...screeningQuery }, [
      {
        name: 'ready',
        at: '2026-05-07T09:00:03.100Z',
        status: 'ready',
        hasMatch: true,
        completedAt: '2026-05-07T09:00:03.000Z',
      },
      {
        name: 'matched',
        at: '2026-05-07T09:00:03.200Z',
        status: 'ready',
        hasMatch: true,
        completedAt: '2026-05-07T09:00:03.000Z',
      },
      {
        name: 'reviewed',
        at: '2026-05-07T11:30:00.300Z',
        status: 'ready',
        hasMatch: true,
        completedAt: '2026-05-07T09:00:03.000Z',
      },
    ]),
    states: [
      {
        kind: 'inquiry',
        id: R7,
        state: { version: 3, reports: { [R7_R]: { type: 'screening', status: 'ready', matched: true } } },
        why: 'Events list: report/screening.matched "returns a match", report/screening.reviewed "is reviewed"; reviewing is not a report status.',
      },
    ],
  },

  {
    name: 'A report ready after the inquiry was approved: the inquiry status does not move',
    vendor: 'persona',
    docs: [PAGES.reportsApi, PAGES.lifecycle],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.approved', '2026-05-08T09:05:01.300Z', inquiryResource(R8_APPROVED)),
      ...reportEvents('watchlist', R8_R, R8, '2026-05-08T09:05:00.000Z', { ...screeningQuery }, [
        {
          name: 'ready',
          at: '2026-05-08T09:05:04.300Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-05-08T09:05:04.000Z',
        },
      ]),
    ],
    states: [
      {
        kind: 'inquiry',
        id: R8,
        state: {
          status: 'approved',
          decidedAt: '2026-05-08T09:05:01.000Z',
          reports: { [R8_R]: { type: 'watchlist', status: 'ready' } },
        },
        why: 'reports.md (API): "Reports are created and processed asynchronously when an inquiry completes"; only inquiry events set the inquiry status.',
      },
    ],
  },

  {
    name: 'Continuous monitoring: a scheduled re-run months later matches',
    vendor: 'persona',
    docs: [PAGES.reportWatchlistMatched, PAGES.payloadGuide],
    apiVersion: CURRENT,
    deliveries: reportEvents(
      'watchlist',
      R9_R,
      R9,
      '2026-01-09T09:00:00.000Z',
      { ...screeningQuery, 'is-continuous': true, 'is-recurring': true },
      [
        {
          name: 'ready',
          at: '2026-01-09T09:00:02.100Z',
          status: 'ready',
          hasMatch: false,
          completedAt: '2026-01-09T09:00:02.000Z',
        },
        {
          name: 'matched',
          at: '2026-04-09T07:00:02.200Z',
          status: 'ready',
          hasMatch: true,
          completedAt: '2026-04-09T07:00:02.000Z',
          extra: { 'matched-lists': [{ name: 'EU Consolidated', 'list-id': 'eu-fsf' }] },
        },
      ],
    ),
    states: [
      {
        kind: 'inquiry',
        id: R9,
        asOf: '2026-03-01T00:00:00.000Z',
        state: { reports: { [R9_R]: { type: 'watchlist', matched: false } } },
        why: 'Before the re-run, the report had no match.',
      },
      {
        kind: 'inquiry',
        id: R9,
        state: { reports: { [R9_R]: { type: 'watchlist', status: 'ready', matched: true } } },
        why: 'is-continuous reports re-run; matched "fires on the run that introduces a new match".',
      },
    ],
  },
];
