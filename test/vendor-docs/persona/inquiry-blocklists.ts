/**
 * Webhook payload configuration that removes things from inquiry payloads: attribute blocklists
 * (simple syntax, wildcards, fully qualified paths, exemptions, nested exemptions), the
 * relationship allowlist (all relationships off), and the included allowlist (off by default).
 * Absent keys mean "not sent": they must never clear what earlier events said. Names are invented.
 */
import type { VendorDocFixture } from '../fixture.js';
import {
  CURRENT,
  PAGES,
  currentInquiryRelationships,
  delivery,
  identityFieldSpec,
  identityState,
  inquiryResource,
  inquiryAttributes,
  next,
  pid,
  ref,
  typedFields,
  verificationRelationships,
  verificationResource,
  verificationTimes,
  type InquirySnapshot,
  type Person,
} from './support/inquiry.js';

const OLU: Person = {
  first: 'Oluwaseun',
  middle: 'Tola',
  last: 'Adeyemi',
  birthdate: '1990-05-21',
  street1: '12 Marlowe Street',
  street2: 'Flat 3',
  city: 'Leeds',
  subdivision: 'England',
  postalCode: 'LS1 4AP',
  countryCode: 'GB',
  email: 'seun.adeyemi@example.test',
  phone: '+447700900123',
};

const TEMPLATE = pid('itmpl', 'blocklist-template');

function base(seed: string, tags: string[] = ['uk-onboarding']): InquirySnapshot {
  const id = pid('inq', `blocklist-${seed}`);
  return {
    id,
    status: 'created',
    referenceId: `usr-bl-${seed}`,
    note: 'Existing customer, second product',
    tags,
    times: { 'created-at': '2026-02-10T09:00:00.000Z' },
    fields: typedFields({ ...identityFieldSpec(OLU), 'selected-country-code': ['string', 'GB'] }),
    relationships: currentInquiryRelationships({
      accountId: pid('act', `blocklist-${seed}`),
      templateId: TEMPLATE,
    }),
  };
}

function approvedOf(c: InquirySnapshot): InquirySnapshot {
  return next(c, {
    status: 'approved',
    times: {
      'started-at': '2026-02-10T09:01:00.000Z',
      'completed-at': '2026-02-10T09:07:00.000Z',
      'decisioned-at': '2026-02-10T09:07:02.000Z',
    },
  });
}

// B1: simple syntax name-* -------------------------------------------------------------------
const B1 = base('name');
const B1_A = approvedOf(B1);
const B1_A_FIELDS = { ...(B1_A.fields as Record<string, unknown>) };
delete B1_A_FIELDS['name-first'];
delete B1_A_FIELDS['name-middle'];
delete B1_A_FIELDS['name-last'];

// B2: /data/attributes/* with exemptions ------------------------------------------------------
const B2 = base('exemptions');
const B2_A = approvedOf(B2);
const B2_A_ATTRS = inquiryAttributes(B2_A);
const B2_ATTRS_SENT = {
  status: B2_A_ATTRS.status,
  'completed-at': B2_A_ATTRS['completed-at'],
  'decisioned-at': B2_A_ATTRS['decisioned-at'],
};

// B3: nested exemption: everything inside fields blocked except selected-country-code ----------
const B3 = base('nested');
const B3_A = approvedOf(B3);

// B4: wildcard on paths /*/attributes/fields/phone-number and simple email-address --------------
const B4 = base('wildcard');
const B4_VER = pid('ver', 'blocklist-wildcard-db');
const B4_A = next(approvedOf(B4), {
  relationships: currentInquiryRelationships({
    accountId: pid('act', 'blocklist-wildcard'),
    templateId: TEMPLATE,
    verifications: [ref('verification/database', B4_VER)],
  }),
});
const B4_A_FIELDS = { ...(B4_A.fields as Record<string, unknown>) };
delete B4_A_FIELDS['phone-number'];
delete B4_A_FIELDS['email-address'];

// B5: relationships turned off --------------------------------------------------------------------
const B5 = base('no-relationships');
const B5_ACC = pid('act', 'blocklist-no-relationships');
const B5_VER = pid('ver', 'blocklist-no-relationships-gov');
const B5_C = next(B5, {
  relationships: currentInquiryRelationships({
    accountId: B5_ACC,
    templateId: TEMPLATE,
    verifications: [ref('verification/government-id', B5_VER)],
  }),
});
const B5_A = approvedOf(B5_C);

// B6: tags blocklisted (absent) on a later event ----------------------------------------------------
const B6 = base('tags', ['uk-onboarding', 'vip']);
const B6_A = approvedOf(B6);
const B6_A_ATTRS = inquiryAttributes(B6_A);
delete B6_A_ATTRS.tags;
delete B6_A_ATTRS['reference-id'];
delete B6_A_ATTRS.note;

