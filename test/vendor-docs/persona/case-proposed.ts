/**
 * Persona CASE facts the docs state for which docs/aggregates.md has no state field (or no source)
 * yet. Field names here are PROPOSALS (listed in /work/notes/persona-account-case-shapes.md), kept in
 * their own fixtures so the other case fixtures do not depend on them. Bodies are written for this
 * project in the documented shape; values are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, eventIds, event, caseBuilder } from './support/account-case.js';

const evt = eventIds('case-proposed');

const TEMPLATE_DEFAULT = 'ctmpl_GRipmLMuZAADzj2SYcFw9L8W';
const QUEUE_DEFAULT = 'cqueue_RXC5v5zG8rnMv5Z9QBhcddeDnpE';

const kase = caseBuilder(TEMPLATE_DEFAULT, QUEUE_DEFAULT);

const D = {
  assign:
    'Assign a Case / Add tag to a Case: assigned-at, assigner-type (docs/api-reference/cases/assign-a-case.md, add-tag.md)',
  assigner:
    'API changelog 2024-02-05: assigner-type is case-assignment-policy, user or workflow-run (docs/api-reference/versioning/api-changelog/2024/2/5.md)',
  txns: 'API changelog 2023-03-20: transactions attached to a case appear in relationships.txns (docs/api-reference/versioning/api-changelog/2023/3/20.md)',
  relationships:
    'Cases API resource: relationships reports, verifications, txns, case-comments; attribute name (e.g. "KCAS-1") (docs/api-reference/cases/retrieve-case.md, redact-a-case.md)',
  cases:
    'Cases: a case collects inquiries, accounts, reports (and transactions) about an end user (docs/cases.md)',
  comments:
    'Help: Cases Comments module — reviewers add comments to a case (help/articles/4XaXup5gl39IyNGwXah2Nb.md)',
};

const CASE_PROPOSED = 'case_Lg2Yo697tGWJJ5otornB85YR';
const CASE_COMMENTS = 'case_RwKsqiZwZgB5Sou8Fz4uPBRb';
const TXN_ATTACHED = 'txn_3wavtgLX5dD8BHsHeNhJ9LZs7C6G';
const REP_ATTACHED = 'rep_z4WviFTPvWK9JyNyEi55ctG5';
const VER_ATTACHED = 'ver_uEwig4NTVVjp37gTj7aUX9w2';
const WFR_ASSIGNER = 'wfr_nwszZY8TmWoRoZi3jSH7rrRG';
const CSCM_FIRST = 'cscm_vXCZBUckXhEoGwAdAGpoU64o';
const CSCM_SECOND = 'cscm_YT46GKVHpUmZfbFcevYTZPAD';

const base = (name: string, updatedAt: string): Json => ({
  name,
  'created-at': '2025-12-01T08:00:00.000Z',
  'updated-at': updatedAt,
  'creator-id': 'aml.monitoring@harborline.example',
  'creator-type': 'user',
});

export const fixtures: VendorDocFixture[] = [
  // 42 ─ PROPOSED name, assignedAt, assignerType, transactionIds, reportIds, verificationIds.
  {
    name: 'PROPOSED case name, assignedAt, assignerType and the attached transactionIds (txns), reportIds, verificationIds',
    vendor: 'persona',
    docs: [D.assign, D.assigner, D.txns, D.relationships, D.cases],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('proposed-created'),
          'case.created',
          '2025-12-01T08:00:00.400Z',
          kase(
            CASE_PROPOSED,
            { status: 'Open', ...base('AML-2207', '2025-12-01T08:00:00.000Z') },
            { txns: [TXN_ATTACHED], reports: [{ id: REP_ATTACHED, type: 'report/watchlist' }] },
          ),
        ),
      },
      {
        body: event(
          evt('proposed-assigned'),
          'case.assigned',
          '2025-12-01T08:00:03.900Z',
          kase(
            CASE_PROPOSED,
            {
              status: 'Open',
              ...base('AML-2207', '2025-12-01T08:00:03.000Z'),
              'assigned-at': '2025-12-01T08:00:03.000Z',
              'assignee-id': 'noor.h@harborline.example',
              'assigner-id': WFR_ASSIGNER,
              'assigner-type': 'workflow-run',
            },
            {
              txns: [TXN_ATTACHED],
              reports: [{ id: REP_ATTACHED, type: 'report/watchlist' }],
              verifications: [{ id: VER_ATTACHED, type: 'verification/government-id' }],
            },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_PROPOSED,
        state: {
          name: 'AML-2207',
          assigneeId: 'noor.h@harborline.example',
          assignerId: WFR_ASSIGNER,
          assignedAt: '2025-12-01T08:00:03.000Z',
          assignerType: 'workflow-run',
          transactionIds: [TXN_ATTACHED],
          reportIds: [REP_ATTACHED],
          verificationIds: [VER_ATTACHED],
        },
        why: 'The case resource has a human-readable name (e.g. "KCAS-1"), records when it was assigned (assigned-at) and what kind of entity assigned it (assigner-type: user, workflow-run or case-assignment-policy, whose id assigner-id is), and lists its attached transactions (txns), reports and verifications as relationships alongside accounts and inquiries.',
      },
    ],
  },

  // 43 ─ PROPOSED source for comments: the case's case-comments relationship.
  {
    name: 'PROPOSED comments from the case-comments relationship: a case.updated listing two case-comment refs gives comments with those ids (case-comment payloads are not documented)',
    vendor: 'persona',
    docs: [D.relationships, D.comments],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('comments-created'),
          'case.created',
          '2025-12-02T08:00:00.000Z',
          kase(CASE_COMMENTS, { status: 'Open', ...base('KYC-3310', '2025-12-02T08:00:00.000Z') }),
        ),
      },
      {
        body: event(
          evt('comments-updated'),
          'case.updated',
          '2025-12-02T11:40:00.000Z',
          kase(
            CASE_COMMENTS,
            { status: 'Open', ...base('KYC-3310', '2025-12-02T11:40:00.000Z') },
            { comments: [CSCM_FIRST, CSCM_SECOND] },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'case',
        id: CASE_COMMENTS,
        state: { version: 2, comments: [{ id: CSCM_FIRST }, { id: CSCM_SECOND }] },
        why: "The case resource lists its comments in relationships.case-comments (type case-comment, cscm_ ids); the case-comment.created payload itself is not documented, so the ids are the documented part of a case's comments.",
      },
    ],
  },
];
