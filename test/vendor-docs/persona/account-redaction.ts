/**
 * Persona ACCOUNT redaction: `account.redacted` with a non-null `redacted-at`, `reference-id`
 * nulled and fields emptied, arriving out of order; and the shape the account.redacted webhook page
 * actually shows (a copy of account.created, `redacted-at` null). Bodies are written for this
 * project in the documented shape; values are invented. Doc paths are relative to the mirror's
 * reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  type Json,
  eventIds,
  event,
  str,
  date,
  hash,
  arr,
  file,
  type Person,
  identityFields,
} from './support/account-case.js';

const evt = eventIds('account-redaction');

/** Fields after redaction: every value null, hashes keep their keys, arrays empty (as the transaction page's included account shows an account with no PII). */
const redactedFields: Json = {
  name: hash({ first: str(null), middle: str(null), last: str(null) }),
  address: hash({
    street_1: str(null),
    street_2: str(null),
    subdivision: str(null),
    city: str(null),
    postal_code: str(null),
    country_code: str(null),
  }),
  identification_numbers: arr([]),
  birthdate: date(null),
  phone_number: str(null),
  email_address: str(null),
  selfie_photo: file(null),
};

const D = {
  redactedPage:
    'Account redacted webhook — its example repeats the account.created payload, redacted-at null (docs/api-reference/webhooks/webhooks-account-events/webhook-account-redacted.md)',
  redactApi: 'Redact an Account (docs/api-reference/accounts/redact-an-account.md)',
  async:
    'API changelog 2024-04-29: related resources redacted asynchronously; account.redacted emitted only after all are redacted (docs/api-reference/versioning/api-changelog/2024/4/29.md)',
  vendorFacts:
    'Redaction: permanent, signalled by non-null redacted-at; PII, fields values and tags emptied; reference-id nulled when the account is redacted (shared/vendor-facts.md)',
  ordering: 'Order of received events: use created-at (docs/webhooks.md "Order of received events")',
  txnIncludedAccount:
    'Retrieve a Transaction: an account without PII has typed entries with null values (docs/api-reference/transactions/retrieve-a-transaction.md)',
};

const eleanor: Person = {
  first: 'Eleanor',
  middle: 'Mae',
  last: 'Fitzgerald-Osei',
  street1: '9 Canal Street',
  street2: null,
  city: 'Manchester',
  subdivision: 'England',
  postalCode: 'M1 3HE',
  countryCode: 'GB',
  birthdate: '1969-02-21',
  phone: '+44 161 555 0102',
  email: 'eleanor.fo@example.co.uk',
  ids: [{ cls: 'pp', number: 'GB5520913A', country: 'GB' }],
};

const rafael: Person = {
  first: 'Rafael',
  middle: 'Augusto',
  last: 'Moreira',
  street1: 'Rua Augusta 1508',
  street2: 'Conjunto 42',
  city: 'São Paulo',
  subdivision: 'SP',
  postalCode: '01304-001',
  countryCode: 'BR',
  birthdate: '1984-07-07',
  phone: '+55 11 5555 0138',
  email: 'rafael.moreira@example.com.br',
  ids: [{ cls: 'nid', number: '39105527784', country: 'BR' }],
};

const ACT_REDACTED = 'act_LAtrbA5jX98ZspsL4rXqhiBE';
const ACT_REDACTED_DOC_SHAPE = 'act_qxtph87GDoZDwucHpXoWiDNe';

