/**
 * fast-check generators of realistic streams for the fold properties. Steps are plain data
 * (so fast-check can shrink them); `toEvents` turns them into deliveries parsed by the real
 * parseDelivery. Every PII value is a `pii…` token so a test can search a state's JSON for it.
 */
import fc from 'fast-check';
import type { AggregateDefinition, BaseState } from '../../src/aggregates/aggregate.js';
import { inquiry } from '../../src/aggregates/inquiry.js';
import { userProfile } from '../../src/aggregates/user-profile.js';
import type { NewEvent } from '../../src/events/types.js';
import { inquiryResource, verificationResource } from '../support/deliveries.js';
import { persona, profileEvent } from './fixtures.js';

const token = fc.stringMatching(/^[a-z]{6,9}$/).map((s) => `pii${s}`);
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
  fc.constantFrom('file_a', 'file_b').map((file) => ({
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
  fc.tuple(fc.constantFrom('hit_1', 'hit_2'), token, token).map(([hit, name, note]) => ({
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
  token.map((local) => ({
    kind: 'USER_PROFILE_EMAIL_SESSION_URL',
    pii: [local],
    make: (at: string) =>
      profileEvent(
        'USER_PROFILE_EMAIL_SESSION_URL',
        UP,
        {
          verification_session_id: 'vs_1',
          session_url: `https://x.test/${local}`,
          email_address: `${local}@example.test`,
        },
        at,
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
  fc.tuple(token, token, token).map(([first, last, street]) => ({
    kind: 'inquiry.transitioned',
    pii: [first, last, street],
    make: (at: string) =>
      persona(
        'inquiry.transitioned',
        inquiryResource({
          id: INQ,
          status: 'pending',
          attributes: { nameFirst: first, nameLast: last, addressStreet1: street, fields: {} },
        }),
        { at },
      ),
  })),
  fc
    .tuple(fc.constantFrom('completed', 'approved', 'declined', 'marked-for-review', 'expired'), tags)
    .map(([action, sent]) => ({
      kind: `inquiry.${action}`,
      pii: [],
      make: (at: string) =>
        persona(`inquiry.${action}`, { type: 'inquiry', id: INQ, attributes: { tags: sent } }, { at }),
    })),
  fc
    .tuple(
      fc.constantFrom('ver_1', 'ver_2'),
      fc.constantFrom('submitted', 'passed', 'failed', 'requires-retry'),
    )
    .map(([id, action]) => ({
      kind: `verification.${action}`,
      pii: [],
      make: (at: string) =>
        persona(
          `verification.${action}`,
          verificationResource({ id, inquiryId: INQ, attributes: { status: undefined } }),
          { at },
        ),
    })),
  token.map((note) => ({
    kind: 'inquiry.updated-tags',
    pii: [note],
    make: (at: string) =>
      persona(
        'inquiry.updated-tags',
        inquiryResource({
          id: INQ,
          tags: ['X'],
          attributes: { note, fields: { nick: { type: 'string', value: note } } },
        }),
        { at },
      ),
  })),
];

export const inquiryRedaction: Step = {
  kind: 'inquiry.redacted',
  pii: [],
  make: (at) =>
    persona('inquiry.redacted', { type: 'inquiry', id: INQ, attributes: { redactedAt: at } }, { at }),
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
];
