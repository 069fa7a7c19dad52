/**
 * Persona TRANSACTIONS, routed onto their ACCOUNT's stream (the account among the transaction's
 * `related-objects`), with the account state the docs imply. Bodies are written for this project in
 * the documented shape; values are invented. Doc paths are relative to the mirror's
 * reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  type Json,
  type Resource,
  eventIds,
  event,
  str,
  date,
  hash,
  arr,
  file,
} from './support/account-case.js';

const evt = eventIds('transaction-on-account');

const D = {
  retrieve:
    'Retrieve a Transaction: status, fields, tags; relationships reviewer, transaction-label ({}), transaction-type, related-objects [account, verification/government-id]; included account and verification (docs/api-reference/transactions/retrieve-a-transaction.md)',
  create: 'Create a Transaction (docs/api-reference/transactions/create-a-transaction.md)',
  label:
    'Create a Transaction label: transaction-label in included (model-label, model-version) (docs/api-reference/transactions/create-a-transaction-label.md)',
  redact:
    'Redact a Transaction: fields values null, related-objects emptied, no redacted-at attribute (docs/api-reference/transactions/redact-a-transaction.md)',
  lifecycle:
    'Transactions model lifecycle: transaction.created, transaction.status-updated on each status change (docs/transactions-model-lifecycle.md)',
  apiFirst:
    'Transaction API-first lifecycle: suggested statuses created, completed, approved, declined (docs/transaction-api-first-lifecycle.md)',
  types:
    'Transaction Types: custom field schemas (Boolean, Date, File, Float, Hash, Integer, String, …) and custom statuses (docs/transaction-types.md)',
  connections:
    'Connection Objects: related objects (anything a transaction-triggered workflow touched) vs relations (customer-defined, by key) (docs/connection-objects.md)',
  relationContext:
    'API changelog 2026-03-30: relation event contexts name related-account-id / related-txn-id (https://docs.withpersona.com/2021-05-14/api-reference/versioning/changelog/2026/3/30.md)',
  limit:
    'API changelog 2025-10-27: at most 100 related-objects are serialized (docs/api-reference/versioning/api-changelog/2025/10/27.md)',
  async:
    'API changelog 2024-04-29: transaction.redacted only after the related resources are redacted (docs/api-reference/versioning/api-changelog/2024/4/29.md)',
  allowlist:
    'Webhook Allowlists: included carries related objects only when the included allowlist turns them on (docs/webhook-allowlists.md)',
  events: 'Events list: transaction.* (docs/events.md; shared/seeds/persona-events.txt)',
  ordering: 'Order of received events: use created-at (docs/webhooks.md)',
};

const WFR = 'wfr_Qmtjxx5XVj78TbzHQMfPUNKx';
const TXNTP_ONBOARDING = 'txntp_A6BwsoyTs4Ffub5JvhHr8WPg';
const TXNTP_PAYOUT = 'txntp_QFV443GYcc45JiT5uwgb9zze';

function transaction(
  id: string,
  createdAt: string,
  updatedAt: string,
  status: string,
  fields: Json,
  relatedObjects: { type: string; id: string }[],
  options: { typeId?: string; label?: string; reviewer?: boolean } = {},
): Resource {
  const relationships: Json = {};
  if (options.reviewer !== false) relationships['reviewer'] = { data: { type: 'workflow-run', id: WFR } };
  relationships['transaction-label'] = options.label
    ? { data: { type: 'transaction-label', id: options.label } }
    : {};
  relationships['transaction-type'] = {
    data: { type: 'transaction-type', id: options.typeId ?? TXNTP_ONBOARDING },
  };
  relationships['related-objects'] = { data: relatedObjects };
  return {
    type: 'transaction',
    id,
    attributes: { status, fields, tags: [], 'created-at': createdAt, 'updated-at': updatedAt },
    relationships,
  };
}

function personAccount(id: string, at: string, first: string, last: string, email: string): Resource {
  return {
    type: 'account',
    id,
    attributes: {
      'reference-id': `usr_${id.slice(-5)}`,
      'created-at': at,
      'updated-at': at,
      'redacted-at': null,
      fields: {
        name: hash({ first: str(first), middle: str(null), last: str(last) }),
        birthdate: date('1986-09-12'),
        email_address: str(email),
        phone_number: str(null),
      },
      tags: [],
    },
  };
}

const photo = (name: string): Json =>
  file({
    filename: name,
    'byte-size': 241877,
    'mime-type': 'image/jpeg',
    url: `https://files.withpersona.com/${name}?access_token=tok_9VmQ2xLrP4sWk8Zt`,
  });

const ACT_TXN = 'act_aMgRiJ7Nvj6H2qhMPcezWShZ';
const ACT_LIFECYCLE = 'act_9suhWdZ6xw4nyHp69ArXwTUN';
const ACT_RELATION = 'act_cueSDMLTHWViSA567JcXFmRH';
const ACT_TXN_REDACTED = 'act_n65GMPxur6Xgr4pf9qZoLWcV';
const ACT_TXN_MAP = 'act_CYjEc6D4zSygXatEZy8AeSwR';
const TXN_ONBOARDING = 'txn_FXhrtmADkPgrdXGiPWtJpP8hjhT6';
const TXN_PAYOUT = 'txn_Nd9nrPwKi25528zTFH6mZbQubKaz';
const TXN_RELATED = 'txn_wB9X5urbvrjTLeeXd5yZtQDZ3Y4T';
const TXN_REDACTED = 'txn_2zGxoUuL87k4mBnzTTP9TZKodS9C';
const TXN_MAPPED = 'txn_ZP4HKpMbCC4xEC5u4oYsHcPzHmqo';
const VER_GOV_ID = 'ver_nioic7JmYirUsWW6gyDw55W5';
const TXNL = 'txnl_zgyLw7CexBqioxVgdS5qsqgy';

/** The account as the transaction page's included account shows it: no PII collected yet. */
const blankAccountAttributes = (at: string): Json => ({
  'reference-id': null,
  'created-at': at,
  'updated-at': at,
  'redacted-at': null,
  fields: {
    name: hash({ first: str(null), middle: str(null), last: str(null) }),
    address: hash({
      'street-1': str(null),
      'street-2': str(null),
      subdivision: str(null),
      city: str(null),
      'postal-code': str(null),
      'country-code': str(null),
    }),
    'identification-numbers': arr([]),
    birthdate: date(null),
    'phone-number': str(null),
    'email-address': str(null),
    'selfie-photo': file(null),
  },
  'country-code': null,
  tags: [],
});