export const fixtures: VendorDocFixture[] = [
  // 14 ─ redaction in the documented effect, delivered first although it happened last.
  {
    name: 'account.redacted (redacted-at set, reference-id null, fields values null, tags []) arriving before the account.created and account.updated-fields it follows; no past state shows the PII',
    vendor: 'persona',
    docs: [D.redactApi, D.async, D.vendorFacts, D.ordering, D.txnIncludedAccount],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(evt('redact-redacted'), 'account.redacted', '2025-12-20T17:05:12.640Z', {
          type: 'account',
          id: ACT_REDACTED,
          attributes: {
            'reference-id': null,
            'account-status': 'Active',
            'created-at': '2025-10-01T12:00:00.000Z',
            'updated-at': '2025-12-20T17:05:11.000Z',
            'redacted-at': '2025-12-20T17:05:11.000Z',
            fields: redactedFields,
            tags: [],
          },
        }),
      },
      {
        body: event(evt('redact-created'), 'account.created', '2025-10-01T12:00:00.250Z', {
          type: 'account',
          id: ACT_REDACTED,
          attributes: {
            'reference-id': 'cust_20931',
            'account-status': 'Active',
            'created-at': '2025-10-01T12:00:00.000Z',
            'updated-at': '2025-10-01T12:00:00.000Z',
            'redacted-at': null,
            fields: identityFields(eleanor),
            tags: ['kyc-passed'],
          },
        }),
      },
      {
        body: event(evt('redact-updated'), 'account.updated-fields', '2025-10-15T09:30:00.800Z', {
          type: 'account',
          id: ACT_REDACTED,
          attributes: {
            'reference-id': 'cust_20931',
            'account-status': 'Active',
            'created-at': '2025-10-01T12:00:00.000Z',
            'updated-at': '2025-10-15T09:30:00.000Z',
            'redacted-at': null,
            fields: identityFields({ ...eleanor, phone: '+44 161 555 0199' }),
            tags: ['kyc-passed'],
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_REDACTED,
        state: {
          version: 3,
          redacted: true,
          redactedAt: '2025-12-20T17:05:11.000Z',
          referenceId: null,
          tags: [],
          status: 'active',
          statusLabel: 'Active',
          name: null,
          birthdate: null,
          address: null,
          email: null,
          phone: null,
          fields: { emailAddress: null, phoneNumber: null, birthdate: null, identificationNumbers: [] },
        },
        why: 'A redacted account has a non-null redacted-at, a null reference-id, its PII and field values deleted and its tags emptied; statuses and times stay. Events fold in created-at order, so the redaction applies after the earlier-dated events that arrived later.',
      },
      {
        kind: 'account',
        id: ACT_REDACTED,
        version: 1,
        state: { version: 1, name: null, email: null, phone: null, referenceId: null },
        why: 'Redaction is permanent (the PII is deleted and cannot be restored): the state as of account.created must not show it again.',
      },
      {
        kind: 'account',
        id: ACT_REDACTED,
        asOf: '2025-11-01T00:00:00.000Z',
        state: { version: 2, phone: null, address: null },
        why: 'Likewise the state as of the fields update.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_REDACTED,
        types: ['account.redacted', 'account.updated-fields', 'account.created'],
        why: 'The timeline is in created-at order whatever the arrival order.',
      },
    ],
    absent: [
      {
        kind: 'account',
        id: ACT_REDACTED,
        values: [
          'Eleanor',
          'Fitzgerald-Osei',
          '9 Canal Street',
          'Manchester',
          'M1 3HE',
          '1969-02-21',
          '+44 161 555 0102',
          '+44 161 555 0199',
          'eleanor.fo@example.co.uk',
          'GB5520913A',
          'cust_20931',
        ],
        why: 'Persona redaction deletes the PII and the reference id for good; neither the current state, the past states nor the timeline may show them.',
      },
    ],
  },

  // 15 ─ the account.redacted page's own example: the payload still looks like account.created.
  {
    name: 'account.redacted as its webhook page shows it (payload identical to account.created: redacted-at null, PII present): the event itself redacts',
    vendor: 'persona',
    docs: [D.redactedPage, D.vendorFacts],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(evt('doc-shape-created'), 'account.created', '2025-09-02T06:40:10.330Z', {
          type: 'account',
          id: ACT_REDACTED_DOC_SHAPE,
          attributes: {
            'reference-id': 'br-77120',
            'created-at': '2025-09-02T06:40:10.000Z',
            'updated-at': '2025-09-02T06:40:10.000Z',
            'redacted-at': null,
            fields: identityFields(rafael),
            tags: ['tag1', 'tag2'],
          },
        }),
      },
      {
        body: event(evt('doc-shape-redacted'), 'account.redacted', '2025-12-01T00:15:41.902Z', {
          type: 'account',
          id: ACT_REDACTED_DOC_SHAPE,
          attributes: {
            'reference-id': 'br-77120',
            'created-at': '2025-09-02T06:40:10.000Z',
            'updated-at': '2025-09-02T06:40:10.000Z',
            'redacted-at': null,
            fields: identityFields(rafael),
            tags: ['tag1', 'tag2'],
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_REDACTED_DOC_SHAPE,
        state: {
          version: 2,
          redacted: true,
          referenceId: null,
          tags: [],
          name: null,
          email: null,
          phone: null,
          birthdate: null,
          address: null,
          fields: { emailAddress: null, phoneNumber: null },
        },
        why: "account.redacted occurs whenever an account is redacted (and only after its related objects are); the page's example payload is a copy of account.created, so build for both readings: the event name alone redacts, and the copy's PII, reference-id and tags must not be taken.",
      },
    ],
    absent: [
      {
        kind: 'account',
        id: ACT_REDACTED_DOC_SHAPE,
        values: [
          'Rafael',
          'Moreira',
          'Rua Augusta 1508',
          '01304-001',
          '1984-07-07',
          '+55 11 5555 0138',
          'rafael.moreira@example.com.br',
          '39105527784',
          'br-77120',
        ],
        why: "After redaction no state or timeline entry may show the account's PII or reference id.",
      },
    ],
  },
];
