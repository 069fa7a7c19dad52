/**
 * AiPrise session-channel callbacks (`event_type`, the "Case - Event Callbacks") for a verification
 * session linked to a user profile. AiPrise: "When a verification session is linked to a user
 * profile, the session's callback_url is NOT used. All notifications are sent to the profile's
 * events_callback_url."
 *
 * Where the body names the profile is not documented: the documented session payloads carry no
 * user_profile_id. Reading A (most fixtures) puts `user_profile_id` at the top level; reading B (last
 * fixture) sends the documented body only, and the profile is known from the session id an earlier
 * profile event named. Fields: CASE_STATUS_UPDATE documents them at the top level (vendor-facts says
 * under `data`: both are built); AML_MONITORING_UPDATE nests them under `data`.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES, ms } from './support/common.js';

const VS = '4a7c9e21-0b3d-4f6a-9c8e-52d1f0a7b6c3';
const TEMPLATE = 'c3e5a7b9-1d2f-4a6b-8c0e-9f7d5b3a1e24';

export const fixtures: VendorDocFixture[] = [
  {
    name: "Session channel, linked to a profile: STARTED, SUBMITTED, COMPLETION (full payload, REVIEW) and a reviewer's CASE_STATUS_UPDATE at top level",
    vendor: 'aiprise',
    docs: [
      PAGES.caseEvents,
      PAGES.caseEventsOld,
      PAGES.callbacksUser,
      PAGES.verificationResult,
      PAGES.supportCallbacks,
    ],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_sc01',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-06T08:00:00Z',
      },
      {
        body: {
          event_type: 'VERIFICATION_SESSION_STARTED',
          user_profile_id: 'up_sc01',
          verification_session_id: VS,
          client_reference_id: 'cust-90001',
          client_reference_data: { referral_source: 'partner_portal' },
        },
        receivedAt: '2026-03-06T08:05:00Z',
      },
      {
        body: {
          event_type: 'VERIFICATION_REQUEST_SUBMITTED',
          user_profile_id: 'up_sc01',
          verification_session_id: VS,
          client_reference_id: 'cust-90001',
          client_reference_data: { referral_source: 'partner_portal' },
        },
        receivedAt: '2026-03-06T08:09:00Z',
      },
      {
        body: {
          event_type: 'VERIFICATION_SESSION_COMPLETION',
          user_profile_id: 'up_sc01',
          verification_session_id: VS,
          template_id: TEMPLATE,
          client_reference_id: 'cust-90001',
          client_reference_data: { referral_source: 'partner_portal' },
          aiprise_summary: {
            verification_result: 'REVIEW',
            warning_codes: ['FACE_MATCH_LOW'],
            reasons: [],
            notes: [],
          },
          status: 'COMPLETED',
          created_at: ms('2026-03-06T07:58:00Z'),
          face_match_info: { result: 'REVIEW', score: 0.61 },
        },
        receivedAt: '2026-03-06T08:11:00Z',
      },
      {
        body: {
          event_type: 'CASE_STATUS_UPDATE',
          user_profile_id: 'up_sc01',
          verification_session_id: VS,
          verification_result: 'APPROVED',
          reason: { code: 'MANUAL_CHECK_PASSED', message: 'Selfie compared by hand against the passport' },
          author: { email: 'reviewer.mensah@lumenbank.test' },
          client_reference_id: 'cust-90001',
        },
        receivedAt: '2026-03-06T13:40:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc01',
        state: {
          version: 5,
          clientReferenceId: 'cust-90001',
          sessions: {
            [VS]: {
              status: 'COMPLETED',
              runStatus: 'COMPLETED',
              templateId: TEMPLATE,
              decision: 'APPROVED',
              caseStatus: 'APPROVED',
            },
          },
        },
        why: 'A linked session sends its events to the profile\'s events_callback_url. VERIFICATION_SESSION_COMPLETION carries the full UserVerificationResultPayload (REVIEW); CASE_STATUS_UPDATE is "reviewer or API updates the case decision" with the new decision in top-level verification_result. The support article: a manual approval arrives only on the events channel.',
      },
      {
        kind: 'user-profile',
        id: 'up_sc01',
        state: {
          sessions: {
            [VS]: {
              caseStatusReason: {
                code: 'MANUAL_CHECK_PASSED',
                message: 'Selfie compared by hand against the passport',
              },
              decidedBy: 'reviewer.mensah@lumenbank.test',
            },
          },
        },
        why: 'PROPOSED FIELDS: CASE_STATUS_UPDATE documents reason.code, reason.message and author.email ("the person that updated the status").',
      },
      {
        kind: 'user-profile',
        id: 'up_sc01',
        asOf: '2026-03-06T12:00:00Z',
        state: { sessions: { [VS]: { status: 'COMPLETED', decision: 'REVIEW', caseStatus: null } } },
        why: "Before the reviewer's update was received the session's decision was the workflow's REVIEW.",
      },
      {
        kind: 'user-profile',
        id: 'up_sc01',
        asOf: '2026-03-06T08:10:00Z',
        state: { sessions: { [VS]: { status: 'SUBMITTED', decision: null } } },
        why: "The completion payload's created_at (07:58) is the session's creation time; the completion was received at 08:11 and must not be folded before the start and submission.",
      },
    ],
  },

  {
    name: 'CASE_STATUS_UPDATE, vendor-facts reading: fields nested under data, actor in author.email',
    vendor: 'aiprise',
    docs: [PAGES.caseEvents, PAGES.caseEventsOld],
    deliveries: [
      {
        body: {
          event_type: 'CASE_STATUS_UPDATE',
          user_profile_id: 'up_sc02',
          data: {
            verification_session_id: 'vs_sc02',
            verification_result: 'DECLINED',
            reason: { code: 'SANCTIONS_MATCH', message: 'Confirmed match on the EU consolidated list' },
          },
          author: { email: 'compliance.lead@lumenbank.test' },
        },
        receivedAt: '2026-03-06T09:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc02',
        state: { sessions: { vs_sc02: { decision: 'DECLINED', caseStatus: 'DECLINED' } } },
        why: "The project's vendor facts say session-channel fields nest under data (as AML_MONITORING_UPDATE does); the CASE_STATUS_UPDATE page lists them at the top level. Build for both: the same update read from data.",
      },
    ],
  },

  {
    name: 'AML_MONITORING_UPDATE on the session channel: data.{verification_session_id, template_id, aml_monitoring_update {new, removed, updated}} of entity_hit objects',
    vendor: 'aiprise',
    docs: [PAGES.amlMonitoring, PAGES.caseEventsOld, PAGES.caseEvents],
    deliveries: [
      {
        body: {
          event_type: 'AML_MONITORING_UPDATE',
          user_profile_id: 'up_sc03',
          data: {
            verification_session_id: 'vs_sc03',
            template_id: TEMPLATE,
            aml_monitoring_update: {
              new: [
                {
                  entity_hit_id: 'hit_sc03_a',
                  entity_id: 'ext_1001',
                  name: 'Aurelio Mancini',
                  entity_type: 'PERSON',
                  hit_types: ['ADVERSE_MEDIA'],
                  name_match_score: 0.72,
                },
                {
                  entity_hit_id: 'hit_sc03_b',
                  entity_id: 'ext_1002',
                  name: 'Aurelio G. Mancini',
                  entity_type: 'PERSON',
                  hit_types: ['PEP'],
                  name_match_score: 0.69,
                },
              ],
              removed: [],
              updated: [],
            },
          },
        },
        receivedAt: '2026-03-06T06:00:00Z',
      },
      {
        body: {
          event_type: 'AML_MONITORING_UPDATE',
          user_profile_id: 'up_sc03',
          data: {
            verification_session_id: 'vs_sc03',
            template_id: TEMPLATE,
            aml_monitoring_update: {
              new: [
                {
                  entity_hit_id: 'hit_sc03_c',
                  entity_id: 'ext_1003',
                  name: 'A. Mancini',
                  entity_type: 'PERSON',
                  hit_types: ['SANCTION'],
                  name_match_score: 0.8,
                },
              ],
              removed: [
                {
                  entity_hit_id: 'hit_sc03_a',
                  entity_id: 'ext_1001',
                  name: 'Aurelio Mancini',
                  entity_type: 'PERSON',
                  hit_types: ['ADVERSE_MEDIA'],
                  name_match_score: 0.72,
                },
              ],
              updated: [
                {
                  entity_hit_id: 'hit_sc03_b',
                  entity_id: 'ext_1002',
                  name: 'Aurelio G. Mancini',
                  entity_type: 'PERSON',
                  hit_types: ['PEP', 'SANCTION'],
                  name_match_score: 0.74,
                },
              ],
            },
          },
        },
        receivedAt: '2026-03-07T06:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc03',
        state: {
          sessions: { vs_sc03: { templateId: TEMPLATE } },
          amlHits: {
            hit_sc03_b: {
              entityId: 'ext_1002',
              hitTypes: ['PEP', 'SANCTION'],
              nameMatchScore: 0.74,
              sessionId: 'vs_sc03',
            },
            hit_sc03_c: {
              entityId: 'ext_1003',
              name: 'A. Mancini',
              entityType: 'PERSON',
              hitTypes: ['SANCTION'],
              nameMatchScore: 0.8,
              sessionId: 'vs_sc03',
            },
          },
        },
        why: 'The continuous-monitoring callback is event_type AML_MONITORING_UPDATE with data.verification_session_id, data.template_id and data.aml_monitoring_update, whose new / removed / updated lists hold entity_hit objects; an updated hit replaces what was known of it.',
      },
      {
        kind: 'user-profile',
        id: 'up_sc03',
        state: {
          amlHits: {
            hit_sc03_a: { monitoringChange: 'REMOVED' },
            hit_sc03_b: { monitoringChange: 'UPDATED' },
            hit_sc03_c: { monitoringChange: 'NEW' },
          },
        },
        why: 'PROPOSED FIELD amlHits.*.monitoringChange: which monitoring list (new / removed / updated) last named the hit; a removed hit is kept for the audit trail, marked REMOVED.',
      },
      {
        kind: 'user-profile',
        id: 'up_sc03',
        asOf: '2026-03-06T12:00:00Z',
        state: { amlHits: { hit_sc03_a: { monitoringChange: 'NEW' }, hit_sc03_b: { nameMatchScore: 0.69 } } },
        why: 'The second monitoring update was received a day later.',
      },
    ],
  },

  {
    name: 'SECTION_INFO_UPDATE on the session channel: an analyst edits verification data (data with the section and previous/current values)',
    vendor: 'aiprise',
    docs: [PAGES.caseEvents],
    deliveries: [
      {
        body: {
          event_type: 'SECTION_INFO_UPDATE',
          user_profile_id: 'up_sc04',
          verification_session_id: 'vs_sc04',
          data: {
            section: 'USER_DATA',
            previous: { first_name: 'Jon', last_name: 'Ellingsen' },
            current: { first_name: 'Jonas', last_name: 'Ellingsen' },
          },
          author: { email: 'analyst.kaur@lumenbank.test' },
        },
        receivedAt: '2026-03-06T10:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc04',
        state: {
          sessions: {
            vs_sc04: { sectionInfo: { USER_DATA: { firstName: 'Jonas', lastName: 'Ellingsen' } } },
          },
        },
        why: 'PROPOSED FIELD sessions.*.sectionInfo.<section>: SECTION_INFO_UPDATE ("analyst edits verification data") carries verification_session_id and data with "section details, previous/current values"; the current value is the session\'s data now (PII: add to piiPaths). The exact keys inside data are undocumented.',
      },
    ],
  },

  {
    name: 'COMMENT on the session channel: comment, author.email and created_at for a linked session',
    vendor: 'aiprise',
    docs: [PAGES.caseEvents, PAGES.supportCallbacks],
    deliveries: [
      {
        body: {
          event_type: 'COMMENT',
          user_profile_id: 'up_sc05',
          verification_session_id: 'vs_sc05',
          comment: 'Passport MRZ re-read manually, matches the data page',
          author: { email: 'reviewer.osei@lumenbank.test' },
          created_at: ms('2026-03-06T11:00:00Z'),
        },
        receivedAt: '2026-03-06T11:00:04Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc05',
        state: {
          comments: [
            {
              authorId: 'reviewer.osei@lumenbank.test',
              text: 'Passport MRZ re-read manually, matches the data page',
            },
          ],
        },
        why: 'COMMENT ("comment is added to the case") carries verification_session_id, comment, author and created_at; the events channel gets "all updates to the session, including manual case updates and comments".',
      },
      {
        kind: 'user-profile',
        id: 'up_sc05',
        state: { comments: [{ sessionId: 'vs_sc05' }] },
        why: 'PROPOSED FIELD comments.*.sessionId: a case comment belongs to a verification session; profile comments have none.',
      },
    ],
  },

  {
    name: 'Session-channel bodies without user_profile_id stay on the session: a linked session reaches its profile as profile events (VERIFICATION_SESSION_*, RELATED_CASE_STATUS_UPDATE)',
    vendor: 'aiprise',
    docs: [PAGES.callbacksUser, PAGES.callbacks, PAGES.caseEvents, PAGES.caseEventsOld, PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_sc06',
          user_profile_event_type: 'USER_PROFILE_CREATE_SESSION_URL',
          client_reference_id: 'cust-90417',
          session_url: 'https://verify.aiprise.com/user/Wm3nLq',
          verification_session_id: 'vs_sc06_linked',
          expires_at: ms('2026-03-07T12:00:00Z'),
          delivery_channel: 'LINK',
        },
        receivedAt: '2026-03-06T12:00:00Z',
      },
      {
        body: {
          event_type: 'VERIFICATION_SESSION_STARTED',
          verification_session_id: 'vs_sc06_linked',
          client_reference_id: 'cust-90417',
        },
        receivedAt: '2026-03-06T12:04:00Z',
      },
      {
        body: {
          event_type: 'CASE_STATUS_UPDATE',
          verification_session_id: 'vs_sc06_linked',
          verification_result: 'DECLINED',
          reason: { code: 'UNDERAGE', message: 'Date of birth on the ID is under the minimum age' },
          author: { email: 'reviewer.osei@lumenbank.test' },
          client_reference_id: 'cust-90417',
        },
        receivedAt: '2026-03-06T15:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_sc06',
        state: {
          version: 1,
          sessions: {
            vs_sc06_linked: {
              url: 'https://verify.aiprise.com/user/Wm3nLq',
              status: null,
              decision: null,
              caseStatus: null,
            },
          },
        },
        why: "A linked session sends everything to the profile's events URL, and the profile channel has its own event types for it (VERIFICATION_SESSION_STARTED, RELATED_CASE_STATUS_UPDATE: \"Linked verification session decision changes\"), each with user_profile_id. A session-channel body that names no profile is a standalone session's: it is kept on the session's own stream, and the profile's state is what its own events said.",
      },
    ],
  },
];
