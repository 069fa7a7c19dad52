/**
 * Persona ACCOUNT facts the docs state for which docs/aggregates.md has no state field yet. The
 * field names used here are PROPOSALS (listed in /work/notes/persona-account-case-shapes.md);
 * they are kept in their own fixtures so the rest of the account fixtures do not depend on them.
 * Bodies are written for this project in the documented shape; values are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import { type Json, type Resource, eventIds, event, str } from './support/account-case.js';

const evt = eventIds('account-proposed');

const D = {
  retrieve:
    'Retrieve an Account: relationships.account-type names the account type id (docs/api-reference/accounts/retrieve-an-account.md)',
  relationContext2026:
    'API changelog 2026-01-12: account.added-relation / removed-relation context holds relation-schema-key and target-account-id (docs/api-reference/versioning/api-changelog/2026/1/12.md)',
  relationContext202603:
    'API changelog 2026-03-30: related-account-id / related-txn-id (https://docs.withpersona.com/2021-05-14/api-reference/versioning/changelog/2026/3/30.md)',
  relations:
    'Get all relations for an Account: relations are listed by key (docs/api-reference/accounts/list-all-relations.md)',
  report:
    'Retrieve a Report: status, has-match, relationships.account (docs/api-reference/reports/retrieve-a-report.md)',
  accounts: 'Accounts: continuous reports run against an account (docs/accounts.md)',
};

const ACT_TYPE = 'act_BBn9Cto3cwXvCSTyh4poRmrn';
const ACT_RELATION_KEY = 'act_HPv6sY6nowKJ4LBh2R8Vr4Ds';
const ACT_GUARANTOR = 'act_8fdAG3TYFtxDwduAFGDTA97q';
const ACT_REPORTS = 'act_q2yDMNRFZAMLwGWPdnDVUYZH';
const ACTTP_BUSINESS = 'acttp_F4VDqxQJAUgzN98eLZqWwbxn';
const REP_ADVERSE = 'rep_U7Lk3VHrsuU52GjpECWLTDNm';

function business(id: string, at: string, name: string, relationships?: Json): Resource {
  const resource: Resource = {
    type: 'account',
    id,
    attributes: {
      'reference-id': `org-${id.slice(-6)}`,
      'account-type-name': 'Business',
      'created-at': at,
      'updated-at': at,
      'redacted-at': null,
      fields: { business_name: str(name) },
      tags: [],
    },
  };
  if (relationships) resource.relationships = relationships;
  return resource;
}

export const fixtures: VendorDocFixture[] = [
  // 21 ─ PROPOSED accountTypeId.
  {
    name: 'PROPOSED accountTypeId: the account-type relationship (acttp_…) beside account-type-name',
    vendor: 'persona',
    docs: [D.retrieve],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('type-created'),
          'account.created',
          '2025-12-05T10:00:00.000Z',
          business(ACT_TYPE, '2025-12-05T10:00:00.000Z', 'Fernhill Logistics GmbH', {
            'account-type': { data: { id: ACTTP_BUSINESS, type: 'account-type' } },
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_TYPE,
        state: {
          accountType: 'Business',
          accountTypeId: ACTTP_BUSINESS,
          fields: { businessName: 'Fernhill Logistics GmbH' },
        },
        why: 'The Account resource names its type twice: account-type-name (a display name the customer can rename) and relationships.account-type (the stable acttp_ id); statuses and custom fields are scoped to the account type, so the id is worth keeping.',
      },
    ],
  },

  // 22 ─ PROPOSED relations[].key.
  {
    name: 'PROPOSED relations[].key: the relation-schema-key of the event context kept with the related ref',
    vendor: 'persona',
    docs: [D.relationContext2026, D.relationContext202603, D.relations],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('relation-key-created'),
          'account.created',
          '2025-12-06T09:00:00.000Z',
          business(ACT_RELATION_KEY, '2025-12-06T09:00:00.000Z', 'Osei & Hart Partners LLP'),
        ),
      },
      {
        body: event(
          evt('relation-key-added'),
          'account.added-relation',
          '2025-12-06T09:45:12.120Z',
          business(ACT_RELATION_KEY, '2025-12-06T09:45:12.000Z', 'Osei & Hart Partners LLP'),
          { context: { 'relation-schema-key': 'guarantor', 'target-account-id': ACT_GUARANTOR } },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_RELATION_KEY,
        state: { relations: [{ type: 'account', id: ACT_GUARANTOR, key: 'guarantor' }] },
        why: 'Relations are customer-defined by key (the relations endpoint filters by key; the event context carries relation-schema-key): the same two accounts can be related under different keys, so the key is part of the relation.',
      },
    ],
  },

  // 23 ─ PROPOSED reports on the account.
  {
    name: 'PROPOSED reports on the account: reports[id] = {type, status, matched} for a report run against the account',
    vendor: 'persona',
    docs: [D.report, D.accounts],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('reports-created'),
          'account.created',
          '2025-12-07T08:00:00.000Z',
          business(ACT_REPORTS, '2025-12-07T08:00:00.000Z', 'Brightwater Remittance Ltd'),
        ),
      },
      {
        body: event(evt('reports-ready'), 'report/business-adverse-media.ready', '2025-12-07T08:00:09.880Z', {
          type: 'report/business-adverse-media',
          id: REP_ADVERSE,
          attributes: {
            status: 'ready',
            'created-at': '2025-12-07T08:00:02.000Z',
            'completed-at': '2025-12-07T08:00:09.000Z',
            'redacted-at': null,
            'has-match': false,
            'is-continuous': true,
            tags: [],
          },
          relationships: {
            inquiry: {},
            account: { data: { id: ACT_REPORTS, type: 'account' } },
            transaction: {},
          },
        }),
      },
      {
        body: event(
          evt('reports-matched'),
          'report/business-adverse-media.matched',
          '2026-01-07T08:00:11.402Z',
          {
            type: 'report/business-adverse-media',
            id: REP_ADVERSE,
            attributes: {
              status: 'ready',
              'created-at': '2025-12-07T08:00:02.000Z',
              'completed-at': '2026-01-07T08:00:11.000Z',
              'redacted-at': null,
              'has-match': true,
              'is-continuous': true,
              tags: [],
            },
            relationships: {
              inquiry: {},
              account: { data: { id: ACT_REPORTS, type: 'account' } },
              transaction: {},
            },
          },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_REPORTS,
        state: {
          version: 3,
          reports: { [REP_ADVERSE]: { type: 'business-adverse-media', status: 'ready', matched: true } },
        },
        why: 'A report run against an account (inquiry {}) has status ready/pending/errored and has-match; the .matched event of a continuous run means it now matches. The inquiry state keeps reports this way; an account needs the same for its own reports.',
      },
      {
        kind: 'account',
        id: ACT_REPORTS,
        version: 2,
        state: {
          reports: { [REP_ADVERSE]: { type: 'business-adverse-media', status: 'ready', matched: false } },
        },
        why: 'After the first run the report was ready with has-match false.',
      },
    ],
  },
];