export const fixtures: VendorDocFixture[] = [
  // 24 ─ related-objects lists an account and a verification; included carries both.
  {
    name: "transaction.created whose related-objects lists an account and a verification/government-id, with both in included: lands on the account (version, timeline) without taking the transaction's fields as the account's identity",
    vendor: 'persona',
    docs: [D.retrieve, D.create, D.lifecycle, D.allowlist, D.connections],
    apiVersion: '2023-01-05',
    deliveries: [
      {
        body: event(evt('txn-account-created'), 'account.created', '2025-09-14T16:49:35.402Z', {
          type: 'account',
          id: ACT_TXN,
          attributes: blankAccountAttributes('2025-09-14T16:49:35.000Z'),
        }),
      },
      {
        body: event(
          evt('txn-created'),
          'transaction.created',
          '2025-09-14T16:49:44.118Z',
          transaction(
            TXN_ONBOARDING,
            '2025-09-14T16:49:33.860Z',
            '2025-09-14T16:49:43.965Z',
            'declined',
            {
              country: str('SE'),
              'name-first': str('Lorenz'),
              'name-last': str('Adebayo-Lindqvist'),
              'selected-id-class': str('pp'),
              'front-photo': photo('front-3KdP.jpg'),
              'back-photo': photo('back-3KdP.jpg'),
            },
            [
              { type: 'account', id: ACT_TXN },
              { type: 'verification/government-id', id: VER_GOV_ID },
            ],
          ),
          {
            included: [
              {
                type: 'account',
                id: ACT_TXN,
                attributes: blankAccountAttributes('2025-09-14T16:49:35.000Z'),
              },
              {
                type: 'verification/government-id',
                id: VER_GOV_ID,
                attributes: {
                  status: 'failed',
                  'created-at': '2025-09-14T16:49:43.000Z',
                  'submitted-at': '2025-09-14T16:49:43.000Z',
                  'completed-at': '2025-09-14T16:49:43.000Z',
                  'country-code': null,
                  'capture-method': 'api',
                  checks: [
                    {
                      name: 'id_portrait_detection',
                      status: 'failed',
                      reasons: ['portrait_not_found'],
                      requirement: 'required',
                      metadata: {},
                    },
                  ],
                },
                relationships: {
                  inquiry: { data: null },
                  document: { data: { type: 'document/government-id', id: 'doc_Hq7sWc2XbT9mKp4LrN6vYdZe' } },
                },
              },
            ],
          },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_TXN,
        state: { version: 2, redacted: false, name: null, email: null, birthdate: null },
        why: "A transaction captures an event associated with an account (its related-objects name the account and a verification); its events land on the account and count in its version. The transaction's fields (name-first, name-last) are the transaction's, and the included account shows the account's own fields still empty.",
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_TXN,
        types: ['transaction.created', 'account.created'],
        why: "The transaction event is on the account's stream, so its timeline shows it.",
      },
    ],
    absent: [
      {
        kind: 'account',
        id: ACT_TXN,
        values: ['Lorenz', 'Adebayo-Lindqvist'],
        why: "Transaction fields are not account fields: nothing the account returns takes the transaction's collected name.",
      },
    ],
  },

  // 25 ─ every transaction.* event, out of order with a redelivery.
  {
    name: 'transaction lifecycle on the account (created, updated-fields, sentinel-session-processed, status-updated completed/approved, labeled), delivered out of order with a redelivery',
    vendor: 'persona',
    docs: [D.lifecycle, D.apiFirst, D.label, D.types, D.events, D.ordering],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('life-account'),
          'account.created',
          '2025-09-20T10:00:00.000Z',
          personAccount(
            ACT_LIFECYCLE,
            '2025-09-20T10:00:00.000Z',
            'Sofia',
            'Marchetti',
            'sofia.marchetti@example.it',
          ),
        ),
      },
      {
        body: event(
          evt('life-created'),
          'transaction.created',
          '2025-09-20T10:01:10.200Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:01:10.000Z',
            'created',
            { amount: { type: 'float', value: 1250.5 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT },
          ),
        ),
      },
      {
        body: event(
          evt('life-approved'),
          'transaction.status-updated',
          '2025-09-20T10:09:00.700Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:09:00.000Z',
            'approved',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT, label: TXNL },
          ),
        ),
      },
      {
        body: event(
          evt('life-updated-fields'),
          'transaction.updated-fields',
          '2025-09-20T10:01:40.010Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:01:40.000Z',
            'created',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT },
          ),
        ),
      },
      {
        body: event(
          evt('life-completed'),
          'transaction.status-updated',
          '2025-09-20T10:03:00.300Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:03:00.000Z',
            'completed',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT },
          ),
        ),
      },
      {
        body: event(
          evt('life-labeled'),
          'transaction.labeled',
          '2025-09-20T10:05:30.050Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:05:30.000Z',
            'completed',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT, label: TXNL },
          ),
          {
            included: [
              {
                type: 'transaction-label',
                id: TXNL,
                attributes: {
                  'model-label': 'legitimate',
                  'model-version': '2.4.1',
                  'created-at': '2025-09-20T10:05:30.000Z',
                  'updated-at': '2025-09-20T10:05:30.000Z',
                },
              },
            ],
          },
        ),
      },
      {
        body: event(
          evt('life-approved'),
          'transaction.status-updated',
          '2025-09-20T10:09:00.700Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:09:00.000Z',
            'approved',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT, label: TXNL },
          ),
        ),
        headers: { 'Persona-Webhook-Attempts-Made': '2', 'Persona-Webhook-Attempts-Left': '6' },
      },
      {
        body: event(
          evt('life-sentinel'),
          'transaction.sentinel-session-processed',
          '2025-09-20T10:02:05.400Z',
          transaction(
            TXN_PAYOUT,
            '2025-09-20T10:01:10.000Z',
            '2025-09-20T10:02:05.000Z',
            'created',
            { amount: { type: 'float', value: 1300 }, currency: str('EUR'), 'payout-method': str('sepa') },
            [{ type: 'account', id: ACT_LIFECYCLE }],
            { typeId: TXNTP_PAYOUT },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_LIFECYCLE,
        state: {
          version: 7,
          email: 'sofia.marchetti@example.it',
          name: { first: 'Sofia', middle: null, last: 'Marchetti' },
        },
        why: 'Each transaction event (created, updated-fields, sentinel-session-processed, labeled, status-updated per status change) is about a transaction related to this account, so six distinct events join account.created on its stream; the redelivered status update counts once.',
      },
      {
        kind: 'account',
        id: ACT_LIFECYCLE,
        asOf: '2025-09-20T10:02:00.000Z',
        state: { version: 3 },
        why: 'By created-at only account.created, transaction.created and transaction.updated-fields had happened by 10:02.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_LIFECYCLE,
        types: [
          'transaction.status-updated',
          'transaction.labeled',
          'transaction.status-updated',
          'transaction.sentinel-session-processed',
          'transaction.updated-fields',
          'transaction.created',
          'account.created',
        ],
        why: 'Newest first by created-at, not by arrival; the redelivery appears once.',
      },
    ],
  },

  // 26 ─ a relation between the account and a transaction seen from both sides.
  {
    name: 'account.added-relation / removed-relation (context related-txn-id) and transaction.added-relation / removed-relation (context related-account-id) for the same relation: one relation on the account, every event on its timeline',
    vendor: 'persona',
    docs: [D.relationContext, D.connections, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('rel-account'),
          'account.created',
          '2025-09-25T12:00:00.000Z',
          personAccount(
            ACT_RELATION,
            '2025-09-25T12:00:00.000Z',
            'Kwame',
            'Asante',
            'kwame.asante@example.gh',
          ),
        ),
      },
      {
        body: event(
          evt('rel-txn-created'),
          'transaction.created',
          '2025-09-25T12:05:00.000Z',
          transaction(
            TXN_RELATED,
            '2025-09-25T12:05:00.000Z',
            '2025-09-25T12:05:00.000Z',
            'created',
            { amount: { type: 'integer', value: 5000 }, currency: str('GHS') },
            [{ type: 'account', id: ACT_RELATION }],
            { typeId: TXNTP_PAYOUT },
          ),
        ),
      },
      {
        body: event(
          evt('rel-account-added'),
          'account.added-relation',
          '2025-09-25T12:06:30.100Z',
          personAccount(
            ACT_RELATION,
            '2025-09-25T12:00:00.000Z',
            'Kwame',
            'Asante',
            'kwame.asante@example.gh',
          ),
          { context: { 'relation-schema-key': 'payout_owner', 'related-txn-id': TXN_RELATED } },
        ),
      },
      {
        body: event(
          evt('rel-txn-added'),
          'transaction.added-relation',
          '2025-09-25T12:06:30.180Z',
          transaction(
            TXN_RELATED,
            '2025-09-25T12:05:00.000Z',
            '2025-09-25T12:06:30.000Z',
            'created',
            { amount: { type: 'integer', value: 5000 }, currency: str('GHS') },
            [{ type: 'account', id: ACT_RELATION }],
            { typeId: TXNTP_PAYOUT },
          ),
          { context: { 'relation-schema-key': 'payout_owner', 'related-account-id': ACT_RELATION } },
        ),
      },
      {
        body: event(
          evt('rel-txn-removed'),
          'transaction.removed-relation',
          '2025-09-30T07:00:00.220Z',
          transaction(
            TXN_RELATED,
            '2025-09-25T12:05:00.000Z',
            '2025-09-30T07:00:00.000Z',
            'created',
            { amount: { type: 'integer', value: 5000 }, currency: str('GHS') },
            [{ type: 'account', id: ACT_RELATION }],
            { typeId: TXNTP_PAYOUT },
          ),
          { context: { 'relation-schema-key': 'payout_owner', 'related-account-id': ACT_RELATION } },
        ),
      },
      {
        body: event(
          evt('rel-account-removed'),
          'account.removed-relation',
          '2025-09-30T07:00:00.140Z',
          personAccount(
            ACT_RELATION,
            '2025-09-25T12:00:00.000Z',
            'Kwame',
            'Asante',
            'kwame.asante@example.gh',
          ),
          { context: { 'relation-schema-key': 'payout_owner', 'related-txn-id': TXN_RELATED } },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_RELATION,
        asOf: '2025-09-26T00:00:00.000Z',
        state: { version: 4, relations: [{ type: 'transaction', id: TXN_RELATED }] },
        why: 'Relations are formal, customer-defined links between accounts and transactions; the account.added-relation context names the transaction (related-txn-id). The transaction-side event is about the same relation and must not add it twice.',
      },
      {
        kind: 'account',
        id: ACT_RELATION,
        state: { version: 6, relations: [] },
        why: 'account.removed-relation (context related-txn-id) removes the relation; the transaction-side removed-relation arrived first but is the same removal.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_RELATION,
        types: [
          'transaction.removed-relation',
          'account.removed-relation',
          'transaction.added-relation',
          'account.added-relation',
          'transaction.created',
          'account.created',
        ],
        why: "The transaction is related to the account (related-objects), so its events are on the account's stream too.",
      },
    ],
  },

  // 27 ─ transaction.redacted in the documented shape (related-objects emptied).
  {
    name: 'transaction.redacted as Redact a Transaction shows it (fields nulled, related-objects [], no redacted-at): the account is not redacted and keeps its PII',
    vendor: 'persona',
    docs: [D.redact, D.async, D.create],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('redact-account'),
          'account.created',
          '2025-08-01T09:00:00.000Z',
          personAccount(
            ACT_TXN_REDACTED,
            '2025-08-01T09:00:00.000Z',
            'Nils',
            'Johansson',
            'nils.johansson@example.se',
          ),
        ),
      },
      {
        body: event(
          evt('redact-txn-created'),
          'transaction.created',
          '2025-08-01T09:10:00.000Z',
          transaction(
            TXN_REDACTED,
            '2025-08-01T09:10:00.000Z',
            '2025-08-01T09:10:00.000Z',
            'created',
            {
              'front-photo': photo('txn-front-7Qm2.jpg'),
              'back-photo': photo('txn-back-7Qm2.jpg'),
              'country-code': str('SE'),
              'selected-id-class': str('pp'),
              'center-photo': photo('txn-center-7Qm2.jpg'),
              'selfie-compare-photo': photo('txn-compare-7Qm2.jpg'),
            },
            [{ type: 'account', id: ACT_TXN_REDACTED }],
            { reviewer: false },
          ),
        ),
      },
      {
        body: event(evt('redact-txn-redacted'), 'transaction.redacted', '2025-11-30T22:00:05.000Z', {
          type: 'transaction',
          id: TXN_REDACTED,
          attributes: {
            status: 'created',
            fields: {
              'front-photo': file(null),
              'back-photo': file(null),
              'country-code': str(null),
              'selected-id-class': str(null),
              'center-photo': file(null),
              'selfie-compare-photo': file(null),
            },
            tags: [],
            'created-at': '2025-08-01T09:10:00.000Z',
            'updated-at': '2025-11-30T22:00:04.000Z',
          },
          relationships: {
            'transaction-type': { data: { type: 'transaction-type', id: TXNTP_ONBOARDING } },
            'related-objects': { data: [] },
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_TXN_REDACTED,
        state: {
          redacted: false,
          email: 'nils.johansson@example.se',
          name: { first: 'Nils', last: 'Johansson' },
          referenceId: `usr_${ACT_TXN_REDACTED.slice(-5)}`,
        },
        why: 'Redacting a transaction redacts the transaction (its fields become null) and its related resources, not the account it was related to: account.redacted is a separate event. The redacted payload lists no related-objects, so it names no account at all (build for both readings: routed to the account or not).',
      },
    ],
    absent: [
      {
        kind: 'account',
        id: ACT_TXN_REDACTED,
        values: ['txn-front-7Qm2.jpg', 'txn-center-7Qm2.jpg', 'txn-compare-7Qm2.jpg'],
        why: "The transaction's biometric files are the transaction's; after its redaction nothing the account returns may point at them.",
      },
    ],
  },

  // 28 ─ PROPOSED transactions map on the account.
  {
    name: 'PROPOSED account.transactions[txn] = {status, statusLabel, transactionTypeId}: the latest status of each transaction related to the account',
    vendor: 'persona',
    docs: [D.lifecycle, D.apiFirst, D.types, D.retrieve],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('map-account'),
          'account.created',
          '2025-09-28T08:00:00.000Z',
          personAccount(ACT_TXN_MAP, '2025-09-28T08:00:00.000Z', 'Mei', 'Tanaka', 'mei.tanaka@example.jp'),
        ),
      },
      {
        body: event(
          evt('map-created'),
          'transaction.created',
          '2025-09-28T08:01:00.000Z',
          transaction(
            TXN_MAPPED,
            '2025-09-28T08:01:00.000Z',
            '2025-09-28T08:01:00.000Z',
            'created',
            { 'loan-amount': { type: 'integer', value: 12000 } },
            [{ type: 'account', id: ACT_TXN_MAP }],
          ),
        ),
      },
      {
        body: event(
          evt('map-approved'),
          'transaction.status-updated',
          '2025-09-29T15:30:00.000Z',
          transaction(
            TXN_MAPPED,
            '2025-09-28T08:01:00.000Z',
            '2025-09-29T15:30:00.000Z',
            'Approved',
            { 'loan-amount': { type: 'integer', value: 12000 } },
            [{ type: 'account', id: ACT_TXN_MAP }],
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_TXN_MAP,
        version: 2,
        state: {
          transactions: {
            [TXN_MAPPED]: { status: 'created', statusLabel: 'created', transactionTypeId: TXNTP_ONBOARDING },
          },
        },
        why: 'transaction.created: a transaction starts in its initial status (created) and has a transaction type (relationships.transaction-type).',
      },
      {
        kind: 'account',
        id: ACT_TXN_MAP,
        state: {
          transactions: {
            [TXN_MAPPED]: {
              status: 'approved',
              statusLabel: 'Approved',
              transactionTypeId: TXNTP_ONBOARDING,
            },
          },
        },
        why: "transaction.status-updated is emitted when a transaction's status changes; transaction statuses are customer-defined, so they compare by key and keep the label as sent, like case and account statuses.",
      },
    ],
  },
];
