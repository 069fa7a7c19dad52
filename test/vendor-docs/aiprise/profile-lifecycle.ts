/**
 * AiPrise user-profile lifecycle callbacks (events_callback_url, `user_profile_event_type`):
 * creation, metadata, hosted-link events, the linked session's progress, the workflow results that
 * embed a UserVerificationResultPayload, and the result/section updates.
 *
 * Values are invented for this project. AiPrise documents no event time: every ordering below rests
 * on `receivedAt`, and `created_at` inside a verification payload is when the SESSION was created.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES, ms, iso } from './support/common.js';

const TEMPLATE_KYC = '5f0c2e7a-3b1d-4c8e-9a61-2d7f40b9c115';

export const fixtures: VendorDocFixture[] = [
  {
    name: 'USER_PROFILE_CREATE: author_id is SOURCE_API for an API-created profile, an email for a dashboard user',
    vendor: 'aiprise',
    docs: [PAGES.profileEventsOld, PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc01_api',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-02T08:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc01_dash',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'marta.okafor@lumenbank.test',
        },
        receivedAt: '2026-03-02T08:01:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc01_api',
        state: { createdBy: 'SOURCE_API', version: 1, result: null },
        why: 'USER_PROFILE_CREATE carries only user_profile_id and author_id ("SOURCE_API if created via API Integration"); no result exists yet.',
      },
      {
        kind: 'user-profile',
        id: 'up_lc01_dash',
        state: { createdBy: 'marta.okafor@lumenbank.test', version: 1 },
        why: 'author_id is "the email of the User who created the profile" when created from the dashboard.',
      },
    ],
  },

  {
    name: 'USER_PROFILE_INFO_UPDATE: profile metadata (client reference id and data) updated by a named author',
    vendor: 'aiprise',
    docs: [PAGES.profileEventsOld, PAGES.profileEvents, PAGES.statusModel],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc02',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-02T08:10:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc02',
          user_profile_event_type: 'USER_PROFILE_INFO_UPDATE',
          author_id: 'ops.desk@lumenbank.test',
          client_reference_id: 'cust-88412',
          client_reference_data: { account_tier: 'gold', signup_channel: 'ios' },
        },
        receivedAt: '2026-03-02T08:12:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc02',
        state: {
          createdBy: 'SOURCE_API',
          clientReferenceId: 'cust-88412',
          clientReferenceData: { account_tier: 'gold', signup_channel: 'ios' },
          version: 2,
        },
        why: 'USER_PROFILE_INFO_UPDATE is "Profile metadata updated"; client_reference_id / client_reference_data are the documented profile metadata (customer id and custom JSON, kept with the keys the customer chose). The author of the update is not the creator, so createdBy stays.',
      },
    ],
  },

  {
    name: 'USER_PROFILE_CREATE_SESSION_URL: hosted capture link for a linked session (url, expiry in epoch ms, LINK channel)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.userProfiles, PAGES.statusModel],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc03',
          user_profile_event_type: 'USER_PROFILE_CREATE_SESSION_URL',
          client_reference_id: 'cust-20931',
          session_url: 'https://verify.aiprise.com/user/h7Q2mZ',
          verification_session_id: 'vs_lc03_link',
          expires_at: ms('2026-03-03T09:00:00Z'),
          delivery_channel: 'LINK',
        },
        receivedAt: '2026-03-02T09:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc03',
        state: {
          clientReferenceId: 'cust-20931',
          sessions: {
            vs_lc03_link: {
              url: 'https://verify.aiprise.com/user/h7Q2mZ',
              expiresAt: iso('2026-03-03T09:00:00Z'),
              channel: 'LINK',
              email: null,
            },
          },
        },
        why: 'The session-URL event names the linked verification_session_id, the session_url, expires_at (epoch ms, the link expiry, a future time) and delivery_channel LINK; no email is involved.',
      },
    ],
  },

  {
    name: 'USER_PROFILE_EMAIL_SESSION_URL: the capture link emailed to the user (EMAIL channel, email_address)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc04',
          user_profile_event_type: 'USER_PROFILE_EMAIL_SESSION_URL',
          client_reference_id: 'cust-55120',
          session_url: 'https://verify.aiprise.com/user/Rk81pW',
          verification_session_id: 'vs_lc04_mail',
          email_address: 'ines.barros@mailbox.test',
          expires_at: ms('2026-03-05T12:30:00Z'),
          delivery_channel: 'EMAIL',
        },
        receivedAt: '2026-03-02T12:30:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc04',
        state: {
          clientReferenceId: 'cust-55120',
          sessions: {
            vs_lc04_mail: {
              url: 'https://verify.aiprise.com/user/Rk81pW',
              email: 'ines.barros@mailbox.test',
              channel: 'EMAIL',
              expiresAt: iso('2026-03-05T12:30:00Z'),
            },
          },
        },
        why: 'USER_PROFILE_EMAIL_SESSION_URL is the session-URL payload plus email_address, with delivery_channel EMAIL.',
      },
    ],
  },

  {
    name: "Linked session lifecycle on the profile channel; the completion payload's created_at (session creation) is earlier than the start and must not reorder it",
    vendor: 'aiprise',
    docs: [
      PAGES.profileEvents,
      PAGES.userProfiles,
      PAGES.callbacks,
      PAGES.verificationResult,
      PAGES.response,
    ],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'USER_PROFILE_CREATE',
          author_id: 'SOURCE_API',
        },
        receivedAt: '2026-03-02T09:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'USER_PROFILE_CREATE_SESSION_URL',
          client_reference_id: 'cust-31007',
          session_url: 'https://verify.aiprise.com/user/Tz4vXc',
          verification_session_id: 'vs_lc05',
          expires_at: ms('2026-03-03T09:02:00Z'),
          delivery_channel: 'LINK',
        },
        receivedAt: '2026-03-02T09:02:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'VERIFICATION_SESSION_STARTED',
          verification_session_id: 'vs_lc05',
          client_reference_id: 'cust-31007',
        },
        receivedAt: '2026-03-02T09:10:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'VERIFICATION_REQUEST_SUBMITTED',
          verification_session_id: 'vs_lc05',
          client_reference_id: 'cust-31007',
        },
        receivedAt: '2026-03-02T09:14:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'VERIFICATION_SESSION_COMPLETION',
          verification_session_id: 'vs_lc05',
          template_id: TEMPLATE_KYC,
          client_reference_id: 'cust-31007',
          client_reference_data: null,
          aiprise_summary: { verification_result: 'APPROVED', warning_codes: [], reasons: [], notes: [] },
          status: 'COMPLETED',
          status_reasons: [],
          created_at: ms('2026-03-02T09:02:00Z'),
          environment: 'SANDBOX',
          id_info: { result: 'APPROVED' },
          face_match_info: { result: 'APPROVED' },
          aml_info: { status: 'COMPLETED', num_hits: 0, entity_hits: [], result: 'APPROVED' },
        },
        receivedAt: '2026-03-02T09:16:30Z',
      },
      {
        body: {
          user_profile_id: 'up_lc05',
          user_profile_event_type: 'RUN_USER_VERIFICATION',
          author_id: 'system',
          user_profile_result: 'APPROVED',
          related_companies: [],
          verification_session_id: 'vs_lc05',
          template_id: TEMPLATE_KYC,
          client_reference_id: 'cust-31007',
          aiprise_summary: { decision: 'APPROVED', status: 'COMPLETED' },
          status: 'COMPLETED',
          created_at: ms('2026-03-02T09:02:00Z'),
        },
        receivedAt: '2026-03-02T09:17:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc05',
        state: {
          result: 'APPROVED',
          createdBy: 'SOURCE_API',
          clientReferenceId: 'cust-31007',
          version: 6,
          sessions: {
            vs_lc05: {
              url: 'https://verify.aiprise.com/user/Tz4vXc',
              channel: 'LINK',
              status: 'COMPLETED',
              runStatus: 'COMPLETED',
              decision: 'APPROVED',
              templateId: TEMPLATE_KYC,
              runs: ['RUN_USER_VERIFICATION'],
            },
          },
        },
        why: 'VERIFICATION_SESSION_COMPLETION ("linked verification session completes") and RUN_USER_VERIFICATION ("the profile equivalent of the decision callback") carry the UserVerificationResultPayload: decision in aiprise_summary.verification_result (or .decision), run status in top-level status, user_profile_result for the profile. Folded in receipt order the session ends COMPLETED.',
      },
      {
        kind: 'user-profile',
        id: 'up_lc05',
        asOf: '2026-03-02T09:15:00Z',
        state: {
          result: null,
          sessions: { vs_lc05: { status: 'SUBMITTED', decision: null, runStatus: null } },
        },
        why: 'created_at in the result payload is "when the session was created" (09:02), not when it completed; AiPrise documents no event time, so the completion is placed at its receipt (09:16:30) and is not part of the state at 09:15.',
      },
      {
        kind: 'user-profile',
        id: 'up_lc05',
        asOf: '2026-03-02T09:12:00Z',
        state: { sessions: { vs_lc05: { status: 'STARTED', decision: null } } },
        why: 'VERIFICATION_SESSION_STARTED ("linked verification session begins") was received at 09:10; nothing later is known at 09:12.',
      },
    ],
    timelines: [
      {
        kind: 'user-profile',
        id: 'up_lc05',
        types: [
          'RUN_USER_VERIFICATION',
          'VERIFICATION_SESSION_COMPLETION',
          'VERIFICATION_REQUEST_SUBMITTED',
          'VERIFICATION_SESSION_STARTED',
          'USER_PROFILE_CREATE_SESSION_URL',
          'USER_PROFILE_CREATE',
        ],
        why: "Receipt order is the only documented order; ordering by the payloads' created_at (session creation) would put the completion before the start.",
      },
    ],
  },

  {
    name: 'RUN_USER_VERIFICATION: run status only at top level (FAILED), decision UNKNOWN, related_companies for a multi-level business officer',
    vendor: 'aiprise',
    docs: [PAGES.profileEventsOld, PAGES.verificationResult, PAGES.callbacks, PAGES.statusModel],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc06',
          user_profile_event_type: 'RUN_USER_VERIFICATION',
          author_id: 'system',
          verification_session_id: '0e6f3a2c-77d4-4f0b-b1c9-8a5d2e6b9f31',
          template_id: TEMPLATE_KYC,
          client_reference_id: 'officer-7731',
          aiprise_summary: { verification_result: 'UNKNOWN', reasons: ['Provider timeout'], notes: [] },
          status: 'FAILED',
          status_reasons: [{ code: 'PROVIDER_UNAVAILABLE', message: 'Document provider did not answer' }],
          created_at: ms('2026-03-01T17:40:00Z'),
          related_companies: [{ business_profile_id: 'bp_harbor_logistics', relationship: 'DIRECTOR' }],
        },
        receivedAt: '2026-03-02T10:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc06',
        state: {
          result: null,
          clientReferenceId: 'officer-7731',
          sessions: {
            '0e6f3a2c-77d4-4f0b-b1c9-8a5d2e6b9f31': {
              runStatus: 'FAILED',
              decision: 'UNKNOWN',
              templateId: TEMPLATE_KYC,
              runs: ['RUN_USER_VERIFICATION'],
            },
          },
        },
        why: 'The verification response puts the run status in top-level status (FAILED is a documented value; aiprise_summary need not repeat it) and the decision in aiprise_summary.verification_result (UNKNOWN: "not started or has failed"). No user_profile_result was sent, so the profile result is not set.',
      },
      {
        kind: 'user-profile',
        id: 'up_lc06',
        state: { relatedCompanies: [{ businessProfileId: 'bp_harbor_logistics', relationship: 'DIRECTOR' }] },
        why: 'PROPOSED FIELD relatedCompanies: RUN_USER_VERIFICATION carries related_companies ("all Business Profiles that the business officer is related to") for multi-level business profiles; the state has no field for it.',
      },
    ],
  },

  {
    name: 'RUN_DOCUMENT_CHECK: document-only workflow on a profile document (file_uuid, aiprise_summary.decision, user_profile_result)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.profileEventsOld],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc07',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: 'file_poa_7f2a91',
          media_type: 'BANK_STATEMENT',
          uploaded_by: 'SOURCE_API',
          uploaded_at: ms('2026-03-02T10:20:00Z'),
        },
        receivedAt: '2026-03-02T10:20:05Z',
      },
      {
        body: {
          user_profile_id: 'up_lc07',
          user_profile_event_type: 'RUN_DOCUMENT_CHECK',
          file_uuid: 'file_poa_7f2a91',
          user_profile_result: 'DECLINED',
          verification_session_id: 'vs_lc07_doc',
          template_id: 'tmpl_poa_check_v2',
          aiprise_summary: { decision: 'DECLINED', reasons: ['Address on statement does not match profile'] },
          status: 'COMPLETED',
          created_at: ms('2026-03-02T10:20:30Z'),
        },
        receivedAt: '2026-03-02T10:23:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc07',
        state: {
          result: 'DECLINED',
          documents: {
            file_poa_7f2a91: { mediaType: 'BANK_STATEMENT', status: 'active', checkResult: 'DECLINED' },
          },
          sessions: {
            vs_lc07_doc: {
              decision: 'DECLINED',
              runStatus: 'COMPLETED',
              templateId: 'tmpl_poa_check_v2',
              runs: ['RUN_DOCUMENT_CHECK'],
            },
          },
        },
        why: 'RUN_DOCUMENT_CHECK ("document-only workflow ... e.g. POA") names the checked file_uuid, the profile result in user_profile_result and the embedded payload\'s decision in aiprise_summary.decision.',
      },
    ],
  },

  {
    name: 'MAKE_DECISION: decisioning workflow linked to the profile completes with REVIEW',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.verificationResult],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc08',
          user_profile_event_type: 'MAKE_DECISION',
          author_id: 'system',
          user_profile_result: 'REVIEW',
          verification_session_id: 'vs_lc08_dec',
          template_id: 'tmpl_decisioning_eu',
          client_reference_id: 'cust-60210',
          aiprise_summary: {
            verification_result: 'REVIEW',
            warning_codes: ['PEP_HIT'],
            reasons: [],
            notes: [],
          },
          status: 'COMPLETED',
          created_at: ms('2026-03-02T10:30:00Z'),
        },
        receivedAt: '2026-03-02T10:41:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc08',
        state: {
          result: 'REVIEW',
          sessions: {
            vs_lc08_dec: {
              decision: 'REVIEW',
              runStatus: 'COMPLETED',
              templateId: 'tmpl_decisioning_eu',
              runs: ['MAKE_DECISION'],
            },
          },
        },
        why: 'MAKE_DECISION is a workflow-completion event with the embedded verification payload: REVIEW ("needs to be manually looked at") in aiprise_summary.verification_result and in user_profile_result.',
      },
    ],
  },

  {
    name: 'RUN_RISK_SCORING: risk-scoring workflow executed (risk score in the payload; placement undocumented)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.verificationResult],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc09',
          user_profile_event_type: 'RUN_RISK_SCORING',
          author_id: 'system',
          user_profile_result: 'APPROVED',
          verification_session_id: 'vs_lc09_risk',
          template_id: 'tmpl_risk_v1',
          aiprise_summary: { verification_result: 'APPROVED' },
          status: 'COMPLETED',
          risk_score: 18,
          created_at: ms('2026-03-02T11:00:00Z'),
        },
        receivedAt: '2026-03-02T11:01:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc09',
        state: {
          result: 'APPROVED',
          riskScore: 18,
          sessions: {
            vs_lc09_risk: { decision: 'APPROVED', runStatus: 'COMPLETED', runs: ['RUN_RISK_SCORING'] },
          },
        },
        why: 'RUN_RISK_SCORING is "Risk-scoring workflow executed" with the workflow payload; where the score sits is not documented, so this fixture uses a top-level risk_score (one reading) and the documented decision/result places.',
      },
    ],
  },

  {
    name: 'RESULT_UPDATE (reading A: user_profile_result): profile result changed outside workflow completion',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc10',
          user_profile_event_type: 'RUN_USER_VERIFICATION',
          author_id: 'system',
          user_profile_result: 'APPROVED',
          verification_session_id: 'vs_lc10',
          template_id: TEMPLATE_KYC,
          aiprise_summary: { verification_result: 'APPROVED' },
          status: 'COMPLETED',
          created_at: ms('2026-03-02T11:10:00Z'),
        },
        receivedAt: '2026-03-02T11:20:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc10',
          user_profile_event_type: 'RESULT_UPDATE',
          author_id: 'analyst.kaur@lumenbank.test',
          user_profile_result: 'DECLINED',
        },
        receivedAt: '2026-03-04T15:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc10',
        state: { result: 'DECLINED', sessions: { vs_lc10: { decision: 'APPROVED' } } },
        why: 'RESULT_UPDATE changes the PROFILE result "outside workflow completion"; the session\'s own decision is untouched. The payload is undocumented: this reading uses user_profile_result, the key the workflow events use for the profile result.',
      },
      {
        kind: 'user-profile',
        id: 'up_lc10',
        asOf: '2026-03-03T00:00:00Z',
        state: { result: 'APPROVED' },
        why: "Before the RESULT_UPDATE was received the profile result was the workflow's APPROVED.",
      },
    ],
  },

  {
    name: 'RESULT_UPDATE (reading B: previous/current, like the other *_UPDATED events)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc11',
          user_profile_event_type: 'MAKE_DECISION',
          user_profile_result: 'REVIEW',
          verification_session_id: 'vs_lc11',
          aiprise_summary: { verification_result: 'REVIEW' },
          status: 'COMPLETED',
        },
        receivedAt: '2026-03-02T11:30:00Z',
      },
      {
        body: {
          user_profile_id: 'up_lc11',
          user_profile_event_type: 'RESULT_UPDATE',
          author_id: 'analyst.kaur@lumenbank.test',
          previous: 'REVIEW',
          current: 'APPROVED',
        },
        receivedAt: '2026-03-02T13:05:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc11',
        state: { result: 'APPROVED' },
        why: "RESULT_UPDATE's payload is undocumented; AiPrise's documented update events carry previous/current, so this reading sends the new result in current.",
      },
    ],
  },

  {
    name: 'SECTION_RESULT_UPDATE: section-level decision updated (keyed by the AML section_id)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.amlCheck],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_lc12',
          user_profile_event_type: 'SECTION_RESULT_UPDATE',
          author_id: 'analyst.kaur@lumenbank.test',
          verification_session_id: 'vs_lc12',
          section_id: '9b1d4c2e-5a7f-4e3b-8c6d-1f2a3b4c5d6e',
          section_type: 'AML_CHECK',
          section_result: 'APPROVED',
          user_profile_result: 'APPROVED',
        },
        receivedAt: '2026-03-02T14:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_lc12',
        state: {
          result: 'APPROVED',
          sectionResults: { '9b1d4c2e-5a7f-4e3b-8c6d-1f2a3b4c5d6e': 'APPROVED' },
        },
        why: 'SECTION_RESULT_UPDATE is "Section-level decision updated" (payload undocumented). aml_info.section_id is documented as the stable identifier of a section "to correlate resolution status updates", so sections are keyed by it; user_profile_result, when sent, is the profile result.',
      },
    ],
  },
];
