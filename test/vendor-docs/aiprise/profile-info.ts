/**
 * AiPrise profile information updates: NAME / DATE_OF_BIRTH / ADDRESS / PHONE / EMAIL_UPDATED with
 * `previous` / `current`, and TAGS_UPDATED with `previous_tags` / `current_tags` / `changes`.
 *
 * AiPrise documents no event time for these callbacks, so receipt order (`receivedAt`) is the order.
 * Values are invented for this project.
 */
import type { VendorDocFixture } from '../fixture.js';
import { PAGES } from './support/common.js';

export const fixtures: VendorDocFixture[] = [
  {
    name: 'NAME_UPDATED: previous/current name objects (first/middle/last as AiPrise user_data spells them)',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.amlCheck],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in01',
          user_profile_event_type: 'NAME_UPDATED',
          author_id: 'ops.desk@lumenbank.test',
          callback_event_id: '3c8e1f0a-6d2b-4a9e-8f1c-7b5d2e4a6c01',
          previous: { first_name: 'Oluwaseun', middle_name: '', last_name: 'Adeyemi' },
          current: { first_name: 'Oluwaseun', middle_name: 'Tola', last_name: 'Adeyemi-Clarke' },
        },
        receivedAt: '2026-03-03T09:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in01',
        state: {
          name: { firstName: 'Oluwaseun', middleName: 'Tola', lastName: 'Adeyemi-Clarke' },
          nameHistory: [
            {
              eventId: '3c8e1f0a-6d2b-4a9e-8f1c-7b5d2e4a6c01',
              value: { firstName: 'Oluwaseun', middleName: 'Tola', lastName: 'Adeyemi-Clarke' },
            },
          ],
        },
        why: '"Profile name fields updated": the *_UPDATED events carry previous and current; current is the name now. user_data spells the parts first_name/middle_name/last_name. The event id is callback_event_id when sent.',
      },
    ],
  },

  {
    name: 'DATE_OF_BIRTH_UPDATED: previous/current as YYYY-MM-DD strings',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.amlCheck],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in02',
          user_profile_event_type: 'DATE_OF_BIRTH_UPDATED',
          author_id: 'ops.desk@lumenbank.test',
          previous: '1991-07-04',
          current: '1991-04-07',
        },
        receivedAt: '2026-03-03T09:05:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in02',
        state: { dateOfBirth: '1991-04-07', dateOfBirthHistory: [{ value: '1991-04-07' }] },
        why: 'DATE_OF_BIRTH_UPDATED carries previous/current; AiPrise writes dates of birth as "YYYY-MM-DD".',
      },
    ],
  },

  {
    name: 'PHONE_UPDATED: previous/current phone numbers as strings',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in03',
          user_profile_event_type: 'PHONE_UPDATED',
          author_id: 'SOURCE_API',
          previous: '+351912000111',
          current: '+351934555222',
        },
        receivedAt: '2026-03-03T09:10:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in03',
        state: { phone: '+351934555222', phoneHistory: [{ value: '+351934555222' }] },
        why: '"Profile phone number updated" with previous/current; current is the phone now.',
      },
    ],
  },

  {
    name: 'EMAIL_UPDATED: previous/current email addresses as strings',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in04',
          user_profile_event_type: 'EMAIL_UPDATED',
          author_id: 'SOURCE_API',
          previous: 'k.lindqvist@oldmail.test',
          current: 'karin.lindqvist@newmail.test',
        },
        receivedAt: '2026-03-03T09:15:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in04',
        state: {
          email: 'karin.lindqvist@newmail.test',
          emailHistory: [{ value: 'karin.lindqvist@newmail.test' }],
        },
        why: '"Profile email updated" with previous/current; current is the email now.',
      },
    ],
  },

  {
    name: 'DATE_OF_BIRTH / PHONE / EMAIL_UPDATED, second reading: previous/current wrapped in objects keyed as AiPrise user_data names them',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.amlCheck],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in05',
          user_profile_event_type: 'DATE_OF_BIRTH_UPDATED',
          previous: { date_of_birth: '1984-11-30' },
          current: { date_of_birth: '1984-12-01' },
        },
        receivedAt: '2026-03-03T10:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_in05',
          user_profile_event_type: 'PHONE_UPDATED',
          previous: { phone_number: '+4915100000001' },
          current: { phone_number: '+4915100000002' },
        },
        receivedAt: '2026-03-03T10:01:00Z',
      },
      {
        body: {
          user_profile_id: 'up_in05',
          user_profile_event_type: 'EMAIL_UPDATED',
          previous: { email_address: 'j.weber@oldmail.test' },
          current: { email_address: 'jonas.weber@newmail.test' },
        },
        receivedAt: '2026-03-03T10:02:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in05',
        state: { dateOfBirth: '1984-12-01', phone: '+4915100000002', email: 'jonas.weber@newmail.test' },
        why: "Only ADDRESS_UPDATED's previous/current are shown (as objects); the other *_UPDATED payloads are not. Build for both readings: a wrapped value is unwrapped to the same scalar state.",
      },
    ],
  },

  {
    name: 'ADDRESS_UPDATED history: three updates, the last with a previous that disagrees with the state; current always applied, history in receipt order',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in06',
          user_profile_event_type: 'ADDRESS_UPDATED',
          callback_event_id: 'b1e0c9d8-0001-4a55-9e21-addr00000001',
          previous: { street: '12 Rua das Flores', city: 'Porto', postal_code: '4050-262' },
          current: { street: '7 Avenida da Boavista', city: 'Porto', postal_code: '4100-112' },
        },
        receivedAt: '2026-03-03T11:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_in06',
          user_profile_event_type: 'ADDRESS_UPDATED',
          callback_event_id: 'b1e0c9d8-0002-4a55-9e21-addr00000002',
          previous: { street: '7 Avenida da Boavista', city: 'Porto', postal_code: '4100-112' },
          current: { street: '3 Calle de Alcalá', city: 'Madrid', postal_code: '28014' },
        },
        receivedAt: '2026-03-10T11:00:00Z',
      },
      {
        body: {
          user_profile_id: 'up_in06',
          user_profile_event_type: 'ADDRESS_UPDATED',
          callback_event_id: 'b1e0c9d8-0003-4a55-9e21-addr00000003',
          previous: { street: '90 Gran Vía', city: 'Madrid', postal_code: '28013' },
          current: { street: '41 Rue Oberkampf', city: 'Paris', postal_code: '75011' },
        },
        receivedAt: '2026-03-20T11:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in06',
        state: {
          address: { street: '41 Rue Oberkampf', city: 'Paris', postalCode: '75011' },
          addressHistory: [
            {
              eventId: 'b1e0c9d8-0001-4a55-9e21-addr00000001',
              value: { street: '7 Avenida da Boavista', city: 'Porto', postalCode: '4100-112' },
            },
            {
              eventId: 'b1e0c9d8-0002-4a55-9e21-addr00000002',
              value: { street: '3 Calle de Alcalá', city: 'Madrid', postalCode: '28014' },
            },
            {
              eventId: 'b1e0c9d8-0003-4a55-9e21-addr00000003',
              value: { street: '41 Rue Oberkampf', city: 'Paris', postalCode: '75011' },
            },
          ],
        },
        why: 'ADDRESS_UPDATED carries previous and current address objects (street, city, postal_code); current is the address after the event whatever previous says (an out-of-band edit can make previous disagree). AiPrise has no event time, so the history is in receipt order.',
      },
      {
        kind: 'user-profile',
        id: 'up_in06',
        asOf: '2026-03-15T00:00:00Z',
        state: {
          address: { street: '3 Calle de Alcalá', city: 'Madrid', postalCode: '28014' },
          addressHistory: [
            { value: { street: '7 Avenida da Boavista', city: 'Porto', postalCode: '4100-112' } },
            { value: { street: '3 Calle de Alcalá', city: 'Madrid', postalCode: '28014' } },
          ],
        },
        why: 'By receipt time, on 15 March only the first two updates had arrived.',
      },
    ],
  },

  {
    name: 'TAGS_UPDATED: previous_tags, current_tags and a changes diff (added/removed), with callback_event_id',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in07',
          user_profile_event_type: 'TAGS_UPDATED',
          client_reference_id: 'cust-44090',
          client_reference_data: {},
          callback_event_id: '6a0f6c2e-1b7d-4e1f-9d4a-tags00000001',
          previous_tags: ['KYC_PENDING', 'RETAIL'],
          current_tags: ['RETAIL', 'KYC_CLEARED', 'PRIORITY'],
          changes: { added: ['KYC_CLEARED', 'PRIORITY'], removed: ['KYC_PENDING'] },
        },
        receivedAt: '2026-03-03T12:00:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in07',
        state: { tags: ['KYC_CLEARED', 'PRIORITY', 'RETAIL'], clientReferenceId: 'cust-44090', version: 1 },
        why: 'TAGS_UPDATED "includes both previous and current tags along with a diff of changes"; current_tags is the full set after the change (state tags are sorted).',
      },
    ],
  },

  {
    name: 'TAGS_UPDATED arriving shuffled (occurred A, B, C; received A, C, B): the last received snapshot is the state, not a union of diffs',
    vendor: 'aiprise',
    docs: [PAGES.profileEvents, PAGES.callbacks],
    deliveries: [
      {
        body: {
          user_profile_id: 'up_in08',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '6a0f6c2e-1b7d-4e1f-9d4a-tagsshuf000a',
          previous_tags: [],
          current_tags: ['ONBOARDING'],
          changes: { added: ['ONBOARDING'], removed: [] },
        },
        receivedAt: '2026-03-03T13:00:00Z',
      },
      {
        // C: occurred last, arrives second.
        body: {
          user_profile_id: 'up_in08',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '6a0f6c2e-1b7d-4e1f-9d4a-tagsshuf000c',
          previous_tags: ['ONBOARDING', 'EDD_REQUIRED'],
          current_tags: ['ONBOARDING', 'EDD_DONE'],
          changes: { added: ['EDD_DONE'], removed: ['EDD_REQUIRED'] },
        },
        receivedAt: '2026-03-03T13:05:00Z',
      },
      {
        // B: occurred second, arrives last (e.g. after a retry).
        body: {
          user_profile_id: 'up_in08',
          user_profile_event_type: 'TAGS_UPDATED',
          callback_event_id: '6a0f6c2e-1b7d-4e1f-9d4a-tagsshuf000b',
          previous_tags: ['ONBOARDING'],
          current_tags: ['ONBOARDING', 'EDD_REQUIRED'],
          changes: { added: ['EDD_REQUIRED'], removed: [] },
        },
        receivedAt: '2026-03-03T13:20:00Z',
      },
    ],
    states: [
      {
        kind: 'user-profile',
        id: 'up_in08',
        state: { tags: ['EDD_REQUIRED', 'ONBOARDING'], version: 3 },
        why: "AiPrise documents no event time and retries deliveries, so receipt order is the only order: the last received TAGS_UPDATED's current_tags (the full set) is the state. Replaying the diff onto the earlier state would give the union EDD_DONE+EDD_REQUIRED+ONBOARDING, which no event ever reported.",
      },
      {
        kind: 'user-profile',
        id: 'up_in08',
        asOf: '2026-03-03T13:10:00Z',
        state: { tags: ['EDD_DONE', 'ONBOARDING'] },
        why: "At 13:10 the last received snapshot was C's current_tags; its diff applied to [ONBOARDING] gives the same set once the stale removal is ignored.",
      },
    ],
  },
];