export const fixtures: VendorDocFixture[] = [
  {
    name: 'Attribute blocklist, simple syntax "name-*": approved arrives without name fields; the name stays',
    vendor: 'persona',
    docs: [PAGES.blocklists, PAGES.webhooks],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.300Z', inquiryResource(B1)),
      delivery(
        'inquiry.approved',
        '2026-02-10T09:07:02.400Z',
        inquiryResource({ ...B1_A, fields: B1_A_FIELDS }),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B1.id,
        state: {
          status: 'approved',
          ...identityState(OLU),
          fields: { nameFirst: 'Oluwaseun', nameLast: 'Adeyemi', birthdate: '1990-05-21' },
        },
        why: 'webhook-attribute-blocklists.md: adding name-first and name-last (or the wildcard name-*) removes them from fields; "If that key matches anything on any object, it will not be returned". A key that is not sent does not clear the value.',
      },
    ],
  },

  {
    name: 'Blocklist "/data/attributes/*" with exemptions: only status and two times arrive; everything else kept',
    vendor: 'persona',
    docs: [PAGES.blocklists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.310Z', inquiryResource(B2)),
      delivery('inquiry.approved', '2026-02-10T09:07:02.410Z', {
        type: 'inquiry',
        id: B2.id,
        attributes: B2_ATTRS_SENT,
        relationships: B2.relationships,
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B2.id,
        state: {
          status: 'approved',
          completedAt: '2026-02-10T09:07:00.000Z',
          decidedAt: '2026-02-10T09:07:02.000Z',
          referenceId: 'usr-bl-exemptions',
          note: 'Existing customer, second product',
          tags: ['uk-onboarding'],
          templateId: TEMPLATE,
          ...identityState(OLU),
          fields: { selectedCountryCode: 'GB', emailAddress: 'seun.adeyemi@example.test' },
        },
        why: 'Blocklist exemptions ("!/data/attributes/status" after "/data/attributes/*") turn the blocklist into an allowlist: only the exempted attributes are sent. "Code must not require optional attributes": the rest is kept.',
      },
    ],
  },

  {
    name: 'Nested blocklist exemption: fields arrives with only selected-country-code',
    vendor: 'persona',
    docs: [PAGES.blocklists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.320Z', inquiryResource(B3)),
      delivery(
        'inquiry.approved',
        '2026-02-10T09:07:02.420Z',
        inquiryResource({ ...B3_A, fields: typedFields({ 'selected-country-code': ['string', 'GB'] }) }),
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B3.id,
        state: {
          status: 'approved',
          ...identityState(OLU),
          fields: { selectedCountryCode: 'GB', nameFirst: 'Oluwaseun', phoneNumber: '+447700900123' },
        },
        why: 'webhook-attribute-blocklists.md, Nested blocklist exemptions: "!/data/attributes/fields", "/data/attributes/fields/*", "!/data/attributes/fields/selected-country-code" sends fields with that one key. Fields merge by name.',
      },
    ],
  },

  {
    name: 'Wildcard path "/*/attributes/fields/phone-number" and simple "email-address": inquiry and included lose them',
    vendor: 'persona',
    docs: [PAGES.blocklists, PAGES.allowlists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.330Z', inquiryResource(B4)),
      delivery(
        'inquiry.approved',
        '2026-02-10T09:07:02.430Z',
        inquiryResource({ ...B4_A, fields: B4_A_FIELDS }),
        {
          included: [
            verificationResource(
              'database',
              B4_VER,
              {
                status: 'passed',
                'name-first': OLU.first,
                'name-last': OLU.last,
                birthdate: OLU.birthdate,
                'country-code': 'GB',
                checks: [],
                ...verificationTimes(
                  '2026-02-10T09:02:00.000Z',
                  '2026-02-10T09:02:30.000Z',
                  '2026-02-10T09:02:33.000Z',
                ),
              },
              verificationRelationships('database', B4.id),
            ),
          ],
        },
      ),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B4.id,
        state: {
          status: 'approved',
          email: 'seun.adeyemi@example.test',
          phone: '+447700900123',
          verifications: { [B4_VER]: { type: 'database', status: 'passed' } },
        },
        why: '"/*/attributes/fields/phone-number" blocks the key in both data and included; "email-address" matches on any object. The blocklist "only block[s] data within attributes": included objects keep ids and types. Phone and email stay as first sent.',
      },
    ],
  },

  {
    name: 'Relationship allowlist off: approved arrives with no relationships key; account and template stay',
    vendor: 'persona',
    docs: [PAGES.allowlists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.340Z', inquiryResource(B5_C)),
      delivery('inquiry.approved', '2026-02-10T09:07:02.440Z', inquiryResource(B5_A, null)),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B5.id,
        state: { status: 'approved', accountId: B5_ACC, templateId: TEMPLATE, ...identityState(OLU) },
        why: 'webhook-allowlists.md, Relationship Allowlist: "You have the option of fully removing all relationships from webhook event payloads" (all-or-nothing). No relationships key means not sent, not "no account".',
      },
    ],
  },

  {
    name: 'tags, reference-id and note blocklisted on a later event: absent, so kept',
    vendor: 'persona',
    docs: [PAGES.blocklists],
    apiVersion: CURRENT,
    deliveries: [
      delivery('inquiry.created', '2026-02-10T09:00:00.350Z', inquiryResource(B6)),
      delivery('inquiry.approved', '2026-02-10T09:07:02.450Z', {
        type: 'inquiry',
        id: B6.id,
        attributes: B6_A_ATTRS,
        relationships: B6.relationships,
      }),
    ],
    states: [
      {
        kind: 'inquiry',
        id: B6.id,
        state: {
          status: 'approved',
          tags: ['uk-onboarding', 'vip'],
          referenceId: 'usr-bl-tags',
          note: 'Existing customer, second product',
        },
        why: 'Any attribute may be blocklisted (simple syntax matches any key). An absent tags key is not an empty tag list.',
      },
    ],
  },
];
