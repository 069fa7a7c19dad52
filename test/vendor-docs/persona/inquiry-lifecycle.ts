/**
 * Persona inquiry lifecycle events, in the shape of the inquiry webhook pages (API 2025-12-08):
 * created, started, expired, completed, failed, marked-for-review, approved, declined, transitioned,
 * updated-tags, the reusable-persona events, an unknown future event, out-of-order and duplicate
 * delivery, the three spellings of needs_review, and the Events API's attribute-less payload.
 *
 * Every event carries the inquiry as it was at event time (docs/webhooks.md: "Objects within the
 * payload use the same schema as their API resource endpoints"). Names, addresses and ids are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  after,
  currentInquiryRelationships,
  delivery,
  eventId,
  identityFieldSpec,
  identityFieldValues,
  identityState,
  inquiryResource,
  next,
  one,
  pid,
  ref,
  retryHeaders,
  typedFields,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const INES: Person = {
  first: 'Ines',
  middle: 'Marisol',
  last: 'Okafor-Reyes',
  birthdate: '1988-11-23',
  street1: '47 Larchmont Terrace',
  street2: 'Apt 5C',
  city: 'Portland',
  subdivision: 'Oregon',
  postalCode: '97205',
  countryCode: 'US',
  email: 'ines.okafor@example.test',
  phone: '+15035550147',
};

const TOMASZ: Person = {
  first: 'Tomasz',
  middle: 'Piotr',
  last: 'Wielgus',
  birthdate: '1979-02-14',
  street1: '9 Harbour Lane',
  street2: null,
  city: 'Halifax',
  subdivision: 'Nova Scotia',
  postalCode: 'B3H 1A1',
  countryCode: 'CA',
  email: 't.wielgus@example.test',
  phone: null,
};

const TEMPLATE = pid('itmpl', 'lifecycle-template');
const TEMPLATE_VERSION = pid('itmplv', 'lifecycle-template-v3');

/** A freshly created inquiry, as inquiry.created carries it. */
function created(
  id: string,
  accountId: string,
  person: Person,
  createdAt: string,
  extra: Partial<InquirySnapshot> = {},
): InquirySnapshot {
  return {
    id,
    status: 'created',
    referenceId: `usr-${id.slice(-6).toLowerCase()}`,
    note: null,
    tags: [],
    creator: 'API',
    times: { 'created-at': createdAt, 'expires-at': after(createdAt, 24 * 3600 * 1000) },
    previousStep: null,
    nextStep: 'start',
    fields: typedFields(identityFieldSpec(person, ['identification-number'])),
    relationships: currentInquiryRelationships({
      accountId,
      templateId: TEMPLATE,
      templateVersionId: TEMPLATE_VERSION,
    }),
    ...extra,
  };
}

const inquiryPages = [PAGES.webhooks, PAGES.lifecycle, PAGES.retrieveInquiry];

// ---------------------------------------------------------------------------------------------

const L1 = pid('inq', 'L1-created');
const L1_ACC = pid('act', 'L1');
const L1_AT = '2026-01-12T08:00:00.000Z';
const L1_SNAP = created(L1, L1_ACC, INES, L1_AT, {
  note: 'Prefilled from signup form',
  tags: ['signup-web'],
  referenceId: 'usr-88412',
});

const L2 = pid('inq', 'L2-happy');
const L2_ACC = pid('act', 'L2');
const L2_C = created(L2, L2_ACC, INES, '2026-01-12T09:00:00.000Z');
const L2_S = next(L2_C, {
  status: 'pending',
  times: { 'started-at': '2026-01-12T09:03:10.000Z', 'updated-at': '2026-01-12T09:03:10.000Z' },
  previousStep: 'start',
  nextStep: 'verification_government_id',
});
const L2_D = next(L2_S, {
  status: 'completed',
  times: { 'completed-at': '2026-01-12T09:09:41.000Z', 'updated-at': '2026-01-12T09:09:41.000Z' },
  previousStep: 'verification_selfie',
  nextStep: 'success',
});
const L2_A = next(L2_D, {
  status: 'approved',
  times: { 'decisioned-at': '2026-01-12T09:09:44.000Z', 'updated-at': '2026-01-12T09:09:44.000Z' },
});

