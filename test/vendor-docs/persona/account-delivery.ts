/**
 * Persona ACCOUNT deliveries as they really arrive: out of order, redelivered, stripped by an
 * attribute blocklist or shown with empty attributes (Events API), and resources routed onto the
 * account's stream (a report run against the account). Bodies are written for this project in the
 * documented shape; values are invented. Doc paths are relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  type Resource,
  eventIds,
  event,
  str,
  hash,
  arr,
  file,
  type Person,
  identityFields,
  account,
} from './support/account-case.js';

const evt = eventIds('account-delivery');

const D = {
  ordering:
    'Order of received events may differ from creation order; use the event\'s created-at (docs/webhooks.md "Order of received events")',
  retries:
    'Retry logic: up to 7 more attempts, so an event can arrive more than once (docs/webhooks.md "Retry logic"; docs/webhooks-best-practices.md)',
  blocklist:
    'Webhook Attribute Blocklists: attributes (and nested fields) removed from the payload; relationships and included keep ids (docs/webhook-attribute-blocklists.md)',
  relationshipAllowlist:
    'Webhook Allowlists, Relationship Allowlist: relationships can be removed from payloads entirely (docs/webhook-allowlists.md)',
  listEvents:
    'List all Events: an account.tag-added event whose payload account has attributes {} (docs/api-reference/events/list-all-events.md)',
  payloadGuide:
    'Understanding a Persona API payload (docs/integration-guide-understanding-a-persona-api-payload.md)',
  report:
    'Retrieve a Report: a report whose inquiry relationship is {} and account relationship names the account (docs/api-reference/reports/retrieve-a-report.md)',
  accounts:
    'Accounts: reports can run at regular intervals against an account (docs/accounts.md "Continuous Reports")',
  routing: 'Routing: report/* to its inquiry, else its account (docs/events.md of this project)',
  events: 'Events list (docs/events.md; shared/seeds/persona-events.txt)',
};

const amara: Person = {
  first: 'Amara',
  middle: 'Chidinma',
  last: 'Eze',
  street1: '12 Admiralty Way',
  street2: null,
  city: 'Lekki',
  subdivision: 'Lagos',
  postalCode: '106104',
  countryCode: 'NG',
  birthdate: '1991-10-05',
  phone: '+234 1 555 0144',
  email: 'amara.eze@example.ng',
};

const lukas: Person = {
  first: 'Lukas',
  middle: null,
  last: 'Brandtner',
  street1: 'Mariahilfer Straße 88',
  street2: 'Top 12',
  city: 'Wien',
  subdivision: 'Wien',
  postalCode: '1070',
  countryCode: 'AT',
  birthdate: '1988-05-19',
  phone: '+43 1 555 0175',
  email: 'lukas.brandtner@example.at',
};

const ACT_ORDER = 'act_C2FDv5aqqimGcZ2x9f3jfaM2';
const ACT_BLOCKLIST = 'act_ua4qckPBBrJqTpNZDWhfbDPC';
const ACT_EMPTY_ATTRS = 'act_MrbSZ3HVHTgHiALaCEgUKVeZ';
const ACT_REPORT = 'act_Y7N4ZNZfGVeE6MRtpi8ELbGB';
const REP_WATCHLIST = 'rep_b2tJ7qJYfEPrcxpvm6j4gHHe';
const ACTTP_INDIVIDUAL = 'acttp_HgxA6sP6YEHo6RXACqcxZ2FL';

function watchlistReport(at: string, hasMatch: boolean): Resource {
  return {
    type: 'report/watchlist',
    id: REP_WATCHLIST,
    attributes: {
      status: 'ready',
      'created-at': '2025-10-02T09:00:01.000Z',
      'completed-at': at,
      'redacted-at': null,
      'report-template-version-name': 'v2',
      'has-match': hasMatch,
      'is-continuous': true,
      'matched-lists': hasMatch ? ['OFAC SDN'] : [],
      'ignore-list': [],
      'name-first': 'Lukas',
      'name-middle': null,
      'name-last': 'Brandtner',
      term: 'Lukas Brandtner',
      birthdate: '1988-05-19',
      'country-code': 'AT',
      tags: [],
    },
    relationships: {
      inquiry: {},
      account: { data: { id: ACT_REPORT, type: 'account' } },
      transaction: {},
      'report-template': { data: { id: 'rptp_6xW2kLqNbV7hT3sYcJ9eRmPd', type: 'report-template/watchlist' } },
    },
  };
}

export const fixtures: VendorDocFixture[] = [
  // 17 ─ out of order and a redelivery.
  {
    name: 'account.status-updated twice, delivered newest first and the newest redelivered (same evt id): created-at decides, the duplicate counts once',
    vendor: 'persona',
    docs: [D.ordering, D.retries, D.payloadGuide],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('order-approved'),
          'account.status-updated',
          '2025-10-21T08:15:02.900Z',
          account(ACT_ORDER, '2025-10-21T08:15:02.000Z', {
            'reference-id': 'usr_88213',
            'account-status': 'Approved',
            fields: identityFields(amara),
            tags: [],
          }),
        ),
        headers: { 'Persona-Webhook-Attempts-Made': '1', 'Persona-Webhook-Attempts-Left': '7' },
      },
      {
        body: event(
          evt('order-created'),
          'account.created',
          '2025-10-20T10:00:00.100Z',
          account(ACT_ORDER, '2025-10-20T10:00:00.000Z', {
            'reference-id': 'usr_88213',
            'account-status': 'Pending',
            fields: identityFields(amara),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('order-approved'),
          'account.status-updated',
          '2025-10-21T08:15:02.900Z',
          account(ACT_ORDER, '2025-10-21T08:15:02.000Z', {
            'reference-id': 'usr_88213',
            'account-status': 'Approved',
            fields: identityFields(amara),
            tags: [],
          }),
        ),
        headers: { 'Persona-Webhook-Attempts-Made': '2', 'Persona-Webhook-Attempts-Left': '6' },
      },
      {
        body: event(
          evt('order-in-review'),
          'account.status-updated',
          '2025-10-20T10:07:30.500Z',
          account(ACT_ORDER, '2025-10-20T10:07:30.000Z', {
            'reference-id': 'usr_88213',
            'account-status': 'In Review',
            fields: identityFields(amara),
            tags: [],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_ORDER,
        state: { version: 3, status: 'approved', statusLabel: 'Approved', email: 'amara.eze@example.ng' },
        why: 'Delivery order may differ from creation order (latency, retries); the created-at of each event gives the order, so Approved (latest) is the status. A retried event has the same evt id and counts once.',
      },
      {
        kind: 'account',
        id: ACT_ORDER,
        asOf: '2025-10-20T12:00:00.000Z',
        state: { version: 2, status: 'in_review', statusLabel: 'In Review' },
        why: 'By created-at, In Review held between its event and the approval, although it arrived last.',
      },
      {
        kind: 'account',
        id: ACT_ORDER,
        version: 1,
        state: { status: 'pending', statusLabel: 'Pending' },
        why: 'The first event by created-at is account.created with account-status Pending.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_ORDER,
        types: ['account.status-updated', 'account.status-updated', 'account.created'],
        why: 'Three distinct events (the redelivery is not a fourth), newest first by created-at.',
      },
    ],
  },

  // 18 ─ an attribute blocklist (and the relationship allowlist off) on the later event.
  {
    name: "account.updated-fields after the webhook's blocklist was set to remove name, birthdate, email_address and reference-id and its relationships were turned off: missing is not cleared",
    vendor: 'persona',
    docs: [D.blocklist, D.relationshipAllowlist],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('blocklist-created'),
          'account.created',
          '2025-10-03T14:00:00.010Z',
          account(
            ACT_BLOCKLIST,
            '2025-10-03T14:00:00.000Z',
            {
              'reference-id': 'usr_31337',
              'account-type-name': 'Individual',
              fields: identityFields(lukas),
              tags: [],
            },
            { 'account-type': { data: { id: ACTTP_INDIVIDUAL, type: 'account-type' } } },
          ),
        ),
      },
      {
        // Blocklist: `name`, `birthdate`, `email_address` (simple syntax, any inflection) and
        // `/data/attributes/reference-id`; the relationship allowlist is deselected.
        body: event(evt('blocklist-updated'), 'account.updated-fields', '2025-10-09T18:22:10.456Z', {
          type: 'account',
          id: ACT_BLOCKLIST,
          attributes: {
            'account-type-name': 'Individual',
            'created-at': '2025-10-03T14:00:00.000Z',
            'updated-at': '2025-10-09T18:22:10.000Z',
            'redacted-at': null,
            fields: {
              address: hash({
                street_1: str('Mariahilfer Straße 88'),
                street_2: str('Top 12'),
                subdivision: str('Wien'),
                city: str('Wien'),
                postal_code: str('1070'),
                country_code: str('AT'),
              }),
              identification_numbers: arr([]),
              phone_number: str('+43 660 555 0112'),
              selfie_photo: file(null),
            },
            tags: [],
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_BLOCKLIST,
        state: {
          version: 2,
          referenceId: 'usr_31337',
          accountType: 'Individual',
          name: { first: 'Lukas', middle: null, last: 'Brandtner' },
          birthdate: '1988-05-19',
          email: 'lukas.brandtner@example.at',
          phone: '+43 660 555 0112',
          fields: {
            name: { first: 'Lukas', last: 'Brandtner' },
            birthdate: '1988-05-19',
            emailAddress: 'lukas.brandtner@example.at',
            phoneNumber: '+43 660 555 0112',
          },
        },
        why: 'A blocklist removes the matching attributes and nested fields from the payload (any key inflection) and the relationship allowlist can drop relationships entirely: what is missing was not sent, so the earlier values stay; the phone that was sent replaces the old one.',
      },
    ],
  },

  // 19 ─ the Events API's shape: attributes {}.
  {
    name: 'account.tag-added whose payload account has attributes {} (as List all Events shows it, or a /data/attributes/* blocklist leaves it): nothing is cleared',
    vendor: 'persona',
    docs: [D.listEvents, D.blocklist],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('empty-created'),
          'account.created',
          '2025-10-05T07:07:07.070Z',
          account(ACT_EMPTY_ATTRS, '2025-10-05T07:07:07.000Z', {
            'reference-id': 'usr_40404',
            'account-status': 'Active',
            fields: identityFields(amara),
            tags: ['pep-screened'],
          }),
        ),
      },
      {
        body: event(evt('empty-tag-added'), 'account.tag-added', '2025-10-05T07:30:00.300Z', {
          type: 'account',
          id: ACT_EMPTY_ATTRS,
          attributes: {},
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_EMPTY_ATTRS,
        state: {
          version: 2,
          tags: ['pep-screened'],
          referenceId: 'usr_40404',
          status: 'active',
          email: 'amara.eze@example.ng',
          fields: { emailAddress: 'amara.eze@example.ng' },
        },
        why: 'The Events API lists account.tag-added with a payload whose account attributes are {}; an attribute that is not there was not sent, so tags, fields and status keep their values, and the event still counts.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_EMPTY_ATTRS,
        types: ['account.tag-added', 'account.created'],
        why: "Both events are on the account's timeline.",
      },
    ],
  },

  // 20 ─ a continuous report run against the account (no inquiry).
  {
    name: 'report/watchlist.ready then .matched for a report with inquiry {} and an account relationship: routed to the account (counts in its version and timeline)',
    vendor: 'persona',
    docs: [D.report, D.accounts, D.routing, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('report-account-created'),
          'account.created',
          '2025-10-02T09:00:00.000Z',
          account(ACT_REPORT, '2025-10-02T09:00:00.000Z', {
            'reference-id': 'usr_66001',
            fields: identityFields(lukas),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('report-ready'),
          'report/watchlist.ready',
          '2025-10-02T09:00:04.512Z',
          watchlistReport('2025-10-02T09:00:04.000Z', false),
        ),
      },
      {
        body: event(
          evt('report-matched'),
          'report/watchlist.matched',
          '2025-11-02T09:00:06.031Z',
          watchlistReport('2025-11-02T09:00:06.000Z', true),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_REPORT,
        state: {
          version: 3,
          redacted: false,
          name: { first: 'Lukas', middle: null, last: 'Brandtner' },
          email: 'lukas.brandtner@example.at',
        },
        why: "A report created against an account has no inquiry (relationship {}) and names the account; its events belong on the account's stream and count in its version; the report's own search inputs (name-first, term) are the report's, not the account's identity.",
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_REPORT,
        types: ['report/watchlist.matched', 'report/watchlist.ready', 'account.created'],
        why: "A continuous report runs again at intervals; each run's event shows on the account.",
      },
    ],
  },
];
