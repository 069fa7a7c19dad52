/**
 * Persona ACCOUNT events, one fixture per documented payload shape, with the account state the docs
 * imply. Bodies are written for this project in the documented shape (kebab-case keys, Persona's
 * default inflection); values are invented. Doc paths are relative to the mirror's
 * reference/persona/ (docs/…) unless a URL is given.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  eventIds,
  event,
  str,
  date,
  hash,
  arr,
  type Person,
  identityFields,
  account,
} from './support/account-case.js';

const evt = eventIds('account-lifecycle');

// ---- documents ------------------------------------------------------------------------------

const D = {
  created:
    'Account created webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-created.md)',
  retrieve: 'Retrieve an Account (docs/api-reference/accounts/retrieve-an-account.md)',
  runAction:
    'Run an account action: "fields is not key inflected" (docs/api-reference/accounts/run-account-action.md)',
  changelog20251027:
    'API changelog 2025-10-27: PII only in data.attributes.fields, field keys not inflected (docs/api-reference/versioning/api-changelog/2025/10/27.md)',
  changelog20230508:
    'API changelog 2023-05-08: Account details in fields (docs/api-reference/versioning/api-changelog/2023/5/8.md)',
  vendorFacts: 'Field entries may lack a value key (shared/vendor-facts.md, Persona webhooks)',
  payloadGuide:
    'Understanding a Persona API payload: account statuses live in account-status (docs/integration-guide-understanding-a-persona-api-payload.md)',
  accountStatuses:
    'Help: Creating and setting custom Account Statuses (help/articles/6W3ySuKOa8ez3CEbZYHdcj.md)',
  events: 'Events list (docs/events.md; shared/seeds/persona-events.txt)',
  tagAdded:
    'Account tag added webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-tag-added.md)',
  tagRemoved:
    'Account tag removed webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-tag-removed.md)',
  setTags: 'Set tags on an Account (docs/api-reference/accounts/set-all-tags.md)',
  archived:
    'Account archived webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-archived.md)',
  restored:
    'Account restored webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-restored.md; its example is an inquiry payload, a doc error)',
  consolidated:
    'Account consolidated webhook (docs/api-reference/webhooks/webhooks-account-events/webhook-account-consolidated.md)',
  consolidate:
    'Consolidate Accounts: source archived, attributes not transferred (https://docs.withpersona.com/2020-05-18/api-reference/accounts/consolidate-into-an-account.md)',
  consolidatedWith:
    'Account consolidated with webhook (https://docs.withpersona.com/2022-09-01/api-reference/webhooks/account-events/webhook-account-consolidated-with)',
  relationContext2026:
    'API changelog 2026-01-12: event context with relation-schema-key and target-account-id (docs/api-reference/versioning/api-changelog/2026/1/12.md)',
  relationContext202603:
    'API changelog 2026-03-30: related-account-id / related-txn-id in relation event contexts (https://docs.withpersona.com/2021-05-14/api-reference/versioning/changelog/2026/3/30.md)',
  addedRelation:
    'Account added relation webhook (https://docs.withpersona.com/2022-09-01/api-reference/webhooks/account-events/webhook-account-added-relation)',
  removedRelation:
    'Account removed relation webhook (https://docs.withpersona.com/2021-05-14/api-reference/webhooks/account-events/webhook-account-removed-relation)',
};

// ---- people (invented) ------------------------------------------------------------------------

const marisol: Person = {
  first: 'Marisol',
  middle: 'Inés',
  last: 'Okafor',
  street1: '48 Quarry Lane',
  street2: null,
  city: 'Portland',
  subdivision: 'Oregon',
  postalCode: '97214',
  countryCode: 'US',
  birthdate: '1987-03-14',
  phone: '+1 503 555 0142',
  email: 'marisol.okafor@example.net',
  ids: [
    { cls: 'pp', number: 'X48219377', country: 'US' },
    { cls: 'dl', number: 'OR7730215', country: 'US' },
  ],
};

const priya: Person = {
  first: 'Priya',
  middle: 'Lakshmi',
  last: 'Raghunathan',
  street1: '2201 Alder Street',
  street2: 'Apt 5B',
  city: 'Austin',
  subdivision: 'Texas',
  postalCode: '78702',
  countryCode: 'US',
  birthdate: '1992-08-27',
  phone: '+1 512 555 0199',
  email: 'priya.r@example.com',
  ids: [],
};

const joaquin: Person = {
  first: 'Joaquín',
  middle: null,
  last: 'Restrepo Vélez',
  street1: 'Carrera 7 # 71-21',
  street2: 'Torre B',
  city: 'Bogotá',
  subdivision: 'Cundinamarca',
  postalCode: '110231',
  countryCode: 'CO',
  birthdate: '1983-01-09',
  phone: '+57 601 555 0177',
  email: 'joaquin.restrepo@example.co',
  ids: [{ cls: 'cct', number: 'C79412266', country: 'CO' }],
};

const hana: Person = {
  first: 'Hana',
  middle: null,
  last: 'Kowalczyk',
  street1: 'ul. Długa 14',
  street2: 'm. 3',
  city: 'Gdańsk',
  subdivision: 'Pomorskie',
  postalCode: '80-827',
  countryCode: 'PL',
  birthdate: '1995-06-30',
  phone: '+48 58 555 0123',
  email: 'hana.kowalczyk@example.pl',
  ids: [],
};

// ---- accounts ---------------------------------------------------------------------------------

const ACT_CREATED = 'act_BjsninQZBUZYTJVvSd7JwUnp';
const ACT_API_SHAPE = 'act_ZaDkRtW7uu2et7NBmYsxCCei';
const ACT_UPDATED_FIELDS = 'act_P7YFhv7me8BLCfQ8MeYBcGhR';
const ACT_ACCOUNT_STATUS = 'act_5y8Kkgoj5UrKqNqYV9jEotV3';
const ACT_STATUS_ATTR = 'act_G57TEJP8fLfBPQa4jws4BWt7';
const ACT_TAGS = 'act_b8Cmx3pAFFt6DSjCoEHX99W4';
const ACT_ARCHIVE = 'act_AB4eBe4FSc4m9piZsT7CzLin';
const ACT_SOURCE = 'act_KZkCNSZ6BZGnm3cQnpZ7Bi8n';
const ACT_DESTINATION = 'act_zi6dD5psPwXqJvswobKBKgAE';
const ACT_BUSINESS = 'act_T4vb6aNAqE4roJZqudKY7X8k';
const ACT_OWNER = 'act_CtxihcejwMbvyXBxkoRtYw7H';
const ACT_HOUSEHOLD = 'act_BbvFAVGykDVUPNpfshKszQdU';
const ACT_MEMBER = 'act_VfNEmF2pJ7k22HAcma7U9dRz';
const TXN_FUNDING = 'txn_WjYRshAHfC3Z5WdXwgrEkjW6cWeh';
const ACTTP_INDIVIDUAL = 'acttp_HgxA6sP6YEHo6RXACqcxZ2FL';

export const fixtures: VendorDocFixture[] = [
  // 1 ─ account.created exactly as its webhook page shapes it (2025-12-08).
  {
    name: 'account.created (2025-12-08 webhook page): identity only in typed fields — name/address hashes, birthdate, phone_number, email_address, identification_numbers',
    vendor: 'persona',
    docs: [D.created, D.changelog20251027, D.runAction],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('created-1'),
          'account.created',
          '2025-11-03T09:14:22.481Z',
          account(ACT_CREATED, '2025-11-03T09:14:21.000Z', {
            'reference-id': 'usr_48213',
            fields: identityFields(marisol),
            tags: ['vip', 'beta-tester'],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_CREATED,
        state: {
          version: 1,
          referenceId: 'usr_48213',
          name: { first: 'Marisol', middle: 'Inés', last: 'Okafor' },
          birthdate: '1987-03-14',
          address: {
            street1: '48 Quarry Lane',
            street2: null,
            city: 'Portland',
            subdivision: 'Oregon',
            postalCode: '97214',
            countryCode: 'US',
          },
          email: 'marisol.okafor@example.net',
          phone: '+1 503 555 0142',
          archived: false,
          redacted: false,
          redactedAt: null,
        },
        why: 'The account.created page carries the account with reference-id and the identity only in fields: name is a hash of first/middle/last, address a hash of street_1…country_code, plus birthdate, phone_number, email_address (2025-10-27 removed the top-level PII attributes from the Account response); redacted-at is null.',
      },
      {
        kind: 'account',
        id: ACT_CREATED,
        state: {
          tags: ['beta-tester', 'vip'],
          fields: {
            name: { first: 'Marisol', middle: 'Inés', last: 'Okafor' },
            address: {
              street1: '48 Quarry Lane',
              street2: null,
              subdivision: 'Oregon',
              city: 'Portland',
              postalCode: '97214',
              countryCode: 'US',
            },
            identificationNumbers: [
              { identificationClass: 'pp', identificationNumber: 'X48219377', issuingCountry: 'US' },
              { identificationClass: 'dl', identificationNumber: 'OR7730215', issuingCountry: 'US' },
            ],
            birthdate: '1987-03-14',
            phoneNumber: '+1 503 555 0142',
            emailAddress: 'marisol.okafor@example.net',
            selfiePhoto: null,
          },
        },
        why: 'Account fields are typed {type, value} entries (hash values nest typed entries, array values list them); the plain values are the state, and selfie_photo is a file entry whose value is null. Tags are the attribute `tags` as sent.',
      },
    ],
  },

  // 2 ─ the API resource shape (retrieve/create): account-type-name, account-type relationship,
  //     and entries with no value key at all.
  {
    name: 'account resource as the API pages show it (account-type-name, account-type relationship, typed entries with no value key) delivered as account.created',
    vendor: 'persona',
    docs: [D.retrieve, D.vendorFacts, D.changelog20251027],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('api-shape-1'),
          'account.created',
          '2025-11-04T16:02:10.117Z',
          account(
            ACT_API_SHAPE,
            '2025-11-04T16:02:09.000Z',
            {
              'reference-id': 'member-00917',
              'account-type-name': 'Individual',
              fields: {
                name: hash({ first: str('Tomasz'), middle: { type: 'string' }, last: str('Wierzbicki') }),
                address: hash({
                  street_1: str('17 Harrow Road'),
                  street_2: str('Flat 3'),
                  subdivision: str('England'),
                  city: str('London'),
                  postal_code: str('W2 5EU'),
                  country_code: str('GB'),
                }),
                identification_numbers: arr([]),
                birthdate: date('1979-11-02'),
                phone_number: str('+44 20 7946 0831'),
                email_address: str('t.wierzbicki@example.org'),
                selfie_photo: { type: 'file' },
                loyalty_tier: str('gold'),
              },
              tags: [],
            },
            { 'account-type': { data: { id: ACTTP_INDIVIDUAL, type: 'account-type' } } },
          ),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_API_SHAPE,
        state: {
          accountType: 'Individual',
          referenceId: 'member-00917',
          name: { first: 'Tomasz', middle: null, last: 'Wierzbicki' },
          address: {
            street1: '17 Harrow Road',
            street2: 'Flat 3',
            city: 'London',
            subdivision: 'England',
            postalCode: 'W2 5EU',
            countryCode: 'GB',
          },
          birthdate: '1979-11-02',
          email: 't.wierzbicki@example.org',
          phone: '+44 20 7946 0831',
          tags: [],
        },
        why: 'The Account resource names its type in account-type-name; an entry sent as {"type": "string"} with no value key (as street_2 and selfie_photo are on the retrieve page) means no value, so the middle name is null.',
      },
      {
        kind: 'account',
        id: ACT_API_SHAPE,
        state: {
          fields: {
            name: { first: 'Tomasz', middle: null, last: 'Wierzbicki' },
            identificationNumbers: [],
            selfiePhoto: null,
            loyaltyTier: 'gold',
          },
        },
        why: "Entries without a value key read as null; an array entry with an empty value is an empty list; fields other than the Persona-provided ones (an account type's own fields) are kept by name like the rest.",
      },
    ],
  },

  // 3 ─ account.updated-fields: the resource as it is after the update.
  {
    name: 'account.updated-fields: the account sent whole after the update; an entry that lost its value ({"type":"string"}) clears it, changed entries replace',
    vendor: 'persona',
    docs: [D.events, D.retrieve, D.vendorFacts],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('updated-fields-created'),
          'account.created',
          '2025-11-05T10:00:01.250Z',
          account(ACT_UPDATED_FIELDS, '2025-11-05T10:00:00.000Z', {
            'reference-id': 'usr_77310',
            fields: identityFields(priya),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('updated-fields-update'),
          'account.updated-fields',
          '2025-11-12T14:31:07.902Z',
          account(ACT_UPDATED_FIELDS, '2025-11-12T14:31:07.000Z', {
            'reference-id': 'usr_77310',
            fields: {
              ...identityFields(priya),
              phone_number: { type: 'string' },
              email_address: str('p.raghunathan@example.org'),
            },
            tags: [],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_UPDATED_FIELDS,
        state: {
          version: 2,
          email: 'p.raghunathan@example.org',
          phone: null,
          name: { first: 'Priya', middle: 'Lakshmi', last: 'Raghunathan' },
          birthdate: '1992-08-27',
          address: { street1: '2201 Alder Street', street2: 'Apt 5B', city: 'Austin', postalCode: '78702' },
          fields: { emailAddress: 'p.raghunathan@example.org', phoneNumber: null },
        },
        why: 'account.updated-fields occurs when fields are updated and carries the account as it is after the update; an entry with no value key is null (so the phone is cleared), the changed email replaces the old one, and unchanged entries stay.',
      },
      {
        kind: 'account',
        id: ACT_UPDATED_FIELDS,
        asOf: '2025-11-10T00:00:00.000Z',
        state: { version: 1, email: 'priya.r@example.com', phone: '+1 512 555 0199' },
        why: 'Before the update (by created-at) the account had the values account.created sent.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_UPDATED_FIELDS,
        types: ['account.updated-fields', 'account.created'],
        changes: [
          { eventId: evt('updated-fields-update'), path: 'email', after: 'p.raghunathan@example.org' },
          { eventId: evt('updated-fields-update'), path: 'phone', after: null },
        ],
        why: 'The update event changed the email and cleared the phone.',
      },
    ],
  },

  // 4 ─ account-status (the attribute the payload guide names) and account.status-updated.
  {
    name: 'account.status-updated with the account-status attribute (customer-defined labels such as "Pending Review", "Confirmed Fraud")',
    vendor: 'persona',
    docs: [D.payloadGuide, D.accountStatuses, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('account-status-created'),
          'account.created',
          '2025-11-06T08:45:00.510Z',
          account(ACT_ACCOUNT_STATUS, '2025-11-06T08:45:00.000Z', {
            'reference-id': 'usr_30187',
            'account-status': 'Pending Review',
            fields: identityFields(joaquin),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('account-status-updated'),
          'account.status-updated',
          '2025-11-08T19:12:44.006Z',
          account(ACT_ACCOUNT_STATUS, '2025-11-08T19:12:43.000Z', {
            'reference-id': 'usr_30187',
            'account-status': 'Confirmed Fraud',
            fields: identityFields(joaquin),
            tags: [],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_ACCOUNT_STATUS,
        version: 1,
        state: { status: 'pending_review', statusLabel: 'Pending Review' },
        why: 'Account statuses are stored in the account-status attribute and are customer-defined per account type (e.g. Pending review, Confirmed Fraud); status compares by key, the label is kept as sent.',
      },
      {
        kind: 'account',
        id: ACT_ACCOUNT_STATUS,
        state: { version: 2, status: 'confirmed_fraud', statusLabel: 'Confirmed Fraud' },
        why: "account.status-updated occurs when the account's status is updated; the payload's account-status is the new status. An account has one status at a time.",
      },
    ],
  },

  // 5 ─ the other reading: a plain `status` attribute.
  {
    name: 'account.status-updated carrying a plain status attribute (build for both readings: account-status and status)',
    vendor: 'persona',
    docs: [
      D.events,
      D.payloadGuide,
      'Run an account action: parameters.status (docs/api-reference/accounts/run-account-action.md)',
    ],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('status-attr-created'),
          'account.created',
          '2025-11-07T07:30:12.300Z',
          account(ACT_STATUS_ATTR, '2025-11-07T07:30:12.000Z', {
            'reference-id': 'usr_55022',
            status: 'ACTIVE',
            fields: identityFields(hana),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('status-attr-updated'),
          'account.status-updated',
          '2025-11-09T12:00:03.771Z',
          account(ACT_STATUS_ATTR, '2025-11-09T12:00:03.000Z', {
            'reference-id': 'usr_55022',
            status: 'Frozen',
            fields: identityFields(hana),
            tags: [],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_STATUS_ATTR,
        version: 1,
        state: { status: 'active', statusLabel: 'ACTIVE' },
        why: 'The status attribute name is not pinned by the account pages (the payload guide says account-status, the events say "status"); read either. Customer-defined spelling is kept as sent.',
      },
      {
        kind: 'account',
        id: ACT_STATUS_ATTR,
        state: { status: 'frozen', statusLabel: 'Frozen' },
        why: 'account.status-updated sets the new status.',
      },
    ],
  },

  // 6 ─ tags: tag-added / tag-removed carry the account with its whole tag list; updated-tags too.
  {
    name: 'account.tag-added, account.tag-removed, account.updated-tags: the payload is the account with its tags after the change',
    vendor: 'persona',
    docs: [D.tagAdded, D.tagRemoved, D.setTags, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('tags-created'),
          'account.created',
          '2025-11-10T09:00:00.100Z',
          account(ACT_TAGS, '2025-11-10T09:00:00.000Z', {
            'reference-id': 'usr_61550',
            fields: identityFields(priya),
            tags: ['onboarding'],
          }),
        ),
      },
      {
        body: event(
          evt('tags-added'),
          'account.tag-added',
          '2025-11-10T09:05:31.418Z',
          account(ACT_TAGS, '2025-11-10T09:05:31.000Z', {
            'reference-id': 'usr_61550',
            fields: identityFields(priya),
            tags: ['onboarding', 'manual-review'],
          }),
        ),
      },
      {
        body: event(
          evt('tags-removed'),
          'account.tag-removed',
          '2025-11-11T10:40:02.664Z',
          account(ACT_TAGS, '2025-11-11T10:40:02.000Z', {
            'reference-id': 'usr_61550',
            fields: identityFields(priya),
            tags: ['manual-review'],
          }),
        ),
      },
      {
        body: event(
          evt('tags-set'),
          'account.updated-tags',
          '2025-11-12T16:20:59.020Z',
          account(ACT_TAGS, '2025-11-12T16:20:59.000Z', {
            'reference-id': 'usr_61550',
            fields: identityFields(priya),
            tags: ['manual-review', 'high-risk', 'watchlist-hit'],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_TAGS,
        version: 2,
        state: { tags: ['manual-review', 'onboarding'] },
        why: "The account.tag-added page's payload is the Account resource itself (not the tag); its tags attribute lists every tag after the addition.",
      },
      {
        kind: 'account',
        id: ACT_TAGS,
        version: 3,
        state: { tags: ['manual-review'] },
        why: 'account.tag-removed likewise carries the account with the remaining tags.',
      },
      {
        kind: 'account',
        id: ACT_TAGS,
        state: { version: 4, tags: ['high-risk', 'manual-review', 'watchlist-hit'] },
        why: "account.updated-tags occurs when the tags are updated (e.g. set-tags replaces them all); the account's tags are the new set.",
      },
    ],
  },

  // 7 ─ archive and restore.
  {
    name: 'account.archived then account.restored (un-archived): archived true, then false; the past state keeps the archive',
    vendor: 'persona',
    docs: [D.archived, D.restored, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('archive-created'),
          'account.created',
          '2025-11-13T11:11:11.111Z',
          account(ACT_ARCHIVE, '2025-11-13T11:11:11.000Z', {
            'reference-id': 'usr_12009',
            fields: identityFields(joaquin),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('archive-archived'),
          'account.archived',
          '2025-11-20T08:00:00.200Z',
          account(ACT_ARCHIVE, '2025-11-20T08:00:00.000Z', {
            'reference-id': 'usr_12009',
            fields: identityFields(joaquin),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('archive-restored'),
          'account.restored',
          '2025-11-27T08:00:00.300Z',
          account(ACT_ARCHIVE, '2025-11-27T08:00:00.000Z', {
            'reference-id': 'usr_12009',
            fields: identityFields(joaquin),
            tags: [],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_ARCHIVE,
        asOf: '2025-11-21T00:00:00.000Z',
        state: { version: 2, archived: true },
        why: 'account.archived occurs whenever an account is archived.',
      },
      {
        kind: 'account',
        id: ACT_ARCHIVE,
        state: { version: 3, archived: false, referenceId: 'usr_12009' },
        why: 'account.restored occurs whenever an account is un-archived.',
      },
    ],
    timelines: [
      {
        kind: 'account',
        id: ACT_ARCHIVE,
        types: ['account.restored', 'account.archived', 'account.created'],
        why: 'Three events on the account, newest first.',
      },
    ],
  },

  // 8 ─ consolidation: one event on the source, one on the destination.
  {
    name: 'account.consolidated on the source and account.consolidated-with on the destination (payloads are each account itself, as the consolidated page shows)',
    vendor: 'persona',
    docs: [D.consolidated, D.consolidatedWith, D.consolidate, D.events],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('consolidate-source-created'),
          'account.created',
          '2025-11-14T10:00:00.400Z',
          account(ACT_SOURCE, '2025-11-14T10:00:00.000Z', {
            'reference-id': 'usr_90001-dup',
            fields: identityFields({ ...marisol, email: 'm.okafor.old@example.net' }),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('consolidate-destination-created'),
          'account.created',
          '2025-11-14T10:02:00.400Z',
          account(ACT_DESTINATION, '2025-11-14T10:02:00.000Z', {
            'reference-id': 'usr_90001',
            fields: identityFields(marisol),
            tags: ['primary'],
          }),
        ),
      },
      {
        body: event(
          evt('consolidate-source-consolidated'),
          'account.consolidated',
          '2025-11-18T15:45:10.010Z',
          account(ACT_SOURCE, '2025-11-18T15:45:10.000Z', {
            'reference-id': 'usr_90001-dup',
            fields: identityFields({ ...marisol, email: 'm.okafor.old@example.net' }),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('consolidate-destination-with'),
          'account.consolidated-with',
          '2025-11-18T15:45:10.220Z',
          account(ACT_DESTINATION, '2025-11-18T15:45:10.000Z', {
            'reference-id': 'usr_90001',
            fields: identityFields(marisol),
            tags: ['primary'],
          }),
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_SOURCE,
        state: { version: 2, archived: true, email: 'm.okafor.old@example.net' },
        why: 'account.consolidated occurs when the account was combined into another; the consolidate endpoint says a source account can be consolidated once and is then archived and unusable (build for both readings: whether or not an account.archived event follows).',
      },
      {
        kind: 'account',
        id: ACT_DESTINATION,
        state: {
          version: 2,
          archived: false,
          email: 'marisol.okafor@example.net',
          referenceId: 'usr_90001',
          tags: ['primary'],
        },
        why: "account.consolidated-with fires on the primary account that receives the other account's resources; the accounts' attributes are NOT transferred, so the destination keeps its own fields and reference id.",
      },
    ],
  },

  // 9 ─ relations: the related object is named by the event's context (target-account-id).
  {
    name: 'account.added-relation / account.removed-relation with the event context naming the other account (relation-schema-key, target-account-id)',
    vendor: 'persona',
    docs: [D.relationContext2026, D.addedRelation, D.removedRelation],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('relation-business-created'),
          'account.created',
          '2025-12-01T09:00:00.500Z',
          account(ACT_BUSINESS, '2025-12-01T09:00:00.000Z', {
            'reference-id': 'biz_4410',
            'account-type-name': 'Business',
            fields: {},
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('relation-added'),
          'account.added-relation',
          '2025-12-02T13:14:15.161Z',
          account(ACT_BUSINESS, '2025-12-02T13:14:15.000Z', {
            'reference-id': 'biz_4410',
            'account-type-name': 'Business',
            fields: {},
            tags: [],
          }),
          { context: { 'relation-schema-key': 'beneficial_owner', 'target-account-id': ACT_OWNER } },
        ),
      },
      {
        body: event(
          evt('relation-removed'),
          'account.removed-relation',
          '2025-12-09T13:14:15.555Z',
          account(ACT_BUSINESS, '2025-12-09T13:14:15.000Z', {
            'reference-id': 'biz_4410',
            'account-type-name': 'Business',
            fields: {},
            tags: [],
          }),
          { context: { 'relation-schema-key': 'beneficial_owner', 'target-account-id': ACT_OWNER } },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_BUSINESS,
        version: 2,
        state: { relations: [{ type: 'account', id: ACT_OWNER }] },
        why: "account.added-relation fires when a relation is added between this account and another object; the related object is identified by the event's context (relation-schema-key, target-account-id), not by the payload resource, which is this account.",
      },
      {
        kind: 'account',
        id: ACT_BUSINESS,
        state: { version: 3, relations: [], accountType: 'Business' },
        why: 'account.removed-relation removes the relation the context names.',
      },
    ],
  },

  // 10 ─ relations, the later wording: related-account-id, related-txn-id.
  {
    name: 'account.added-relation with context related-account-id and, for a transaction, related-txn-id (build for both readings of the context key)',
    vendor: 'persona',
    docs: [D.relationContext202603, D.relationContext2026, D.addedRelation],
    apiVersion: '2025-12-08',
    deliveries: [
      {
        body: event(
          evt('household-created'),
          'account.created',
          '2025-12-03T08:00:00.050Z',
          account(ACT_HOUSEHOLD, '2025-12-03T08:00:00.000Z', {
            'reference-id': 'usr_70412',
            fields: identityFields(hana),
            tags: [],
          }),
        ),
      },
      {
        body: event(
          evt('household-related-account'),
          'account.added-relation',
          '2025-12-03T08:30:00.900Z',
          account(ACT_HOUSEHOLD, '2025-12-03T08:30:00.000Z', {
            'reference-id': 'usr_70412',
            fields: identityFields(hana),
            tags: [],
          }),
          { context: { 'relation-schema-key': 'household_member', 'related-account-id': ACT_MEMBER } },
        ),
      },
      {
        body: event(
          evt('household-related-txn'),
          'account.added-relation',
          '2025-12-04T17:02:45.310Z',
          account(ACT_HOUSEHOLD, '2025-12-04T17:02:45.000Z', {
            'reference-id': 'usr_70412',
            fields: identityFields(hana),
            tags: [],
          }),
          { context: { 'relation-schema-key': 'funding_transfer', 'related-txn-id': TXN_FUNDING } },
        ),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_HOUSEHOLD,
        state: {
          version: 3,
          relations: [
            { type: 'account', id: ACT_MEMBER },
            { type: 'transaction', id: TXN_FUNDING },
          ],
        },
        why: 'Relation events send related-account-id in their context, and related-txn-id when the relation points to a Transaction (relations link an account to another account or a transaction).',
      },
    ],
  },
];