const L3 = pid('inq', 'L3-expired');
const L3_C = created(L3, pid('act', 'L3'), TOMASZ, '2026-01-13T10:00:00.000Z');
const L3_SESSION = pid('iqse', 'L3-desktop');
const L3_E = next(L3_C, {
  status: 'expired',
  times: { 'expired-at': '2026-01-14T10:00:00.000Z', 'updated-at': '2026-01-14T10:00:00.000Z' },
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'L3'),
    templateId: TEMPLATE,
    templateVersionId: TEMPLATE_VERSION,
    sessions: [ref('inquiry-session', L3_SESSION)],
  }),
});

const L4 = pid('inq', 'L4-failed');
const L4_C = created(L4, pid('act', 'L4'), TOMASZ, '2026-01-13T11:00:00.000Z');
const L4_S = next(L4_C, {
  status: 'pending',
  times: { 'started-at': '2026-01-13T11:02:00.000Z' },
  previousStep: 'start',
  nextStep: 'verification_government_id',
});
const L4_F = next(L4_S, {
  status: 'failed',
  times: { 'failed-at': '2026-01-13T11:14:30.000Z', 'updated-at': '2026-01-13T11:14:30.000Z' },
  previousStep: 'verification_government_id',
  nextStep: 'fail',
});

function reviewFixture(spelling: string, seed: string, page: string, pageFact: string): VendorDocFixture {
  const id = pid('inq', `review-${seed}`);
  const c = created(id, pid('act', `review-${seed}`), INES, '2026-01-14T09:00:00.000Z');
  const s = next(c, { status: 'pending', times: { 'started-at': '2026-01-14T09:01:00.000Z' } });
  const d = next(s, { status: 'completed', times: { 'completed-at': '2026-01-14T09:07:00.000Z' } });
  const r = next(d, {
    status: spelling,
    times: { 'marked-for-review-at': '2026-01-14T09:07:05.000Z', 'updated-at': '2026-01-14T09:07:05.000Z' },
  });
  return {
    name: `inquiry.marked-for-review with status spelled "${spelling}": the comparable key is needs_review`,
    vendor: 'persona',
    docs: [page, PAGES.webhookInquiryReview, PAGES.lifecycle],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', after(c.times['created-at'], 310), inquiryResource(c)),
      delivery('inquiry.started', after('2026-01-14T09:01:00.000Z', 420), inquiryResource(s)),
      delivery('inquiry.completed', after('2026-01-14T09:07:00.000Z', 515), inquiryResource(d)),
      delivery('inquiry.marked-for-review', after('2026-01-14T09:07:05.000Z', 233), inquiryResource(r)),
    ],
    states: [
      {
        kind: 'inquiry',
        id,
        state: {
          status: 'needs_review',
          completedAt: '2026-01-14T09:07:00.000Z',
          markedForReviewAt: '2026-01-14T09:07:05.000Z',
        },
        why: `${pageFact} Statuses compare trimmed, lower-cased, spaces and hyphens to _ (needs_review). The inquiry keeps completed-at; marked-for-review-at is an inquiry attribute (webhook pages) with no field in docs/aggregates.md: proposed markedForReviewAt.`,
      },
    ],
  };
}

const L6 = pid('inq', 'L6-review-decline');
const L6_C = created(L6, pid('act', 'L6'), TOMASZ, '2026-01-15T14:00:00.000Z');
const L6_S = next(L6_C, { status: 'pending', times: { 'started-at': '2026-01-15T14:00:40.000Z' } });
const L6_D = next(L6_S, { status: 'completed', times: { 'completed-at': '2026-01-15T14:06:00.000Z' } });
const L6_R = next(L6_D, {
  status: 'needs_review',
  times: { 'marked-for-review-at': '2026-01-15T14:06:02.000Z' },
});
const L6_X = next(L6_R, {
  status: 'declined',
  reviewerComment: 'Document edges cropped; address unverifiable',
  times: { 'decisioned-at': '2026-01-16T08:30:00.000Z', 'updated-at': '2026-01-16T08:30:00.000Z' },
});

