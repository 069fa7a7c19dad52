/**
 * fast-check generators of realistic streams for the fold properties. Steps are plain data
 * (so fast-check can shrink them); `toEvents` turns them into deliveries parsed by the real
 * parseDelivery. Every PII value is a `pii…` token so a test can search a state's JSON for it.
 */
import fc from 'fast-check';
import type { AggregateDefinition, BaseState } from '../../src/aggregates/aggregate.js';
import { account } from '../../src/aggregates/account.js';
import { caseAggregate } from '../../src/aggregates/case.js';
import { inquiry } from '../../src/aggregates/inquiry.js';
import { userProfile } from '../../src/aggregates/user-profile.js';
import type { NewEvent } from '../../src/events/types.js';
import {
  accountResource,
  caseResource,
  inquiryResource,
  reportResource,
  stringField,
  verificationResource,
} from '../support/deliveries.js';
import { aiprise, persona, profileEvent } from './fixtures.js';

const token = fc.stringMatching(/^[a-z]{6,9}$/).map((s) => `pii${s}`);

/** Ids vendors choose that are also names on Object.prototype: they must fold as ordinary keys. */
export const HOSTILE_IDS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
] as const;

/** An id in a map-key position: an ordinary one or one of HOSTILE_IDS. */
const mapId = (prefix: string) =>
  fc.oneof(fc.constantFrom(...HOSTILE_IDS), fc.constantFrom(`${prefix}_1`, `${prefix}_2`));

const inflection = fc.constantFrom('kebab' as const, 'camel' as const, 'snake' as const);
const tag = fc.constantFrom('ONBOARDING', 'VIP', 'PEP', 'EDD', 'APPROVED');
const tags = fc.uniqueArray(tag, { maxLength: 4 });

export type Step = { kind: string; pii: string[]; make: (at: string) => NewEvent };

export const UP = 'up_prop';
export const INQ = 'inq_prop';

