/**
 * AiPrise delivery semantics: redeliveries (AiPrise "queues and retries deliveries automatically"),
 * deduplicated by callback_event_id when a payload has one and by the raw bytes otherwise; and
 * hostile ids (`__proto__`, `constructor`, `prototype`, `toString`, …) arriving as the ids the
 * profile state is keyed by. They are plain data and must fold as such.
 *
 * Computed keys (`['__proto__']`) make the expected maps hold an own `__proto__` property; a plain
 * `__proto__:` in an object literal would set the prototype instead. Values are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES, ms } from './support/common.js';

const tagsOnce = {
  user_profile_id: 'up_ds01',
  user_profile_event_type: 'TAGS_UPDATED',
  client_reference_id: 'cust-33001',
  client_reference_data: {},
  callback_event_id: '0d9c8b7a-6f5e-4d3c-2b1a-dup000000001',
  previous_tags: [],
  current_tags: ['HIGH_VALUE', 'RETAIL'],
  changes: { added: ['HIGH_VALUE', 'RETAIL'], removed: [] },
};

const commentBody = {
  user_profile_id: 'up_ds03',
  user_profile_event_type: 'COMMENT',
  author_id: 'ops.desk@lumenbank.test',
  comment: 'Called the customer to confirm the new address',
};

const sessionStarted = {
  event_type: 'VERIFICATION_SESSION_STARTED',
  user_profile_id: 'up_ds04',
  verification_session_id: 'vs_ds04',
  client_reference_id: 'cust-33004',
};

const decisionBody = {
  verification_session_id: 'vs_ds05',
  user_profile_id: 'up_ds05',
  template_id: 'tmpl_kyc_full',
  aiprise_summary: { verification_result: 'APPROVED', tags: [], reasons: [], notes: [] },
  status: 'COMPLETED',
  created_at: ms('2026-03-08T08:00:00Z'),
};

export const fixtures: VendorDocFixture[] = [
  {
    name: 'Duplicate: the same TAGS_UPDATED (same callback_event_id, same bytes) delivered twice is one event',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_ds01',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-08T08:00:00Z',
      },
      { body: tagsOnce, receivedAt: '2026-03-08T08:01:00Z' },
      { body: tagsOnce, receivedAt: '2026-03-08T08:03:00Z' },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds01',
        state: { tags: ['HIGH_VALUE', 'RETAIL'], version: 2 },
        why: 'AiPrise retries deliveries; TAGS_UPDATED carries callback_event_id, the identity of the event, so the redelivery is the same event and counts once.',
      },
    ],
    timelines: [
      {
        kind: 'user-profile',
        id: 'up_ds01',
        types: ['TAGS_UPDATED', 'USER_PROFILE_CREATE'],
        why: 'One entry per event, not per delivery.',
      },
    ],
  },

  {
    name: 'Duplicate: AML_HIT_RESOLVED with the same callback_event_id but keys serialised in a different order is one event',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_ds02',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          callback_event_id: 'a9b8c7d6-e5f4-4a3b-9c2d-dup000000002',
          verification_session_id: 'vs_ds02',
          aml_hit: {
            entity_hit_id: 'hit_ds02',
            entity_id: 'ext_7781',
            name: 'Marek Zielinski',
            entity_type: 'PERSON',
            hit_types: ['PEP'],
            name_match_score: 0.9,
          },
          resolution: {
            status: 'RESOLVED',
            comment: 'Namesake, different date of birth',
            resolved_by: 'analyst.kaur@lumenbank.test',
          },
        },
        receivedAt: '2026-03-08T09:00:00Z',
      },
      {
        body: {
          resolution: {
            resolved_by: 'analyst.kaur@lumenbank.test',
            status: 'RESOLVED',
            comment: 'Namesake, different date of birth',
          },
          aml_hit: {
            name_match_score: 0.9,
            hit_types: ['PEP'],
            entity_type: 'PERSON',
            name: 'Marek Zielinski',
            entity_id: 'ext_7781',
            entity_hit_id: 'hit_ds02',
          },
          verification_session_id: 'vs_ds02',
          callback_event_id: 'a9b8c7d6-e5f4-4a3b-9c2d-dup000000002',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          user_profile_id: 'up_ds02',
        },
        receivedAt: '2026-03-08T09:04:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds02',
        state: { version: 1, amlHits: { hit_ds02: { status: 'RESOLVED', nameMatchScore: 0.9 } } },
        why: 'The event id is callback_event_id when the payload has one: the bytes differ, the event does not.',
      },
    ],
  },

  {
    name: 'Duplicate without callback_event_id: the same profile COMMENT body twice is one comment',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.callbacks],
    deliveries: [
      { body: commentBody, receivedAt: '2026-03-08T10:00:00Z' },
      { body: commentBody, receivedAt: '2026-03-08T10:02:00Z' },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds03',
        state: {
          version: 1,
          comments: [
            { authorId: 'ops.desk@lumenbank.test', text: 'Called the customer to confirm the new address' },
          ],
        },
        why: 'callback_event_id appears in some payloads only; AiPrise retries deliveries, and without an id or an event time the identical bytes are the same delivery.',
      },
    ],
  },

  {
    name: 'Duplicate without callback_event_id: a session-channel VERIFICATION_SESSION_STARTED delivered twice is one event',
    vendor: 'aiprise',
    docs: [PAGES.caseEvents, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_ds04',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-08T11:00:00Z',
      },
      { body: sessionStarted, receivedAt: '2026-03-08T11:05:00Z' },
      { body: sessionStarted, receivedAt: '2026-03-08T11:06:00Z' },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds04',
        state: { version: 2, sessions: { vs_ds04: { status: 'STARTED' } } },
        why: 'Session-channel events carry no callback_event_id; a retried delivery has the same bytes.',
      },
    ],
  },

  {
    name: 'Duplicate decision callback (a retry of the callback_url POST) is one event',
    vendor: 'aiprise',
    docs: [PAGES.callbacksAuth, PAGES.supportCallbacks, PAGES.callbacks],
    deliveries: [
      { body: decisionBody, receivedAt: '2026-03-08T08:10:00Z' },
      { body: decisionBody, receivedAt: '2026-03-08T08:11:00Z' },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds05',
        state: { version: 1, sessions: { vs_ds05: { decision: 'APPROVED', runStatus: 'COMPLETED' } } },
        why: 'callback_url "only fires once per session"; a second identical body is AiPrise retrying that one delivery.',
      },
    ],
  },

  {
    name: 'Duplicate arriving late: an old TAGS_UPDATED redelivered after a newer one must not bring the old tags back',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_ds06',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '11111111-2222-4333-8444-late00000001',
          previous_tags: [],
          current_tags: ['EDD_REQUIRED', 'RETAIL'],
          changes: { added: ['EDD_REQUIRED', 'RETAIL'], removed: [] },
        },
        receivedAt: '2026-03-08T12:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds06',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '11111111-2222-4333-8444-late00000002',
          previous_tags: ['EDD_REQUIRED', 'RETAIL'],
          current_tags: ['RETAIL'],
          changes: { added: [], removed: ['EDD_REQUIRED'] },
        },
        receivedAt: '2026-03-08T12:30:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds06',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '11111111-2222-4333-8444-late00000001',
          previous_tags: [],
          current_tags: ['EDD_REQUIRED', 'RETAIL'],
          changes: { added: ['EDD_REQUIRED', 'RETAIL'], removed: [] },
        },
        receivedAt: '2026-03-08T18:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds06',
        state: { tags: ['RETAIL'], version: 2 },
        why: "Receipt orders events, but a redelivery is not a new event: the third delivery has the first one's callback_event_id and is dropped, so it cannot re-add EDD_REQUIRED.",
      },
    ],
    timelines: [
      {
        kind: 'user-profile',
        id: 'up_ds06',
        types: ['TAGS_UPDATED', 'TAGS_UPDATED'],
        why: 'Two events, not three deliveries.',
      },
    ],
  },

  {
    name: 'Hostile ids on the profile channel: __proto__ / constructor / prototype / toString / hasOwnProperty as hit, session, file, ticket and section ids',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'USER_PROFILE_CREATE_SESSION_URL',
          session_url: 'https://verify.aiprise.com/user/Pz0tYp',
          verification_session_id: 'constructor',
          expires_at: ms('2026-03-09T13:00:00Z'),
          delivery_channel: 'LINK',
        },
        receivedAt: '2026-03-08T13:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'VERIFICATION_SESSION_STARTED',
          verification_session_id: '__proto__',
        },
        receivedAt: '2026-03-08T13:01:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          callback_event_id: 'hostile-0001',
          verification_session_id: 'constructor',
          aml_hit: {
            entity_hit_id: '__proto__',
            entity_id: 'ext_proto',
            name: 'Proto Person',
            entity_type: 'PERSON',
            hit_types: ['PEP'],
            name_match_score: 0.5,
          },
          resolution: { status: 'RESOLVED', comment: 'Test hit', resolved_by: 'analyst.kaur@lumenbank.test' },
        },
        receivedAt: '2026-03-08T13:02:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          callback_event_id: 'hostile-0002',
          aml_hit: {
            entity_hit_id: 'constructor',
            entity_id: 'ext_ctor',
            name: 'Ctor Person',
            entity_type: 'PERSON',
            hit_types: ['SANCTION'],
            name_match_score: 0.55,
          },
          resolution: { status: 'WHITELISTED', resolved_by: 'analyst.kaur@lumenbank.test' },
        },
        receivedAt: '2026-03-08T13:03:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: 'prototype',
          media_type: 'UTILITY_BILL',
          uploaded_by: 'SOURCE_API',
          uploaded_at: ms('2026-03-08T13:04:00Z'),
        },
        receivedAt: '2026-03-08T13:04:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: '__proto__',
          media_type: 'BANK_STATEMENT',
          uploaded_by: 'SOURCE_API',
          uploaded_at: ms('2026-03-08T13:05:00Z'),
        },
        receivedAt: '2026-03-08T13:05:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'CREATE_TICKET',
          ticket: { ticket_id: 'toString', status: 'OPEN', review_queue: 'EDD_QUEUE' },
        },
        receivedAt: '2026-03-08T13:06:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'CREATE_TICKET',
          ticket: { ticket_id: '__proto__', status: 'OPEN', review_queue: 'KYC_REFRESH' },
        },
        receivedAt: '2026-03-08T13:07:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'SECTION_RESULT_UPDATE',
          section_id: 'hasOwnProperty',
          section_result: 'REVIEW',
        },
        receivedAt: '2026-03-08T13:08:00Z',
      },
      {
        body: {
          user_profile_id: 'up_ds07',
          user_profile_event_type: 'TAGS_UPDATED',
          previous_tags: [],
          current_tags: ['__proto__', 'constructor'],
          changes: { added: ['__proto__', 'constructor'], removed: [] },
        },
        receivedAt: '2026-03-08T13:09:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds07',
        state: {
          version: 10,
          tags: ['__proto__', 'constructor'],
          sessions: {
            constructor: { url: 'https://verify.aiprise.com/user/Pz0tYp', channel: 'LINK' },
            ['__proto__']: { status: 'STARTED' },
          },
          amlHits: {
            ['__proto__']: { entityId: 'ext_proto', status: 'RESOLVED', sessionId: 'constructor' },
            constructor: { entityId: 'ext_ctor', status: 'WHITELISTED' },
          },
          documents: {
            prototype: { mediaType: 'UTILITY_BILL', status: 'active' },
            ['__proto__']: { mediaType: 'BANK_STATEMENT', status: 'active' },
          },
          tickets: {
            toString: { status: 'OPEN', queue: 'EDD_QUEUE' },
            ['__proto__']: { status: 'OPEN', queue: 'KYC_REFRESH' },
          },
          sectionResults: { hasOwnProperty: 'REVIEW' },
        },
        why: 'entity_hit_id, verification_session_id, file_uuid, ticket and section ids are vendor-chosen strings; every one is an ordinary key of its map, whatever it spells.',
      },
      {
        kind: 'user-profile',
        id: 'up_ds07_bystander',
        state: null,
        why: 'No event names this profile; a polluted prototype must not conjure one.',
      },
    ],
  },

  {
    name: 'Hostile ids on the session channel: AML_MONITORING_UPDATE entity_hit_id "toString" / "constructor", CASE_STATUS_UPDATE and COMMENT for session "prototype"',
    vendor: 'aiprise',
    docs: [PAGES.amlMonitoring, PAGES.caseEvents],
    deliveries: [
      {
        body: {
          event_type: 'AML_MONITORING_UPDATE',
          user_profile_id: 'up_ds08',
          data: {
            verification_session_id: 'prototype',
            template_id: 'tmpl_monitoring',
            aml_monitoring_update: {
              new: [
                {
                  entity_hit_id: 'toString',
                  entity_id: 'ext_ts',
                  name: 'Tostring Person',
                  entity_type: 'PERSON',
                  hit_types: ['PEP'],
                  name_match_score: 0.6,
                },
                {
                  entity_hit_id: 'constructor',
                  entity_id: 'ext_ct',
                  name: 'Ctor Company',
                  entity_type: 'COMPANY',
                  hit_types: ['ADVERSE_MEDIA'],
                  name_match_score: 0.58,
                },
              ],
              removed: [],
              updated: [],
            },
          },
        },
        receivedAt: '2026-03-08T14:00:00Z',
      },
      {
        body: {
          event_type: 'CASE_STATUS_UPDATE',
          user_profile_id: 'up_ds08',
          verification_session_id: 'prototype',
          verification_result: 'REVIEW',
          author: { email: 'reviewer.osei@lumenbank.test' },
        },
        receivedAt: '2026-03-08T14:01:00Z',
      },
      {
        body: {
          event_type: 'COMMENT',
          user_profile_id: 'up_ds08',
          verification_session_id: 'prototype',
          comment: 'Both monitoring hits look unrelated',
          author: { email: 'reviewer.osei@lumenbank.test' },
          created_at: ms('2026-03-08T14:02:00Z'),
        },
        receivedAt: '2026-03-08T14:02:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_ds08',
        state: {
          sessions: {
            prototype: { decision: 'REVIEW', caseStatus: 'REVIEW', templateId: 'tmpl_monitoring' },
          },
          amlHits: {
            toString: { entityId: 'ext_ts', entityType: 'PERSON', sessionId: 'prototype' },
            constructor: { entityId: 'ext_ct', entityType: 'COMPANY', sessionId: 'prototype' },
          },
          comments: [
            { authorId: 'reviewer.osei@lumenbank.test', text: 'Both monitoring hits look unrelated' },
          ],
        },
        why: "Session-channel ids (data.verification_session_id, entity_hit_id inside data.aml_monitoring_update lists) are data; they key the profile's maps like any other id.",
      },
    ],
  },
];