const L7 = pid('inq', 'L7-transitioned');
const L7_C = created(L7, pid('act', 'L7'), INES, '2026-01-16T12:00:00.000Z', { nextStep: 'start' });
const L7_S = next(L7_C, {
  status: 'pending',
  times: { 'started-at': '2026-01-16T12:00:30.000Z' },
  previousStep: 'start',
  nextStep: 'verification_government_id',
});
const L7_T1 = next(L7_S, {
  previousStep: 'verification_government_id',
  nextStep: 'verification_selfie',
  times: { 'updated-at': '2026-01-16T12:02:10.000Z' },
});
const L7_T2 = next(L7_T1, {
  previousStep: 'verification_selfie',
  nextStep: 'review_details',
  times: { 'updated-at': '2026-01-16T12:03:55.000Z' },
});

const L8 = pid('inq', 'L8-tags');
const L8_C = created(L8, pid('act', 'L8'), TOMASZ, '2026-01-17T09:00:00.000Z', {
  tags: ['partner-referral'],
});
const L8_T1 = next(L8_C, {
  tags: ['high-risk-geo', 'partner-referral'],
  times: { 'updated-at': '2026-01-17T09:20:00.000Z' },
});
const L8_T2 = next(L8_T1, { tags: ['high-risk-geo'], times: { 'updated-at': '2026-01-17T10:05:00.000Z' } });

function reusableFixture(
  event: 'created' | 'updated' | 'used' | 'assurance-failed',
  terminal: string,
  pages: string[],
  fact: string,
): VendorDocFixture {
  const id = pid('inq', `reusable-${event}`);
  const c = created(id, pid('act', `reusable-${event}`), INES, '2026-01-18T15:00:00.000Z');
  const done = next(c, {
    status: terminal,
    times: {
      'started-at': '2026-01-18T15:00:20.000Z',
      'completed-at': '2026-01-18T15:04:00.000Z',
      ...(terminal === 'approved' ? { 'decisioned-at': '2026-01-18T15:04:02.000Z' } : {}),
    },
  });
  const deliveries = [delivery('inquiry.created', '2026-01-18T15:00:00.250Z', inquiryResource(c))];
  if (terminal === 'approved')
    deliveries.push(delivery('inquiry.approved', '2026-01-18T15:04:02.300Z', inquiryResource(done)));
  deliveries.push(
    delivery(`inquiry.reusable-persona-${event}`, '2026-01-18T15:04:03.100Z', inquiryResource(done)),
  );
  return {
    name: `inquiry.reusable-persona-${event}: the payload is the inquiry in its terminal status`,
    vendor: 'persona',
    docs: [...pages, PAGES.eventList],
    apiVersion: CURRENT,
    deliveries,
    states: [
      {
        kind: 'inquiry',
        id,
        state: { status: terminal, reusablePersona: event, completedAt: '2026-01-18T15:04:00.000Z' },
        why: `${fact} The event does not change the inquiry's status: the payload still carries its terminal status.`,
      },
    ],
  };
}

const L13 = pid('inq', 'L13-unknown');
const L13_C = created(L13, pid('act', 'L13'), TOMASZ, '2026-01-19T08:00:00.000Z');

const L14 = pid('inq', 'L14-out-of-order');
const L14_C = created(L14, pid('act', 'L14'), INES, '2026-01-20T07:00:00.000Z');
const L14_S = next(L14_C, { status: 'pending', times: { 'started-at': '2026-01-20T07:01:00.000Z' } });
const L14_D = next(L14_S, { status: 'completed', times: { 'completed-at': '2026-01-20T07:08:00.000Z' } });
const L14_A = next(L14_D, { status: 'approved', times: { 'decisioned-at': '2026-01-20T07:08:03.000Z' } });
const L14_EV = {
  created: '2026-01-20T07:00:00.401Z',
  started: '2026-01-20T07:01:00.377Z',
  completed: '2026-01-20T07:08:00.519Z',
  approved: '2026-01-20T07:08:03.262Z',
};

const L15 = pid('inq', 'L15-duplicates');
const L15_C = created(L15, pid('act', 'L15'), TOMASZ, '2026-01-21T07:00:00.000Z');
const L15_S = next(L15_C, { status: 'pending', times: { 'started-at': '2026-01-21T07:00:45.000Z' } });
const L15_D = next(L15_S, { status: 'completed', times: { 'completed-at': '2026-01-21T07:06:10.000Z' } });
const L15_A = next(L15_D, { status: 'approved', times: { 'decisioned-at': '2026-01-21T07:06:12.000Z' } });
const L15_STARTED_EVT = eventId('inquiry.started', '2026-01-21T07:00:45.300Z', L15);
const L15_COMPLETED_EVT = eventId('inquiry.completed', '2026-01-21T07:06:10.420Z', L15);