const profileSteps: fc.Arbitrary<Step>[] = [
  fc.tuple(token, token).map(([first, last]) => ({
    kind: 'NAME_UPDATED',
    pii: [first, last],
    make: (at: string) =>
      profileEvent(
        'NAME_UPDATED',
        UP,
        { previous: null, current: { first_name: first, last_name: last } },
        at,
      ),
  })),
  fc.tuple(token, token).map(([street, city]) => ({
    kind: 'ADDRESS_UPDATED',
    pii: [street, city],
    make: (at: string) =>
      profileEvent('ADDRESS_UPDATED', UP, { previous: { street: 'x' }, current: { street, city } }, at),
  })),
  token.map((local) => ({
    kind: 'EMAIL_UPDATED',
    pii: [local],
    make: (at: string) =>
      profileEvent('EMAIL_UPDATED', UP, { previous: null, current: `${local}@example.test` }, at),
  })),
  token.map((phone) => ({
    kind: 'PHONE_UPDATED',
    pii: [phone],
    make: (at: string) => profileEvent('PHONE_UPDATED', UP, { current: phone }, at),
  })),
  token.map((dob) => ({
    kind: 'DATE_OF_BIRTH_UPDATED',
    pii: [dob],
    make: (at: string) => profileEvent('DATE_OF_BIRTH_UPDATED', UP, { current: dob }, at),
  })),
  fc.tuple(tags, tags, tags).map(([added, removed, current]) => ({
    kind: 'TAGS_UPDATED',
    pii: [],
    make: (at: string) =>
      profileEvent(
        'TAGS_UPDATED',
        UP,
        { previous_tags: [], current_tags: current, changes: { added, removed } },
        at,
      ),
  })),
  mapId('file').map((file) => ({
    kind: 'ADD_ADDITIONAL_MEDIA',
    pii: [],
    make: (at: string) =>
      profileEvent(
        'ADD_ADDITIONAL_MEDIA',
        UP,
        { file_uuid: file, media_type: 'ID', uploaded_at: Date.parse(at) },
        at,
      ),
  })),
  fc.tuple(mapId('hit'), token, token).map(([hit, name, note]) => ({
    kind: 'AML_HIT_RESOLVED',
    pii: [name, note],
    make: (at: string) =>
      profileEvent(
        'AML_HIT_RESOLVED',
        UP,
        { aml_hit: { entity_hit_id: hit, name }, resolution: { status: 'RESOLVED', comment: note } },
        at,
      ),
  })),
  fc.constantFrom('APPROVED', 'DECLINED', 'REVIEW').map((result) => ({
    kind: 'RESULT_UPDATE',
    pii: [],
    make: (at: string) => profileEvent('RESULT_UPDATE', UP, { user_profile_result: result }, at),
  })),
  token.map((text) => ({
    kind: 'COMMENT',
    pii: [text],
    make: (at: string) => profileEvent('COMMENT', UP, { author_id: 'ops', comment: text }, at),
  })),
  fc.tuple(token, mapId('vs')).map(([local, session]) => ({
    kind: 'USER_PROFILE_EMAIL_SESSION_URL',
    pii: [local],
    make: (at: string) =>
      profileEvent(
        'USER_PROFILE_EMAIL_SESSION_URL',
        UP,
        {
          verification_session_id: session,
          session_url: `https://x.test/${local}`,
          email_address: `${local}@example.test`,
        },
        at,
      ),
  })),
  fc
    .tuple(mapId('tkt'), fc.constantFrom('CREATE_TICKET', 'TICKET_STATUS_UPDATE', 'TICKET_REVIEWER_UPDATE'))
    .map(([ticket, type]) => ({
      kind: type,
      pii: [],
      make: (at: string) =>
        profileEvent(type, UP, { ticket_id: ticket, status: 'OPEN', reviewer: 'rev@example.test' }, at),
    })),
  fc.tuple(mapId('sec'), fc.constantFrom('APPROVED', 'REVIEW')).map(([section, result]) => ({
    kind: 'SECTION_RESULT_UPDATE',
    pii: [],
    make: (at: string) =>
      profileEvent('SECTION_RESULT_UPDATE', UP, { section_id: section, section_result: result }, at),
  })),
  fc.tuple(mapId('vs'), mapId('hit'), token).map(([session, hit, name]) => ({
    kind: 'AML_MONITORING_UPDATE (session channel)',
    pii: [name],
    make: (at: string) =>
      aiprise(
        {
          event_type: 'AML_MONITORING_UPDATE',
          user_profile_id: UP,
          data: {
            verification_session_id: session,
            aml_monitoring_update: { new: [{ entity_hit_id: hit, name }], updated: [], removed: [] },
          },
        },
        { at },
      ),
  })),
  token.map((entity) => ({
    kind: 'AML_MONITORING_UPDATE',
    pii: [entity],
    make: (at: string) =>
      profileEvent(
        'AML_MONITORING_UPDATE',
        UP,
        { aml_monitoring_update: { status: 'MATCH_FOUND', matches: [{ entity_name: entity }] } },
        at,
      ),
  })),
];

export const profileRedaction: Step = {
  kind: 'USER_PROFILE_REDACTED',
  pii: [],
  make: (at) => profileEvent('USER_PROFILE_REDACTED', UP, {}, at),
};

