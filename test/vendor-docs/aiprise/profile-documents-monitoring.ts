/**
 * AiPrise profile document, AML-monitoring and case-management callbacks (`user_profile_event_type`):
 * ADD / UPDATE / DELETE_ADDITIONAL_MEDIA, AML_MONITORING_UPDATE, AML_MONITORING_TOGGLE,
 * AML_HIT_RESOLVED, RELATED_CASE_STATUS_UPDATE, COMMENT and the ticket events.
 *
 * Several of these payloads are not documented beyond their name (toggle, related case status,
 * comment, tickets): each undocumented one is built for the readings the documented neighbours
 * suggest, one fixture per reading. Values are invented for this project.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES, ms, iso } from './support/common.js';

export const fixtures: VendorDocFixture[] = [
  {
    name: 'ADD_ADDITIONAL_MEDIA: document uploaded to the profile (file_uuid, media_type, uploaded_by, uploaded_at in epoch ms)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.profileEventsOld],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm01',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: 'file_ub_3e91c0',
          media_type: 'UTILITY_BILL',
          uploaded_by: 'SOURCE_API',
          uploaded_at: ms('2026-03-04T08:00:00Z'),
        },
        receivedAt: '2026-03-04T08:00:02Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm01',
        state: {
          documents: {
            file_ub_3e91c0: {
              mediaType: 'UTILITY_BILL',
              uploadedBy: 'SOURCE_API',
              uploadedAt: iso('2026-03-04T08:00:00Z'),
              status: 'active',
              deletedAt: null,
            },
          },
        },
        why: 'ADD_ADDITIONAL_MEDIA: "additional document uploaded to profile", keyed by file_uuid ("unique ID associated with the added media"); uploaded_at is the upload time in epoch ms.',
      },
    ],
  },

  {
    name: 'UPDATE_ADDITIONAL_MEDIA then DELETE_ADDITIONAL_MEDIA: the document is re-typed, then removed (kept as deleted)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.profileEventsOld],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm02',
          user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
          file_uuid: 'file_bs_77ad02',
          media_type: 'OTHER',
          uploaded_by: 'ops.desk@lumenbank.test',
          uploaded_at: ms('2026-03-04T09:00:00Z'),
        },
        receivedAt: '2026-03-04T09:00:01Z',
      },
      {
        body: {
          user_profile_id: 'up_dm02',
          user_profile_event_type: 'UPDATE_ADDITIONAL_MEDIA',
          file_uuid: 'file_bs_77ad02',
          media_type: 'BANK_STATEMENT',
          author_id: 'ops.desk@lumenbank.test',
        },
        receivedAt: '2026-03-04T09:30:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm02',
          user_profile_event_type: 'DELETE_ADDITIONAL_MEDIA',
          file_uuid: 'file_bs_77ad02',
          author_id: 'ops.desk@lumenbank.test',
        },
        receivedAt: '2026-03-05T16:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm02',
        state: {
          documents: {
            file_bs_77ad02: {
              mediaType: 'BANK_STATEMENT',
              uploadedBy: 'ops.desk@lumenbank.test',
              status: 'deleted',
            },
          },
        },
        why: 'UPDATE_ADDITIONAL_MEDIA is "existing profile document updated" and DELETE_ADDITIONAL_MEDIA "profile document removed", both keyed by file_uuid; the removal is part of the profile\'s history.',
      },
      {
        kind: 'user-profile',
        id: 'up_dm02',
        asOf: '2026-03-05T00:00:00Z',
        state: { documents: { file_bs_77ad02: { mediaType: 'BANK_STATEMENT', status: 'active' } } },
        why: 'The deletion was received on 5 March at 16:00 (no event time is documented for it).',
      },
    ],
  },

  {
    name: 'AML_MONITORING_UPDATE on the profile channel: aml_monitoring_update {monitoring_run_id, status, matches, previous_status}',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm03',
          user_profile_event_type: 'AML_MONITORING_UPDATE',
          verification_session_id: 'vs_dm03',
          aml_monitoring_update: {
            monitoring_run_id: 'mon_2026_03_04_daily',
            status: 'MATCH_FOUND',
            matches: [
              {
                list_name: 'UK HMT Consolidated List',
                entity_name: 'Viktor Draganov',
                confidence: 0.83,
                reference_url: 'https://lists.example.test/ukhmt/55120',
              },
            ],
            previous_status: 'CLEAR',
          },
        },
        receivedAt: '2026-03-04T06:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm03',
        state: {
          amlMonitoring: {
            status: 'MATCH_FOUND',
            previousStatus: 'CLEAR',
            monitoringRunId: 'mon_2026_03_04_daily',
            matches: [
              {
                listName: 'UK HMT Consolidated List',
                entityName: 'Viktor Draganov',
                confidence: 0.83,
                referenceUrl: 'https://lists.example.test/ukhmt/55120',
              },
            ],
          },
        },
        why: '"Ongoing AML monitoring detects a match or status change for the profile": the profile-channel payload nests monitoring_run_id, status, matches and previous_status under aml_monitoring_update.',
      },
    ],
  },

  {
    name: 'AML_MONITORING_TOGGLE (reading A: a boolean aml_monitoring_enabled)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm04',
          user_profile_event_type: 'AML_MONITORING_TOGGLE',
          author_id: 'compliance.lead@lumenbank.test',
          aml_monitoring_enabled: true,
        },
        receivedAt: '2026-03-04T07:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm04',
        state: { amlMonitoring: { enabled: true } },
        why: 'AML_MONITORING_TOGGLE is "Monitoring enabled/disabled"; its payload is undocumented, so a boolean flag is one reading.',
      },
    ],
  },

  {
    name: 'AML_MONITORING_TOGGLE (reading B: a status string ENABLED / DISABLED)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm05',
          user_profile_event_type: 'AML_MONITORING_TOGGLE',
          author_id: 'compliance.lead@lumenbank.test',
          status: 'ENABLED',
        },
        receivedAt: '2026-03-04T07:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm05',
          user_profile_event_type: 'AML_MONITORING_TOGGLE',
          author_id: 'compliance.lead@lumenbank.test',
          status: 'DISABLED',
        },
        receivedAt: '2026-03-06T07:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm05',
        state: { amlMonitoring: { enabled: false } },
        why: 'Undocumented toggle payload, second reading: an ENABLED/DISABLED status. The last received toggle decides.',
      },
      {
        kind: 'user-profile',
        id: 'up_dm05',
        asOf: '2026-03-05T00:00:00Z',
        state: { amlMonitoring: { enabled: true } },
        why: 'Before the DISABLED toggle was received monitoring was on.',
      },
    ],
  },

  {
    name: 'AML_HIT_RESOLVED: one hit RESOLVED as a false positive, another WHITELISTED (aml_hit + resolution)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.amlCheck],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm06',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          client_reference_id: 'cust-70013',
          client_reference_data: {},
          callback_event_id: 'e4f1a2b3-0001-4c5d-8e9f-amlhit000001',
          verification_session_id: 'vs_dm06',
          aml_hit: {
            entity_hit_id: 'hit_dm06_a',
            entity_id: 'ext_ent_44871',
            name: 'Henrik Solberg',
            entity_type: 'PERSON',
            hit_types: ['PEP'],
            name_match_score: 0.87,
            date_of_birth: '1962-02-14',
            also_known_as: ['H. Solberg'],
          },
          resolution: {
            status: 'RESOLVED',
            comment: 'Different person: birth year and nationality differ from the listed PEP',
            resolved_by: 'analyst.kaur@lumenbank.test',
          },
        },
        receivedAt: '2026-03-04T14:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm06',
          user_profile_event_type: 'AML_HIT_RESOLVED',
          client_reference_id: 'cust-70013',
          client_reference_data: {},
          callback_event_id: 'e4f1a2b3-0002-4c5d-8e9f-amlhit000002',
          verification_session_id: 'vs_dm06',
          aml_hit: {
            entity_hit_id: 'hit_dm06_b',
            entity_id: 'ext_ent_90215',
            name: 'Solberg Shipping AS',
            entity_type: 'COMPANY',
            hit_types: ['ADVERSE_MEDIA'],
            name_match_score: 0.64,
            also_known_as: [],
          },
          resolution: {
            status: 'WHITELISTED',
            comment: 'Unrelated company',
            resolved_by: 'analyst.kaur@lumenbank.test',
          },
        },
        receivedAt: '2026-03-04T14:05:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm06',
        state: {
          clientReferenceId: 'cust-70013',
          amlHits: {
            hit_dm06_a: {
              entityId: 'ext_ent_44871',
              name: 'Henrik Solberg',
              entityType: 'PERSON',
              hitTypes: ['PEP'],
              nameMatchScore: 0.87,
              dateOfBirth: '1962-02-14',
              alsoKnownAs: ['H. Solberg'],
              sessionId: 'vs_dm06',
              status: 'RESOLVED',
              resolution: {
                status: 'RESOLVED',
                comment: 'Different person: birth year and nationality differ from the listed PEP',
                resolvedBy: 'analyst.kaur@lumenbank.test',
              },
            },
            hit_dm06_b: {
              entityType: 'COMPANY',
              hitTypes: ['ADVERSE_MEDIA'],
              status: 'WHITELISTED',
              resolution: { status: 'WHITELISTED', resolvedBy: 'analyst.kaur@lumenbank.test' },
            },
          },
        },
        why: 'AML_HIT_RESOLVED is "triggered when an AML hit is resolved or whitelisted": aml_hit describes the hit (entity_hit_id, entity_id, name, entity_type, hit_types, name_match_score, date_of_birth, also_known_as) and resolution the action (status, comment, resolved_by).',
      },
    ],
  },

  {
    name: 'RELATED_CASE_STATUS_UPDATE (reading A, as CASE_STATUS_UPDATE: top-level verification_result, reason {code, message}, author.email)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.caseEventsOld, PAGES.caseEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm07',
          user_profile_event_type: 'RUN_USER_VERIFICATION',
          user_profile_result: 'APPROVED',
          verification_session_id: 'vs_dm07',
          aiprise_summary: { verification_result: 'APPROVED' },
          status: 'COMPLETED',
        },
        receivedAt: '2026-03-04T15:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm07',
          user_profile_event_type: 'RELATED_CASE_STATUS_UPDATE',
          client_reference_id: 'cust-70520',
          verification_session_id: 'vs_dm07',
          verification_result: 'DECLINED',
          reason: { code: 'DOCUMENT_TAMPERED', message: 'Edges of the ID photo show editing' },
          author: { email: 'analyst.kaur@lumenbank.test' },
        },
        receivedAt: '2026-03-06T10:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm07',
        state: {
          sessions: { vs_dm07: { caseStatus: 'DECLINED', decision: 'DECLINED', runStatus: 'COMPLETED' } },
        },
        why: 'RELATED_CASE_STATUS_UPDATE is "linked verification session decision changes"; case status updates carry the new decision in top-level verification_result (CASE_STATUS_UPDATE on the session channel), so the linked session\'s case status and decision become DECLINED.',
      },
      {
        kind: 'user-profile',
        id: 'up_dm07',
        state: {
          sessions: {
            vs_dm07: {
              caseStatusReason: { code: 'DOCUMENT_TAMPERED', message: 'Edges of the ID photo show editing' },
              decidedBy: 'analyst.kaur@lumenbank.test',
            },
          },
        },
        why: 'PROPOSED FIELDS sessions.*.caseStatusReason and sessions.*.decidedBy: a case status update names the reason (reason.code, reason.message) and the person who changed it (author.email).',
      },
      {
        kind: 'user-profile',
        id: 'up_dm07',
        asOf: '2026-03-05T00:00:00Z',
        state: { sessions: { vs_dm07: { decision: 'APPROVED' } } },
        why: 'Before the case status update was received the workflow decision stood.',
      },
    ],
  },

  {
    name: 'RELATED_CASE_STATUS_UPDATE (reading B, as on the business-profile page: author.email_address, author_id, reason as a string)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.businessProfiles],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm08',
          user_profile_event_type: 'RELATED_CASE_STATUS_UPDATE',
          client_reference_id: 'cust-71844',
          verification_session_id: 'vs_dm08',
          verification_result: 'APPROVED',
          author: { email_address: 'reviewer.mensah@lumenbank.test' },
          author_id: 'reviewer.mensah@lumenbank.test',
          reason: 'Utility bill confirms the declared address',
          file_uuid: null,
        },
        receivedAt: '2026-03-04T16:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm08',
        state: {
          clientReferenceId: 'cust-71844',
          sessions: { vs_dm08: { caseStatus: 'APPROVED', decision: 'APPROVED' } },
        },
        why: 'The business-profile page shows RELATED_CASE_STATUS_UPDATE with top-level verification_session_id and verification_result, author.email_address, author_id and a string reason; the user-profile event of the same name is read the same way.',
      },
      {
        kind: 'user-profile',
        id: 'up_dm08',
        state: {
          sessions: {
            vs_dm08: {
              caseStatusReason: 'Utility bill confirms the declared address',
              decidedBy: 'reviewer.mensah@lumenbank.test',
            },
          },
        },
        why: 'PROPOSED FIELDS: the reason kept as sent (a string here) and the author from author.email_address / author_id.',
      },
    ],
  },

  {
    name: 'COMMENT on the profile (reading A, as the case COMMENT: comment, author.email, created_at)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.caseEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm09',
          user_profile_event_type: 'COMMENT',
          comment: 'Customer sent a newer passport scan by email; requested re-upload through the link',
          author: { email: 'ops.desk@lumenbank.test' },
          created_at: ms('2026-03-04T17:00:00Z'),
        },
        receivedAt: '2026-03-04T17:00:03Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm09',
        state: {
          comments: [
            {
              authorId: 'ops.desk@lumenbank.test',
              text: 'Customer sent a newer passport scan by email; requested re-upload through the link',
            },
          ],
        },
        why: '"Comment posted on profile"; the profile payload is undocumented, the case COMMENT event carries comment, author and created_at (the comment\'s own time).',
      },
    ],
  },

  {
    name: 'COMMENT on the profile (reading B: comment with author_id, as the other profile events name authors)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.profileEventsOld],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm10',
          user_profile_event_type: 'COMMENT',
          author_id: 'analyst.kaur@lumenbank.test',
          comment: 'Escalated to EDD: source of funds unclear',
        },
        receivedAt: '2026-03-04T17:10:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm10',
        state: {
          comments: [
            { authorId: 'analyst.kaur@lumenbank.test', text: 'Escalated to EDD: source of funds unclear' },
          ],
        },
        why: 'Profile events name their author in author_id (the email of the user, or SOURCE_API).',
      },
    ],
  },

  {
    name: 'Ticket events (reading A: a ticket object): CREATE_TICKET, TICKET_REVIEWER_UPDATE, TICKET_REVIEW_QUEUE_UPDATE, TICKET_STATUS_UPDATE',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm11',
          user_profile_event_type: 'CREATE_TICKET',
          author_id: 'analyst.kaur@lumenbank.test',
          ticket: { ticket_id: 'tkt_5002', status: 'OPEN', review_queue: 'EDD_QUEUE' },
        },
        receivedAt: '2026-03-05T09:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm11',
          user_profile_event_type: 'TICKET_REVIEWER_UPDATE',
          author_id: 'team.lead@lumenbank.test',
          ticket: { ticket_id: 'tkt_5002', reviewer: 'reviewer.mensah@lumenbank.test' },
        },
        receivedAt: '2026-03-05T09:30:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm11',
          user_profile_event_type: 'TICKET_REVIEW_QUEUE_UPDATE',
          author_id: 'team.lead@lumenbank.test',
          ticket: { ticket_id: 'tkt_5002', review_queue: 'SENIOR_REVIEW' },
        },
        receivedAt: '2026-03-05T11:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm11',
          user_profile_event_type: 'TICKET_STATUS_UPDATE',
          author_id: 'reviewer.mensah@lumenbank.test',
          ticket: { ticket_id: 'tkt_5002', status: 'RESOLVED' },
        },
        receivedAt: '2026-03-06T15:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm11',
        state: {
          tickets: {
            tkt_5002: {
              status: 'RESOLVED',
              reviewer: 'reviewer.mensah@lumenbank.test',
              queue: 'SENIOR_REVIEW',
            },
          },
        },
        why: 'The four ticket events are "ticket created", "status changes", "assignee changes", "queue changes"; each changes only its own aspect of the ticket. Payloads are undocumented: this reading nests them in a ticket object.',
      },
      {
        kind: 'user-profile',
        id: 'up_dm11',
        asOf: '2026-03-05T10:00:00Z',
        state: {
          tickets: {
            tkt_5002: { status: 'OPEN', reviewer: 'reviewer.mensah@lumenbank.test', queue: 'EDD_QUEUE' },
          },
        },
        why: 'By receipt, at 10:00 the ticket was open, assigned, still in its first queue.',
      },
    ],
  },

  {
    name: 'Ticket events (reading B: top-level ticket_id, status, reviewer, review_queue)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_dm12',
          user_profile_event_type: 'CREATE_TICKET',
          author_id: 'SOURCE_API',
          ticket_id: 'tkt_6107',
          status: 'OPEN',
          review_queue: 'KYC_REFRESH',
        },
        receivedAt: '2026-03-05T09:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm12',
          user_profile_event_type: 'TICKET_REVIEWER_UPDATE',
          author_id: 'team.lead@lumenbank.test',
          ticket_id: 'tkt_6107',
          reviewer: 'reviewer.osei@lumenbank.test',
        },
        receivedAt: '2026-03-05T09:10:00Z',
      },
      {
        body: {
          user_profile_id: 'up_dm12',
          user_profile_event_type: 'TICKET_STATUS_UPDATE',
          author_id: 'reviewer.osei@lumenbank.test',
          ticket_id: 'tkt_6107',
          status: 'IN_PROGRESS',
        },
        receivedAt: '2026-03-05T09:20:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_dm12',
        state: {
          tickets: {
            tkt_6107: {
              status: 'IN_PROGRESS',
              reviewer: 'reviewer.osei@lumenbank.test',
              queue: 'KYC_REFRESH',
            },
          },
        },
        why: 'Undocumented ticket payloads, second reading: the ticket fields at the top level of the callback, as other profile events put theirs.',
      },
    ],
  },
];