const L16 = pid('inq', 'L16-events-api');
const L16_ACC = pid('act', 'L16');
const L16_C = created(L16, L16_ACC, INES, '2026-01-22T06:00:00.000Z', { referenceId: 'usr-51003' });
const L16_EXPIRED_AT = '2026-01-23T06:00:00.918Z';

// ---------------------------------------------------------------------------------------------

export const fixtures: VendorDocFixture[] = [
  {
    name: 'inquiry.created (webhook page shape): status, reference-id, note, tags, fields, account and inquiry-template relationships',
    vendor: 'persona',
    docs: [PAGES.webhookInquiryCreated, PAGES.retrieveInquiry, PAGES.fields, PAGES.lifecycle],
    apiVersion: CURRENT,
    deliveries: [delivery('inquiry.created', '2026-01-12T08:00:00.377Z', inquiryResource(L1_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: L1,
        state: {
          status: 'created',
          accountId: L1_ACC,
          referenceId: 'usr-88412',
          templateId: TEMPLATE,
          note: 'Prefilled from signup form',
          tags: ['signup-web'],
          ...identityState(INES),
          fields: { ...identityFieldValues(INES), identificationNumber: null },
          completedAt: null,
          decidedAt: null,
          expiredAt: null,
          redacted: false,
          expiresAt: '2026-01-13T08:00:00.000Z',
        },
        why: 'model-lifecycle.md: inquiry.created sets status created. The webhook page carries reference-id, note, tags, fields ({type, value}; identification-number sent as {type} with no value, i.e. null), the account relationship and inquiry-template (template is {data: {}}, empty). Identity lives in fields (2025-10-27 changelog). expires-at (added 2025-02-04) has no field in docs/aggregates.md: proposed expiresAt.',
      },
    ],
  },

  {
    name: 'Happy path in order: created -> started -> completed -> approved, each payload the inquiry at that time',
    vendor: 'persona',
    docs: [...inquiryPages, PAGES.webhookInquiryCompleted, PAGES.webhookInquiryApproved],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-12T09:00:00.412Z', inquiryResource(L2_C)),
      delivery('inquiry.started', '2026-01-12T09:03:10.655Z', inquiryResource(L2_S)),
      delivery('inquiry.completed', '2026-01-12T09:09:41.803Z', inquiryResource(L2_D)),
      delivery('inquiry.approved', '2026-01-12T09:09:44.290Z', inquiryResource(L2_A)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L2,
        version: 1,
        state: { status: 'created', completedAt: null },
        why: 'model-lifecycle.md: inquiry.created -> status created.',
      },
      {
        kind: 'inquiry',
        id: L2,
        version: 2,
        state: { status: 'pending', startedAt: '2026-01-12T09:03:10.000Z' },
        why: 'model-lifecycle.md: inquiry.started -> status pending ("Set when the end user submits a document or begins a verification"). started-at is an inquiry attribute with no field in docs/aggregates.md: proposed startedAt.',
      },
      {
        kind: 'inquiry',
        id: L2,
        asOf: '2026-01-12T09:09:42.000Z',
        state: { status: 'completed', completedAt: '2026-01-12T09:09:41.000Z', decidedAt: null },
        why: 'inquiry.completed -> status completed; completed-at is when it completed. As of just after it, no decision yet.',
      },
      {
        kind: 'inquiry',
        id: L2,
        state: {
          status: 'approved',
          accountId: L2_ACC,
          templateId: TEMPLATE,
          completedAt: '2026-01-12T09:09:41.000Z',
          decidedAt: '2026-01-12T09:09:44.000Z',
          step: 'success',
          ...identityState(INES),
        },
        why: 'inquiry.approved -> status approved (Post-Inquiry phase); decisioned-at is the decision time; completed-at stays. next-step-name is the step the flow is at.',
      },
    ],
    timelines: [
      {
        kind: 'inquiry',
        id: L2,
        types: ['inquiry.approved', 'inquiry.completed', 'inquiry.started', 'inquiry.created'],
        why: 'One timeline entry per event, newest first.',
      },
    ],
  },

  {
    name: 'inquiry.expired without a start: the inquiry stays created after a session opens, then expires',
    vendor: 'persona',
    docs: [
      PAGES.webhookInquiryExpired,
      PAGES.lifecycleHelp,
      PAGES.inquirySessions,
      PAGES.retrieveInquirySession,
    ],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-13T10:00:00.333Z', inquiryResource(L3_C)),
      delivery('inquiry-session.started', '2026-01-13T10:12:00.510Z', {
        type: 'inquiry-session',
        id: L3_SESSION,
        attributes: {
          'created-at': '2026-01-13T10:12:00.000Z',
          'started-at': '2026-01-13T10:12:00.000Z',
          'expired-at': null,
          'device-type': 'desktop',
          'browser-name': 'Firefox',
          'os-name': 'Windows',
          'country-code': 'CA',
          'threat-level': 'low',
        },
        relationships: { inquiry: one('inquiry', L3), device: one('device', pid('dev', 'L3')) },
      }),
      delivery('inquiry.expired', '2026-01-14T10:00:00.644Z', inquiryResource(L3_E)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L3,
        version: 2,
        state: { status: 'created' },
        why: 'Lifecycle help article ("Opened" vs Pending): the inquiry stays created after the end user opens it; only their session starts.',
      },
      {
        kind: 'inquiry',
        id: L3,
        state: { status: 'expired', expiredAt: '2026-01-14T10:00:00.000Z', completedAt: null },
        why: 'model-lifecycle.md: inquiry.expired -> status expired, "Set when inquiry exceeds 24hrs, or configured duration"; expired-at is when.',
      },
    ],
  },

  {
    name: 'inquiry.failed: created -> started -> failed (attempts exceeded)',
    vendor: 'persona',
    docs: [PAGES.webhookInquiryFailed, PAGES.lifecycle, PAGES.inquiriesApi],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-13T11:00:00.281Z', inquiryResource(L4_C)),
      delivery('inquiry.started', '2026-01-13T11:02:00.402Z', inquiryResource(L4_S)),
      delivery('inquiry.failed', '2026-01-13T11:14:30.566Z', inquiryResource(L4_F)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L4,
        state: {
          status: 'failed',
          completedAt: null,
          decidedAt: null,
          failedAt: '2026-01-13T11:14:30.000Z',
          step: 'fail',
        },
        why: 'inquiries.md: Failed = "exceeded the allowed number of verification attempts"; model-lifecycle.md: inquiry.failed -> failed (Done phase, not a decision). failed-at has no field in docs/aggregates.md: proposed failedAt.',
      },
    ],
  },

  reviewFixture(
    'needs_review',
    'snake',
    PAGES.webhookInquiryReview,
    'The inquiry.marked-for-review webhook page sends status "needs_review".',
  ),
  reviewFixture(
    'needs-review',
    'kebab',
    PAGES.accessingStatus,
    'accessing-inquiry-status.md names the decisioning statuses approved, declined and "needs-review".',
  ),
  reviewFixture(
    'needs review',
    'space',
    PAGES.lifecycle,
    'model-lifecycle.md lists the Post-Inquiry status as "needs review".',
  ),
  reviewFixture(
    'Needs Review',
    'title',
    PAGES.inquiriesApi,
    'inquiries.md lists "Needs Review / Approved / Declined" as the optional statuses.',
  ),

  {
    name: 'Manual review then decline: needs_review -> declined with decisioned-at and a reviewer comment',
    vendor: 'persona',
    docs: [PAGES.webhookInquiryDeclined, PAGES.webhookInquiryReview, PAGES.lifecycle],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-15T14:00:00.120Z', inquiryResource(L6_C)),
      delivery('inquiry.started', '2026-01-15T14:00:40.300Z', inquiryResource(L6_S)),
      delivery('inquiry.completed', '2026-01-15T14:06:00.410Z', inquiryResource(L6_D)),
      delivery('inquiry.marked-for-review', '2026-01-15T14:06:02.220Z', inquiryResource(L6_R)),
      delivery('inquiry.declined', '2026-01-16T08:30:00.715Z', inquiryResource(L6_X)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L6,
        version: 4,
        state: { status: 'needs_review', decidedAt: null },
        why: 'Marked for review is not yet a decision: decisioned-at is still null.',
      },
      {
        kind: 'inquiry',
        id: L6,
        state: {
          status: 'declined',
          decidedAt: '2026-01-16T08:30:00.000Z',
          completedAt: '2026-01-15T14:06:00.000Z',
          markedForReviewAt: '2026-01-15T14:06:02.000Z',
        },
        why: 'inquiry.declined "manually in the dashboard or automatically through Workflows or the API" -> status declined; decisioned-at is the decision time; earlier times stay (proposed markedForReviewAt).',
      },
    ],
  },

  {
    name: 'inquiry.transitioned: previous-step-name / next-step-name move, status unchanged',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.retrieveInquiry, PAGES.quickstart],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-16T12:00:00.200Z', inquiryResource(L7_C)),
      delivery('inquiry.started', '2026-01-16T12:00:30.300Z', inquiryResource(L7_S)),
      delivery('inquiry.transitioned', '2026-01-16T12:02:10.450Z', inquiryResource(L7_T1)),
      delivery('inquiry.transitioned', '2026-01-16T12:03:55.610Z', inquiryResource(L7_T2)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L7,
        version: 3,
        state: { status: 'pending', step: 'verification_selfie', previousStep: 'verification_government_id' },
        why: 'inquiry.transitioned: "a dynamic flow inquiry moves from one step in the inquiry flow to the next". Persona documents no current-step attribute: the inquiry carries previous-step-name and next-step-name (a new inquiry has previous null and next = its first step, api-quickstart-tutorial.md), so next-step-name is the step the user is on. proposed previousStep.',
      },
      {
        kind: 'inquiry',
        id: L7,
        state: { status: 'pending', step: 'review_details', previousStep: 'verification_selfie' },
        why: 'A second transition moves the step again; status stays as sent (pending).',
      },
    ],
  },

  {
    name: 'inquiry.updated-tags: the payload carries the whole tag list',
    vendor: 'persona',
    docs: [PAGES.eventList, PAGES.retrieveInquiry, PAGES.payloadGuide],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-17T09:00:00.210Z', inquiryResource(L8_C)),
      delivery('inquiry.updated-tags', '2026-01-17T09:20:00.330Z', inquiryResource(L8_T1)),
      delivery('inquiry.updated-tags', '2026-01-17T10:05:00.440Z', inquiryResource(L8_T2)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L8,
        version: 2,
        state: { tags: ['high-risk-geo', 'partner-referral'] },
        why: 'tags is "an array of custom string labels applied to the object"; the event carries the inquiry as it is now.',
      },
      {
        kind: 'inquiry',
        id: L8,
        state: { tags: ['high-risk-geo'], status: 'created' },
        why: 'A later updated-tags without partner-referral removes it; status is not touched.',
      },
    ],
  },

  reusableFixture(
    'created',
    'approved',
    [PAGES.webhookReusableCreated],
    'reusable-persona-created: "The payload data is the Inquiry the reusable persona was created from, typically in its terminal approved (or completed) status."',
  ),
  reusableFixture(
    'updated',
    'approved',
    [],
    'Event list: inquiry.reusable-persona-updated "Occurs when a reusable persona is updated with data from an inquiry".',
  ),
  reusableFixture(
    'used',
    'completed',
    [PAGES.webhookReusableUsed],
    'reusable-persona-used: "The payload data is the new Inquiry that used the reusable persona, in its terminal status."',
  ),
  reusableFixture(
    'assurance-failed',
    'completed',
    [],
    'Event list: inquiry.reusable-persona-assurance-failed "a reusable persona was used on an inquiry but data was not shared due to an insufficient assurance level".',
  ),

  {
    name: 'An inquiry event name not in the list: accepted, counted, nothing else assumed',
    vendor: 'persona',
    docs: [PAGES.events, PAGES.versioning],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-19T08:00:00.150Z', inquiryResource(L13_C)),
      delivery(
        'inquiry.document-requested',
        '2026-01-19T08:10:00.250Z',
        inquiryResource(next(L13_C, { times: { 'updated-at': '2026-01-19T08:10:00.000Z' } })),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L13,
        state: { version: 2, status: 'created', ...identityState(TOMASZ) },
        why: 'events.md: "This list can grow at any time ... do not assume within your code that this is the full exhaustive list"; versioning.md: adding new event types is not a breaking change. The unknown event is kept and counted.',
      },
    ],
  },

  {
    name: 'Out-of-order delivery: approved arrives first, created last; state follows created-at',
    vendor: 'persona',
    docs: [PAGES.webhooks, PAGES.bestPractices],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.approved', L14_EV.approved, inquiryResource(L14_A)),
      delivery('inquiry.completed', L14_EV.completed, inquiryResource(L14_D)),
      delivery('inquiry.created', L14_EV.created, inquiryResource(L14_C)),
      delivery('inquiry.started', L14_EV.started, inquiryResource(L14_S)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L14,
        version: 2,
        state: { status: 'pending' },
        why: 'Fold order is created-at order: the second event is inquiry.started, whatever arrived second.',
      },
      {
        kind: 'inquiry',
        id: L14,
        asOf: '2026-01-20T07:08:01.000Z',
        state: { status: 'completed', decidedAt: null },
        why: 'As of after completed but before approved (by created-at), the inquiry is completed.',
      },
      {
        kind: 'inquiry',
        id: L14,
        state: {
          status: 'approved',
          completedAt: '2026-01-20T07:08:00.000Z',
          decidedAt: '2026-01-20T07:08:03.000Z',
          version: 4,
        },
        why: 'webhooks.md: received order may not match creation order; "Please utilize the data.attributes.created-at field to determine creation ordering" (webhooks-best-practices.md). The newest event is approved.',
      },
    ],
    timelines: [
      {
        kind: 'inquiry',
        id: L14,
        types: ['inquiry.approved', 'inquiry.completed', 'inquiry.started', 'inquiry.created'],
        why: 'The timeline is in created-at order (newest first), not arrival order.',
      },
    ],
  },

  {
    name: 'Duplicates: the same event id delivered twice (a retry), one late after newer events',
    vendor: 'persona',
    docs: [PAGES.bestPractices, PAGES.webhooks, PAGES.webhookInquiryCompleted],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-21T07:00:00.200Z', inquiryResource(L15_C)),
      delivery('inquiry.started', '2026-01-21T07:00:45.300Z', inquiryResource(L15_S), {
        id: L15_STARTED_EVT,
        headers: retryHeaders(1, 7, 1768978845),
      }),
      delivery('inquiry.started', '2026-01-21T07:00:45.300Z', inquiryResource(L15_S), {
        id: L15_STARTED_EVT,
        headers: retryHeaders(2, 6, 1768978845),
      }),
      delivery('inquiry.completed', '2026-01-21T07:06:10.420Z', inquiryResource(L15_D), {
        id: L15_COMPLETED_EVT,
        headers: retryHeaders(1, 7, 1768979170),
      }),
      delivery('inquiry.approved', '2026-01-21T07:06:12.530Z', inquiryResource(L15_A)),
      delivery('inquiry.completed', '2026-01-21T07:06:10.420Z', inquiryResource(L15_D), {
        id: L15_COMPLETED_EVT,
        headers: retryHeaders(3, 5, 1768979170),
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L15,
        state: {
          status: 'approved',
          version: 4,
          completedAt: '2026-01-21T07:06:10.000Z',
          decidedAt: '2026-01-21T07:06:12.000Z',
        },
        why: 'webhooks-best-practices.md: "Your webhook endpoints may occasionally receive the same event more than once ... make your event processing idempotent". Each event id counts once; the late redelivery of completed does not undo the approval (created-at order).',
      },
    ],
    timelines: [
      {
        kind: 'inquiry',
        id: L15,
        types: ['inquiry.approved', 'inquiry.completed', 'inquiry.started', 'inquiry.created'],
        why: 'One entry per event id.',
      },
    ],
  },

  {
    name: 'Events API shape: inquiry.expired with attributes {} and no relationships or included',
    vendor: 'persona',
    docs: [PAGES.eventsApi, PAGES.lifecycle, PAGES.webhooks],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-01-22T06:00:00.180Z', inquiryResource(L16_C)),
      delivery(
        'inquiry.expired',
        L16_EXPIRED_AT,
        { type: 'inquiry', id: L16, attributes: {} },
        { noIncluded: true },
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: L16,
        state: {
          status: 'expired',
          expiredAt: L16_EXPIRED_AT,
          accountId: L16_ACC,
          referenceId: 'usr-51003',
          templateId: TEMPLATE,
          ...identityState(INES),
        },
        why: 'list-all-events.md shows inquiry.expired whose payload data has "attributes": {} and nothing else. The event name implies the status (model-lifecycle.md: inquiry.expired -> expired) and the event created-at is when it expired; absent attributes and relationships are not sent, so nothing else is cleared.',
      },
    ],
  },
];