const inquirySteps: fc.Arbitrary<Step>[] = [
  fc.tuple(token, token, token, inflection).map(([first, last, street, inflect]) => ({
    kind: 'inquiry.transitioned',
    pii: [first, last, street],
    make: (at: string) =>
      persona(
        'inquiry.transitioned',
        inquiryResource({
          id: INQ,
          status: 'pending',
          // Current API versions carry identity in typed fields only.
          attributes: {
            nameFirst: undefined,
            nameLast: undefined,
            birthdate: undefined,
            addressStreet1: undefined,
            fields: {
              nameFirst: stringField(first),
              nameLast: stringField(last),
              addressStreet1: stringField(street),
              addressStreet2: { type: 'string' },
            },
          },
        }),
        { at, inflection: inflect },
      ),
  })),
  fc
    .tuple(
      fc.constantFrom('completed', 'approved', 'declined', 'marked-for-review', 'expired'),
      tags,
      inflection,
    )
    .map(([action, sent, inflect]) => ({
      kind: `inquiry.${action}`,
      pii: [],
      make: (at: string) =>
        persona(
          `inquiry.${action}`,
          { type: 'inquiry', id: INQ, attributes: { tags: sent } },
          { at, inflection: inflect },
        ),
    })),
  fc
    .tuple(mapId('ver'), fc.constantFrom('submitted', 'passed', 'failed', 'requires-retry'), inflection)
    .map(([id, action, inflect]) => ({
      kind: `verification.${action}`,
      pii: [],
      make: (at: string) =>
        persona(
          `verification.${action}`,
          verificationResource({ id, inquiryId: INQ, attributes: { status: undefined } }),
          { at, inflection: inflect },
        ),
    })),
  fc.tuple(mapId('rep'), fc.constantFrom('ready', 'matched', 'dismissed')).map(([id, action]) => ({
    kind: `report/watchlist.${action}`,
    pii: [],
    make: (at: string) =>
      persona(
        `report/watchlist.${action}`,
        reportResource({ id, inquiryId: INQ, attributes: { status: undefined } }),
        {
          at,
        },
      ),
  })),
  fc.tuple(mapId('doc'), fc.constantFrom('created', 'processed')).map(([id, action]) => ({
    kind: `document.${action}`,
    pii: [],
    make: (at: string) =>
      persona(
        `document.${action}`,
        {
          type: 'document/government-id',
          id,
          attributes: {},
          relationships: { inquiry: { type: 'inquiry', id: INQ } },
        },
        { at },
      ),
  })),
  fc.tuple(token, mapId('field'), inflection).map(([note, field, inflect]) => ({
    kind: 'inquiry.updated-tags',
    pii: [note],
    make: (at: string) =>
      persona(
        'inquiry.updated-tags',
        inquiryResource({
          id: INQ,
          tags: ['X'],
          attributes: { note, fields: { [field]: { type: 'string', value: note } } },
        }),
        { at, inflection: inflect },
      ),
  })),
];

export const inquiryRedaction: Step = {
  kind: 'inquiry.redacted',
  pii: [],
  make: (at) =>
    persona('inquiry.redacted', { type: 'inquiry', id: INQ, attributes: { redactedAt: at } }, { at }),
};

export const ACT = 'act_prop';
export const CASE = 'case_prop';

const hashField = (value: Record<string, unknown>) => ({
  type: 'hash',
  value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringField(v as string)])),
});

const accountSteps: fc.Arbitrary<Step>[] = [
  fc
    .tuple(
      fc.constantFrom('account.created', 'account.updated-fields'),
      token,
      token,
      token,
      tags,
      inflection,
    )
    .map(([name, first, city, email, sent, inflect]) => ({
      kind: name,
      pii: [first, city, email],
      make: (at: string) =>
        persona(
          name,
          accountResource({
            id: ACT,
            tags: sent,
            fields: {
              name: hashField({ first, last: 'Piilast' }),
              address: hashField({ street1: '1 Road', city }),
              emailAddress: stringField(email),
              birthdate: { type: 'date' },
            },
          }),
          { at, inflection: inflect },
        ),
    })),
  fc.tuple(fc.constantFrom('Active', 'In Review', 'Closed'), inflection).map(([status, inflect]) => ({
    kind: 'account.status-updated',
    pii: [],
    make: (at: string) =>
      persona(
        'account.status-updated',
        { type: 'account', id: ACT, attributes: { accountStatus: status } },
        {
          at,
          inflection: inflect,
        },
      ),
  })),
  // Added only: an id the stream later removes would rightly be gone from the state.
  mapId('act').map((other) => ({
    kind: 'account.added-relation',
    pii: [],
    make: (at: string) =>
      persona(
        'account.added-relation',
        { type: 'account', id: ACT, attributes: {} },
        { at, context: { relatedAccountId: other } },
      ),
  })),
];

