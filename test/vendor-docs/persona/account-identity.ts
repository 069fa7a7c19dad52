/**
 * Persona ACCOUNT identity in older dated API versions: the deprecated top-level identity
 * attributes (name-first, address-street-1, …) and kebab-inflected field keys, versus the typed
 * `fields` of 2025-10-27 and later (see account-lifecycle.ts). Bodies are written for this project in
 * the documented shape; values are invented. Doc paths are relative to the mirror's reference/persona/.
 */
import type { VendorDocFixture } from '../fixture.js';
import { eventIds, event, str, date, hash, arr, file } from './support/account-case.js';

const evt = eventIds('account-identity');

const D = {
  changelog20251027:
    'API changelog 2025-10-27: Persona-provided PII fields only in data.attributes.fields; field keys no longer inflected (docs/api-reference/versioning/api-changelog/2025/10/27.md)',
  changelog20230508:
    'API changelog 2023-05-08: Accounts gain a fields object; prefer it to attributes (docs/api-reference/versioning/api-changelog/2023/5/8.md)',
  txnIncludedAccount:
    'Retrieve a Transaction: the included account has kebab-inflected field keys (street-1, postal-code, identification-numbers) and a top-level country-code (docs/api-reference/transactions/retrieve-a-transaction.md)',
  inquiryFields:
    'Inquiry webhook pages: top-level style identity names name-first, address-street-1, email-address, phone-number (docs/api-reference/webhooks/webhooks-inquiry-events/webhook-inquiry-created.md)',
  versioning:
    'Versioning: every webhook is pinned to a dated API version (docs/webhooks.md "Versioning"; docs/versioning.md)',
};

const ACT_V2023_BOTH = 'act_7SrMNoQsDQwkrLMJQrtX7zW7';
const ACT_V2023_TOP_LEVEL = 'act_9mN8oPJFdX2r3Vj7qz2JbDu4';

export const fixtures: VendorDocFixture[] = [
  // 11 ─ 2023-01-05 after May 2023: both the deprecated top-level attributes and kebab-keyed fields.
  {
    name: 'account.created in API 2023-01-05 (after 2023-05-08): deprecated top-level identity attributes beside fields whose keys are kebab-inflected (street-1, postal-code, phone-number)',
    vendor: 'persona',
    docs: [D.changelog20230508, D.changelog20251027, D.txnIncludedAccount, D.versioning],
    apiVersion: '2023-01-05',
    deliveries: [
      {
        body: event(evt('both-created'), 'account.created', '2024-03-11T05:20:41.733Z', {
          type: 'account',
          id: ACT_V2023_BOTH,
          attributes: {
            'reference-id': 'jp-cust-2231',
            'created-at': '2024-03-11T05:20:41.000Z',
            'updated-at': '2024-03-11T05:20:41.000Z',
            'redacted-at': null,
            'name-first': 'Aiko',
            'name-middle': null,
            'name-last': 'Nakamura',
            birthdate: '1990-04-18',
            'address-street-1': '3-14-2 Nishi-Shinjuku',
            'address-street-2': 'Park Tower 12F',
            'address-city': 'Shinjuku-ku',
            'address-subdivision': 'Tokyo',
            'address-postal-code': '160-0023',
            'address-country-code': 'JP',
            'country-code': 'JP',
            'phone-number': '+81 3 5555 0164',
            'email-address': 'aiko.nakamura@example.jp',
            fields: {
              name: hash({ first: str('Aiko'), middle: str(null), last: str('Nakamura') }),
              address: hash({
                'street-1': str('3-14-2 Nishi-Shinjuku'),
                'street-2': str('Park Tower 12F'),
                subdivision: str('Tokyo'),
                city: str('Shinjuku-ku'),
                'postal-code': str('160-0023'),
                'country-code': str('JP'),
              }),
              'identification-numbers': arr([
                hash({
                  'identification-class': str('pp'),
                  'identification-number': str('TR5521873'),
                  'issuing-country': str('JP'),
                }),
              ]),
              birthdate: date('1990-04-18'),
              'phone-number': str('+81 3 5555 0164'),
              'email-address': str('aiko.nakamura@example.jp'),
              'selfie-photo': file(null),
            },
            tags: [],
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_V2023_BOTH,
        state: {
          version: 1,
          referenceId: 'jp-cust-2231',
          name: { first: 'Aiko', middle: null, last: 'Nakamura' },
          birthdate: '1990-04-18',
          address: {
            street1: '3-14-2 Nishi-Shinjuku',
            street2: 'Park Tower 12F',
            city: 'Shinjuku-ku',
            subdivision: 'Tokyo',
            postalCode: '160-0023',
            countryCode: 'JP',
          },
          email: 'aiko.nakamura@example.jp',
          phone: '+81 3 5555 0164',
        },
        why: 'Before 2025-10-27 the Account response still carried Persona-provided PII at the top level next to fields (added 2023-05-08); both say the same person, so the identity is theirs.',
      },
      {
        kind: 'account',
        id: ACT_V2023_BOTH,
        state: {
          fields: {
            address: { street1: '3-14-2 Nishi-Shinjuku', postalCode: '160-0023', countryCode: 'JP' },
            identificationNumbers: [
              { identificationClass: 'pp', identificationNumber: 'TR5521873', issuingCountry: 'JP' },
            ],
            phoneNumber: '+81 3 5555 0164',
            emailAddress: 'aiko.nakamura@example.jp',
          },
        },
        why: "Before 2025-10-27 field keys were key-inflected like the rest of the payload (the transaction page's included account shows street-1, postal-code, identification-numbers); they are the same fields as the snake_case keys of later versions.",
      },
    ],
  },

  // 12 ─ 2023-01-05 before May 2023: no fields object at all.
  {
    name: 'account.created in API 2023-01-05 before accounts had fields (pre 2023-05-08): identity only in the deprecated top-level attributes',
    vendor: 'persona',
    docs: [D.changelog20230508, D.inquiryFields, D.versioning],
    apiVersion: '2023-01-05',
    deliveries: [
      {
        body: event(evt('top-level-created'), 'account.created', '2023-03-02T22:08:19.404Z', {
          type: 'account',
          id: ACT_V2023_TOP_LEVEL,
          attributes: {
            'reference-id': 'u-118204',
            'created-at': '2023-03-02T22:08:19.000Z',
            'updated-at': '2023-03-02T22:08:19.000Z',
            'name-first': 'Dmitri',
            'name-middle': 'Olegovich',
            'name-last': 'Sokolov',
            birthdate: '1975-12-01',
            'address-street-1': '221 Garden Avenue',
            'address-street-2': null,
            'address-city': 'Jersey City',
            'address-subdivision': 'New Jersey',
            'address-postal-code': '07302',
            'address-country-code': 'US',
            'phone-number': '+1 201 555 0110',
            'email-address': 'dsokolov@example.com',
            tags: [],
          },
        }),
      },
    ],
    states: [
      {
        kind: 'account',
        id: ACT_V2023_TOP_LEVEL,
        state: {
          referenceId: 'u-118204',
          name: { first: 'Dmitri', middle: 'Olegovich', last: 'Sokolov' },
          birthdate: '1975-12-01',
          address: {
            street1: '221 Garden Avenue',
            street2: null,
            city: 'Jersey City',
            subdivision: 'New Jersey',
            postalCode: '07302',
            countryCode: 'US',
          },
          email: 'dsokolov@example.com',
          phone: '+1 201 555 0110',
        },
        why: 'Until 2023-05-08 account details (first name, last name, birthdate, …) were only attributes of the account; a webhook pinned to an old version may still send them there and no fields object.',
      },
    ],
  },
];
