/**
 * Where an inquiry's identity lives in Persona payloads, by API version:
 *   - 2025-10-27 and later: only in `fields` (Persona-provided PII fields removed from the top level;
 *     field keys no longer inflected, so they follow the template's spelling).
 *   - 2023-01-05: both in `fields` and in deprecated top-level attributes (name-first, birthdate,
 *     address-street-1, …, no address-country-code at the top level).
 * Plus field entries with no `value` key (read as null), explicit nulls, and every documented field
 * type. Names, addresses and ids are invented.
 */
import type { Body, VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  V2023,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  identityFieldValues,
  identityState,
  inquiryResource,
  legacyIdentityAttributes,
  next,
  pid,
  typedFields,
  v2023InquiryRelationships,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const AMARA: Person = {
  first: 'Amara',
  middle: 'Josephine',
  last: 'Chen-Whitfield',
  birthdate: '1995-06-30',
  street1: '310 Granite Way',
  street2: 'Unit 12',
  city: 'Austin',
  subdivision: 'Texas',
  postalCode: '78701',
  countryCode: 'US',
  email: 'amara.cw@example.test',
  phone: '+15125550199',
};

const RAVI: Person = {
  first: 'Ravi',
  middle: 'Anand',
  last: 'Subramaniam',
  birthdate: '1991-08-17',
  street1: '55 Cedar Court',
  street2: 'Suite 200',
  city: 'Raleigh',
  subdivision: 'North Carolina',
  postalCode: '27601',
  countryCode: 'US',
  email: 'ravi.s@example.test',
  phone: '+19195550110',
  identificationNumber: 'N7734021',
};

const GRETA: Person = {
  first: 'Greta',
  middle: null,
  last: 'Holm',
  birthdate: '1983-12-02',
  street1: 'Storgatan 14',
  street2: null,
  city: 'Malmö',
  subdivision: 'Skåne',
  postalCode: '211 42',
  countryCode: 'SE',
  email: 'greta.holm@example.test',
  phone: '+46405550188',
};

const TEMPLATE = pid('itmpl', 'identity-template');

/** The extra Persona-provided fields the 2023-01-05 response shows next to the identity ones. */
const V2023_EXTRA_FIELDS = typedFields({
  'current-government-id': ['government_id', null],
  'selected-country-code': ['string', 'US'],
  'selected-id-class': ['string', 'dl'],
  'identification-class': ['string', 'dl'],
  'social-security-number': ['string', null],
  'current-selfie': ['selfie', null],
});

// I1 ------------------------------------------------------------------------------------------
const I1 = pid('inq', 'I1-fields-only');
const I1_SNAP: InquirySnapshot = {
  id: I1,
  status: 'created',
  referenceId: 'usr-20931',
  times: { 'created-at': '2026-02-02T10:00:00.000Z' },
  nextStep: 'start',
  fields: typedFields(
    identityFieldSpec(AMARA, ['address-street-2', 'phone-number', 'identification-number']),
  ),
  relationships: currentInquiryRelationships({ accountId: pid('act', 'I1'), templateId: TEMPLATE }),
};

// I2 ------------------------------------------------------------------------------------------
const I2 = pid('inq', 'I2-v2023', 24);
const I2_SNAP: InquirySnapshot = {
  id: I2,
  status: 'created',
  referenceId: null,
  times: { 'created-at': '2026-02-03T10:00:00.000Z', 'expires-at': '2026-02-04T10:00:00.000Z' },
  nextStep: 'start_biometric_4c21aa_start',
  fields: { ...V2023_EXTRA_FIELDS, ...typedFields(identityFieldSpec(RAVI)) },
  extra: legacyIdentityAttributes(RAVI),
  relationships: v2023InquiryRelationships({ accountId: pid('act', 'I2'), templateId: TEMPLATE }),
};

// I3 ------------------------------------------------------------------------------------------
const I3 = pid('inq', 'I3-v2023-no-fields', 24);
const I3_SNAP: InquirySnapshot = {
  id: I3,
  status: 'pending',
  times: { 'created-at': '2026-02-04T10:00:00.000Z', 'started-at': '2026-02-04T10:01:00.000Z' },
  extra: legacyIdentityAttributes(GRETA),
  relationships: v2023InquiryRelationships({ accountId: pid('act', 'I3'), templateId: TEMPLATE }),
};

// I4 ------------------------------------------------------------------------------------------
const I4 = pid('inq', 'I4-upgrade', 24);
const I4_ACC = pid('act', 'I4');
const I4_C: InquirySnapshot = {
  id: I4,
  status: 'created',
  times: { 'created-at': '2026-02-05T10:00:00.000Z' },
  fields: { ...V2023_EXTRA_FIELDS, ...typedFields(identityFieldSpec(AMARA)) },
  extra: legacyIdentityAttributes(AMARA),
  relationships: v2023InquiryRelationships({ accountId: I4_ACC, templateId: TEMPLATE }),
};
const I4_S = next(I4_C, { status: 'pending', times: { 'started-at': '2026-02-05T10:02:00.000Z' } });
// After the webhook moved to 2025-12-08: no top-level identity; fields carry a new phone number.
const I4_NEW_PHONE = '+15125550777';
const I4_D: InquirySnapshot = {
  ...next(I4_S, { status: 'completed', times: { 'completed-at': '2026-02-05T10:09:00.000Z' } }),
  extra: {},
  fields: typedFields(identityFieldSpec({ ...AMARA, phone: I4_NEW_PHONE })),
  relationships: currentInquiryRelationships({ accountId: I4_ACC, templateId: TEMPLATE }),
};

// I5 ------------------------------------------------------------------------------------------
const I5 = pid('inq', 'I5-null-clears');
const I5_C: InquirySnapshot = {
  id: I5,
  status: 'created',
  times: { 'created-at': '2026-02-06T10:00:00.000Z' },
  fields: typedFields(identityFieldSpec(AMARA)),
  relationships: currentInquiryRelationships({ accountId: pid('act', 'I5'), templateId: TEMPLATE }),
};
const I5_S = next(I5_C, {
  status: 'pending',
  times: { 'started-at': '2026-02-06T10:03:00.000Z' },
  fields: typedFields({
    ...identityFieldSpec(AMARA),
    'name-middle': ['string', null],
    'address-street-2': ['string', null],
  }),
});

// I6 ------------------------------------------------------------------------------------------
const I6 = pid('inq', 'I6-field-types');
const I6_FILE_URL = 'https://files.withpersona.com/proof-of-address.pdf?access_token=tok_fixture_only';
const I6_FIELDS: Body = {
  ...typedFields(identityFieldSpec(GRETA)),
  'is-primary-account-holder': { type: 'boolean', value: true },
  jurisdiction: { type: 'choices', value: 'EU' },
  'preferred-methods-of-contact': { type: 'multi_choices', value: ['text', 'email'] },
  'expected-monthly-volume': { type: 'number', value: 12500.5 },
  'terms-accepted-at': { type: 'datetime', value: '2026-02-07T10:00:12.000Z' },
  'previous-countries': {
    type: 'array',
    value: [
      { type: 'string', value: 'NO' },
      { type: 'string', value: 'DK' },
    ],
  },
  'mailing-address': {
    type: 'hash',
    value: {
      street_1: { type: 'string', value: 'Box 3321' },
      street_2: { type: 'string' },
      city: { type: 'string', value: 'Lund' },
      postal_code: { type: 'string', value: '221 00' },
      country_code: { type: 'string', value: 'SE' },
    },
  },
  'proof-of-address': {
    type: 'file',
    value: {
      filename: 'proof-of-address.pdf',
      'byte-size': 48211,
      'mime-type': 'application/pdf',
      url: I6_FILE_URL,
    },
  },
  'current-government-id': { type: 'government_id', value: null },
  'current-selfie': { type: 'selfie', value: null },
};
const I6_SNAP: InquirySnapshot = {
  id: I6,
  status: 'completed',
  times: {
    'created-at': '2026-02-07T10:00:00.000Z',
    'started-at': '2026-02-07T10:00:10.000Z',
    'completed-at': '2026-02-07T10:06:00.000Z',
  },
  fields: I6_FIELDS,
  relationships: currentInquiryRelationships({ accountId: pid('act', 'I6'), templateId: TEMPLATE }),
};

// I7 ------------------------------------------------------------------------------------------
const I7 = pid('inq', 'I7-snake-field-keys');
const I7_SNAP: InquirySnapshot = {
  id: I7,
  status: 'created',
  times: { 'created-at': '2026-02-08T10:00:00.000Z' },
  fields: typedFields({
    name_first: ['string', RAVI.first],
    name_middle: ['string', RAVI.middle],
    name_last: ['string', RAVI.last],
    birthdate: ['date', RAVI.birthdate],
    address_street_1: ['string', RAVI.street1],
    address_street_2: ['string', RAVI.street2],
    address_city: ['string', RAVI.city],
    address_subdivision: ['string', RAVI.subdivision],
    address_postal_code: ['string', RAVI.postalCode],
    address_country_code: ['string', RAVI.countryCode],
    email_address: ['string', RAVI.email],
    phone_number: ['string', RAVI.phone],
    selected_country_code: ['string', 'US'],
    loyalty_tier: ['choices', 'gold'],
  }),
  relationships: currentInquiryRelationships({ accountId: pid('act', 'I7'), templateId: TEMPLATE }),
};

export const fixtures: VendorDocFixture[] = [
  {
    name: '2025-12-08: identity only in fields; entries sent as {type} with no value key read as null',
    vendor: 'persona',
    docs: [PAGES.retrieveInquiry, PAGES.fields, PAGES.changelog20251027],
    apiVersion: CURRENT,
    deliveries: [delivery('inquiry.created', '2026-02-02T10:00:00.290Z', inquiryResource(I1_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: I1,
        state: {
          ...identityState({ ...AMARA, street2: null, phone: null }),
          fields: {
            ...identityFieldValues({ ...AMARA, street2: null, phone: null }),
            identificationNumber: null,
          },
          referenceId: 'usr-20931',
        },
        why: '2025-10-27 changelog: "Remove Persona-provided PII fields from Inquiry response ... now only be accessible in data.attributes.fields" as {type, value}. retrieve-an-inquiry.md sends empty fields as {"type": "string"} with no value: null, so street2 and phone are null.',
      },
    ],
  },

  {
    name: '2023-01-05: identity both in deprecated top-level attributes and in fields (no top-level address-country-code)',
    vendor: 'persona',
    docs: [PAGES.quickstart, PAGES.fields, PAGES.responseBody],
    apiVersion: V2023,
    deliveries: [delivery('inquiry.created', '2026-02-03T10:00:00.310Z', inquiryResource(I2_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: I2,
        state: {
          ...identityState(RAVI),
          referenceId: null,
          templateId: TEMPLATE,
          fields: {
            ...identityFieldValues(RAVI),
            identificationNumber: 'N7734021',
            selectedCountryCode: 'US',
            selectedIdClass: 'dl',
            currentGovernmentId: null,
            currentSelfie: null,
            socialSecurityNumber: null,
          },
        },
        why: 'api-quickstart-tutorial.md (Persona-Version 2023-01-05) returns name-first, name-middle, name-last, birthdate, address-street-1/-2, address-city, address-subdivision, address-postal-code, email-address, phone-number at the top level AND the same values in fields; address-country-code only in fields. template, transaction and reviewer relationships are {"data": null}: templateId comes from inquiry-template.',
      },
    ],
  },

  {
    name: '2023-01-05 with fields blocklisted: identity read from the deprecated top-level attributes',
    vendor: 'persona',
    docs: [PAGES.quickstart, PAGES.blocklists],
    apiVersion: V2023,
    deliveries: [delivery('inquiry.started', '2026-02-04T10:01:00.330Z', inquiryResource(I3_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: I3,
        state: {
          status: 'pending',
          name: { first: 'Greta', middle: null, last: 'Holm' },
          birthdate: '1983-12-02',
          address: {
            street1: 'Storgatan 14',
            street2: null,
            city: 'Malmö',
            subdivision: 'Skåne',
            postalCode: '211 42',
          },
          email: 'greta.holm@example.test',
          phone: '+46405550188',
        },
        why: 'A blocklist entry /data/attributes/fields removes fields (webhook-attribute-blocklists.md, fully qualified syntax); on 2023-01-05 the deprecated top-level identity attributes still carry the identity (api-quickstart-tutorial.md). No top-level country code exists, so countryCode is not asserted.',
      },
    ],
  },

  {
    name: 'Webhook upgraded from 2023-01-05 to 2025-12-08 mid-stream: absent top-level identity does not clear it',
    vendor: 'persona',
    docs: [PAGES.changelog20251027, PAGES.quickstart, PAGES.webhooks],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-05T10:00:00.200Z', inquiryResource(I4_C)),
      delivery('inquiry.started', '2026-02-05T10:02:00.300Z', inquiryResource(I4_S)),
      delivery('inquiry.completed', '2026-02-05T10:09:00.400Z', inquiryResource(I4_D)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: I4,
        version: 2,
        state: { ...identityState(AMARA) },
        why: '2023-01-05 payloads: identity at the top level and in fields.',
      },
      {
        kind: 'inquiry',
        id: I4,
        state: {
          status: 'completed',
          ...identityState({ ...AMARA, phone: I4_NEW_PHONE }),
          fields: { phoneNumber: I4_NEW_PHONE, nameFirst: 'Amara' },
        },
        why: 'webhooks.md: "Every Webhook can be configured to a specific API version"; after the upgrade the top-level identity attributes are gone (2025-10-27: "only be accessible in data.attributes.fields"). Missing means not sent, so the name stays; the new phone number in fields is taken.',
      },
    ],
  },

  {
    name: 'A field sent with "value": null clears it; fields not sent are kept',
    vendor: 'persona',
    docs: [PAGES.webhookInquiryApproved, PAGES.fields],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-06T10:00:00.250Z', inquiryResource(I5_C)),
      delivery('inquiry.started', '2026-02-06T10:03:00.350Z', inquiryResource(I5_S)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: I5,
        state: {
          name: { first: 'Amara', middle: null, last: 'Chen-Whitfield' },
          address: { street1: '310 Granite Way', street2: null, city: 'Austin' },
          fields: {
            nameMiddle: null,
            addressStreet2: null,
            nameFirst: 'Amara',
            emailAddress: 'amara.cw@example.test',
          },
        },
        why: 'The inquiry webhook pages send empty fields as {"type": "string", "value": null}: the value is null at that time. Other fields keep their values.',
      },
    ],
  },

  {
    name: 'Every documented field type: values unwrapped from {type, value}, hashes and arrays too',
    vendor: 'persona',
    docs: [PAGES.fields, PAGES.payloadGuide, PAGES.quickstart],
    apiVersion: CURRENT,
    deliveries: [delivery('inquiry.completed', '2026-02-07T10:06:00.500Z', inquiryResource(I6_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: I6,
        state: {
          fields: {
            isPrimaryAccountHolder: true,
            jurisdiction: 'EU',
            preferredMethodsOfContact: ['text', 'email'],
            expectedMonthlyVolume: 12500.5,
            termsAcceptedAt: '2026-02-07T10:00:12.000Z',
            previousCountries: ['NO', 'DK'],
            mailingAddress: {
              street1: 'Box 3321',
              street2: null,
              city: 'Lund',
              postalCode: '221 00',
              countryCode: 'SE',
            },
            proofOfAddress: {
              filename: 'proof-of-address.pdf',
              byteSize: 48211,
              mimeType: 'application/pdf',
              url: I6_FILE_URL,
            },
            currentGovernmentId: null,
            currentSelfie: null,
            nameFirst: 'Greta',
            nameMiddle: null,
          },
          ...identityState(GRETA),
        },
        why: 'inquiry-fields.md: types array (typed), boolean, choices, date, datetime, file (serialises as {filename, byte_size, mime_type, url}), hash ("Dictionary with string keys and field values"), multi_choices, number, string; the payload guide shows boolean/choices/multi_choices entries; the 2023-01-05 response shows government_id and selfie types. Values are plain after unwrapping; keys are camelCased at every depth.',
      },
    ],
  },

  {
    name: '2025-10-27+: field keys not inflected, so a template with snake_case field names sends them as-is in a kebab webhook',
    vendor: 'persona',
    docs: [PAGES.changelog20251027, PAGES.inflection],
    apiVersion: CURRENT,
    deliveries: [delivery('inquiry.created', '2026-02-08T10:00:00.260Z', inquiryResource(I7_SNAP))],
    states: [
      {
        kind: 'inquiry',
        id: I7,
        state: {
          ...identityState(RAVI),
          fields: {
            nameFirst: 'Ravi',
            addressStreet1: '55 Cedar Court',
            selectedCountryCode: 'US',
            loyaltyTier: 'gold',
          },
        },
        why: '2025-10-27: "Stop applying key inflection to data.attributes.fields ... Keys will now appear using the original inflection scheme configured for the field". The same Persona-provided identity fields spelled snake_case are still the identity.',
      },
    ],
  },
];