export const accountRedaction: Step = {
  kind: 'account.redacted',
  pii: [],
  make: (at) =>
    persona(
      'account.redacted',
      { type: 'account', id: ACT, attributes: { redactedAt: at, referenceId: null } },
      { at },
    ),
};

const caseSteps: fc.Arbitrary<Step>[] = [
  fc
    .tuple(
      fc.constantFrom('case.created', 'case.updated', 'case.updated-fields'),
      token,
      mapId('field'),
      inflection,
    )
    .map(([name, value, field, inflect]) => ({
      kind: name,
      pii: [value],
      make: (at: string) =>
        persona(name, caseResource({ id: CASE, attributes: { fields: { [field]: stringField(value) } } }), {
          at,
          inflection: inflect,
        }),
    })),
  fc.tuple(fc.constantFrom('Open', 'OPEN', 'Pending', 'Approved'), inflection).map(([status, inflect]) => ({
    kind: 'case.status-updated',
    pii: [],
    make: (at: string) =>
      persona('case.status-updated', caseResource({ id: CASE, status }), { at, inflection: inflect }),
  })),
  fc.constantFrom('ops@example.test', 'lead@example.test').map((assignee) => ({
    kind: 'case.assigned',
    pii: [],
    make: (at: string) => persona('case.assigned', caseResource({ id: CASE, assigneeId: assignee }), { at }),
  })),
];

export const caseRedaction: Step = {
  kind: 'case.redacted',
  pii: [],
  make: (at) => persona('case.redacted', { type: 'case', id: CASE, attributes: { redactedAt: at } }, { at }),
};

/** Up to `max` steps with pairwise distinct event times. */
function stream(steps: fc.Arbitrary<Step>[], max: number): fc.Arbitrary<{ steps: Step[]; times: string[] }> {
  return fc.array(fc.oneof(...steps), { minLength: 1, maxLength: max }).chain((chosen) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000_000 }), {
        minLength: chosen.length,
        maxLength: chosen.length,
      })
      .map((offsets) => ({
        steps: chosen,
        times: offsets.map((o) => new Date(Date.UTC(2024, 0, 1) + o * 1000).toISOString()),
      })),
  );
}

export const profileStream = (max = 14) => stream(profileSteps, max);
export const inquiryStream = (max = 10) => stream(inquirySteps, max);
export const accountStream = (max = 10) => stream(accountSteps, max);
export const caseStream = (max = 10) => stream(caseSteps, max);

export function toEvents(generated: { steps: Step[]; times: string[] }): NewEvent[] {
  return generated.steps.map((step, i) => step.make(generated.times[i] as string));
}

/** The aggregates the property tests generate streams for, with each one's redaction step. */
export interface FoldCase {
  name: string;
  def: AggregateDefinition<BaseState>;
  stream: () => fc.Arbitrary<{ steps: Step[]; times: string[] }>;
  redaction: Step;
}

export const foldCases: FoldCase[] = [
  {
    name: 'user profile',
    def: userProfile as unknown as AggregateDefinition<BaseState>,
    stream: () => profileStream(),
    redaction: profileRedaction,
  },
  {
    name: 'inquiry',
    def: inquiry as unknown as AggregateDefinition<BaseState>,
    stream: () => inquiryStream(),
    redaction: inquiryRedaction,
  },
  {
    name: 'account',
    def: account as unknown as AggregateDefinition<BaseState>,
    stream: () => accountStream(),
    redaction: accountRedaction,
  },
  {
    name: 'case',
    def: caseAggregate as unknown as AggregateDefinition<BaseState>,
    stream: () => caseStream(),
    redaction: caseRedaction,
  },
];
