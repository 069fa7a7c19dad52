/**
 * The AiPrise decision callback: the body POSTed to a session's `callback_url` at the end of the
 * workflow. It has no event-type key; it is the verification result payload itself: run status in
 * top-level `status` (some examples also inside `aiprise_summary`), decision in
 * `aiprise_summary.verification_result` (some pages `aiprise_summary.decision`), `created_at` = when
 * the session was created. It fires once per session; later manual decisions come only as
 * CASE_STATUS_UPDATE on the events channel.
 *
 * AiPrise says a session linked to a user profile does not use callback_url. These fixtures follow
 * this project's routing (docs/events.md): a decision callback that names `user_profile_id` goes to
 * the profile's stream. Values are invented for this project.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES, ms } from './support/common.js';

export const fixtures: VendorDocFixture[] = [
  {
    name: "Decision callback (no event-type key): aiprise_summary.verification_result and top-level status; created_at is the session's creation",
    vendor: 'aiprise',
    docs: [PAGES.callbacksAuth, PAGES.verificationResult, PAGES.verificationResultOld, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dc01',
          user_profile_event_type: 'VERIFICATION_SESSION_STARTED',
          verification_session_id: 'b8d2f4a6-3c5e-4f70-9a1b-2c3d4e5f6a7b',
          client_reference_id: 'cust-12080',
        },
        receivedAt: '2026-03-07T09:05:00Z',
      },
      {
        body: {
          verification_session_id: 'b8d2f4a6-3c5e-4f70-9a1b-2c3d4e5f6a7b',
          user_profile_id: 'up_dc01',
          template_id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
          client_reference_id: 'cust-12080',
          aiprise_summary: { tags: [], reasons: [], notes: [], verification_result: 'APPROVED' },
          status: 'COMPLETED',
          created_at: ms('2026-03-07T09:00:00Z'),
        },
        receivedAt: '2026-03-07T09:12:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dc01',
        state: {
          clientReferenceId: 'cust-12080',
          sessions: {
            'b8d2f4a6-3c5e-4f70-9a1b-2c3d4e5f6a7b': {
              decision: 'APPROVED',
              runStatus: 'COMPLETED',
              templateId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b',
            },
          },
        },
        why: 'The callback_url body is the verification result: aiprise_summary.verification_result (APPROVED, DECLINED, REVIEW, UNKNOWN) and the run status in top-level status.',
      },
      {
        kind: 'user-profile',
        id: 'up_dc01',
        asOf: '2026-03-07T09:08:00Z',
        state: { sessions: { 'b8d2f4a6-3c5e-4f70-9a1b-2c3d4e5f6a7b': { decision: null, runStatus: null } } },
        why: 'created_at (09:00) is "when the session was created"; the callback was received at 09:12 and is not known at 09:08.',
      },
    ],
  },

  {
    name: 'Decision callback spelled aiprise_summary.decision with the run status inside aiprise_summary (no top-level status)',
    vendor: 'aiprise',
    docs: [PAGES.userCases, PAGES.decisionCallbacks, PAGES.callbacks],
    deliveries: [
      {
        body: {
          verification_session_id: 'vs_dc02',
          user_profile_id: 'up_dc02',
          template_id: 'tmpl_kyc_lite',
          client_reference_id: 'cust-12555',
          aiprise_summary: {
            decision: 'DECLINED',
            status: 'COMPLETED',
            warning_codes: ['ID_EXPIRED'],
            reasons: [],
            notes: '',
          },
          created_at: ms('2026-03-07T10:00:00Z'),
        },
        receivedAt: '2026-03-07T10:20:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dc02',
        state: {
          sessions: {
            vs_dc02: { decision: 'DECLINED', runStatus: 'COMPLETED', templateId: 'tmpl_kyc_lite' },
          },
        },
        why: 'Some pages show the decision as aiprise_summary.decision and the status inside aiprise_summary; accept every place.',
      },
    ],
  },

  {
    name: "Decision callback, then a reviewer's CASE_STATUS_UPDATE overrides it (callback_url fires once per session)",
    vendor: 'aiprise',
    docs: [PAGES.supportCallbacks, PAGES.caseEventsOld, PAGES.verificationResult],
    deliveries: [
      {
        body: {
          verification_session_id: 'vs_dc03',
          user_profile_id: 'up_dc03',
          template_id: 'tmpl_kyc_full',
          client_reference_id: 'cust-13002',
          aiprise_summary: {
            verification_result: 'REVIEW',
            reasons: ['Low face match score'],
            notes: [],
            tags: [],
          },
          status: 'COMPLETED',
          created_at: ms('2026-03-07T11:00:00Z'),
        },
        receivedAt: '2026-03-07T11:09:00Z',
      },
      {
        body: {
          event_type: 'CASE_STATUS_UPDATE',
          user_profile_id: 'up_dc03',
          verification_session_id: 'vs_dc03',
          verification_result: 'APPROVED',
          author: { email: 'reviewer.mensah@lumenbank.test' },
          client_reference_id: 'cust-13002',
        },
        receivedAt: '2026-03-08T09:30:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dc03',
        state: {
          sessions: { vs_dc03: { decision: 'APPROVED', caseStatus: 'APPROVED', runStatus: 'COMPLETED' } },
        },
        why: '"The callback_url webhook will not be triggered again, as it only fires once per session"; a manual approval comes as CASE_STATUS_UPDATE with top-level verification_result, which replaces the callback\'s REVIEW.',
      },
      {
        kind: 'user-profile',
        id: 'up_dc03',
        asOf: '2026-03-08T00:00:00Z',
        state: { sessions: { vs_dc03: { decision: 'REVIEW' } } },
        why: "Until the reviewer's update was received the decision was the callback's REVIEW.",
      },
    ],
  },

  {
    name: 'Decision callback with a non-terminal run status from the case status model (RUNNING) and decision UNKNOWN',
    vendor: 'aiprise',
    docs: [PAGES.statusModel, PAGES.callbacks, PAGES.verificationResult],
    deliveries: [
      {
        body: {
          verification_session_id: 'vs_dc04',
          user_profile_id: 'up_dc04',
          template_id: 'tmpl_kyc_full',
          aiprise_summary: { verification_result: 'UNKNOWN' },
          status: 'RUNNING',
          created_at: ms('2026-03-07T12:00:00Z'),
        },
        receivedAt: '2026-03-07T12:01:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dc04',
        state: { sessions: { vs_dc04: { runStatus: 'RUNNING', decision: 'UNKNOWN' } } },
        why: 'Run-status vocabularies differ between pages (callbacks: NOT_STARTED, COLLECTING, PROCESSING, COMPLETED, FAILED, PENDING; case status model: NOT_STARTED, SUBMITTED, RUNNING, PENDING, COMPLETED, FAILED): keep the value as sent. "RUNNING + UNKNOWN → in progress".',
      },
    ],
  },
];
