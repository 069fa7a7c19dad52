import { describe, expect, it } from 'vitest';
import { parseDelivery } from '../../src/events/parse.js';
import { describeProblems, type Problem, type ProblemCode } from '../../src/events/parse-result.js';
import type { Source } from '../../src/events/types.js';
import {
  aiPriseDelivery,
  inquiryResource,
  personaDelivery,
  sampleAiPrisePayload,
  tagsUpdated,
} from '../support/deliveries.js';

function problems(source: Source, body: string | Uint8Array, options = {}): Problem[] {
  const result = parseDelivery(source, body, options);
  if (result.ok) throw new Error('expected the delivery to be rejected');
  expect(result.problems.length).toBeGreaterThan(0);
  return result.problems;
}

/** A valid kebab-case Persona body as a mutable object. */
function personaBody(inflection: 'kebab' | 'snake' = 'kebab') {
  return JSON.parse(
    personaDelivery({
      name: 'inquiry.completed',
      id: 'evt_m',
      inflection,
      resource: inquiryResource({ id: 'inq_m', accountId: 'act_m' }),
    }),
  );
}

type Case = [
  label: string,
  source: Source,
  body: string | Uint8Array,
  code: ProblemCode,
  path: (string | number)[],
  message: RegExp,
];

const persona = (
  mutate: (b: ReturnType<typeof personaBody>) => void,
  inflection: 'kebab' | 'snake' = 'kebab',
): string => {
  const b = personaBody(inflection);
  mutate(b);
  return JSON.stringify(b);
};
const aiprise = (payload: Record<string, unknown>) => aiPriseDelivery(payload);

describe('malformed deliveries each give a clear, specific problem', () => {
  const cases: Case[] = [
    ['invalid JSON', 'persona', '{"data": {', 'invalid_json', [], /not valid JSON/],
    ['empty body', 'aiprise', '', 'invalid_json', [], /not valid JSON/],
    ['trailing garbage', 'persona', '{"data":{}} x', 'invalid_json', [], /position/],
    ['array body', 'persona', '[1,2]', 'not_an_object', [], /JSON object/],
    ['string body', 'aiprise', '"hello"', 'not_an_object', [], /JSON object/],
    ['null body', 'persona', 'null', 'not_an_object', [], /JSON object/],
    ['invalid UTF-8 bytes', 'persona', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'invalid_json', [], /UTF-8/],
    ['no data', 'persona', '{"meta":{}}', 'missing_field', ['data'], /missing/],
    [
      'data not an event',
      'persona',
      persona((b) => (b.data.type = 'inquiry')),
      'invalid_field',
      ['data', 'type'],
      /"event"/,
    ],
    [
      'missing event id',
      'persona',
      persona((b) => delete b.data.id),
      'missing_field',
      ['data', 'id'],
      /missing/,
    ],
    [
      'empty event id',
      'persona',
      persona((b) => (b.data.id = '')),
      'invalid_field',
      ['data', 'id'],
      /non-empty/,
    ],
    [
      'missing event name',
      'persona',
      persona((b) => delete b.data.attributes.name),
      'missing_field',
      ['data', 'attributes', 'name'],
      /missing/,
    ],
    [
      'name not a string',
      'persona',
      persona((b) => (b.data.attributes.name = 7)),
      'invalid_field',
      ['data', 'attributes', 'name'],
      /expected string/,
    ],
    [
      'created-at not a time',
      'persona',
      persona((b) => (b.data.attributes['created-at'] = 'yesterday')),
      'invalid_field',
      ['data', 'attributes', 'created-at'],
      /ISO 8601/,
    ],
    [
      'created_at missing (snake webhook)',
      'persona',
      persona((b) => delete b.data.attributes.created_at, 'snake'),
      'missing_field',
      ['data', 'attributes', 'created_at'],
      /missing/,
    ],
    [
      'payload missing',
      'persona',
      persona((b) => delete b.data.attributes.payload),
      'missing_field',
      ['data', 'attributes', 'payload'],
      /missing/,
    ],
    [
      'resource without id',
      'persona',
      persona((b) => delete b.data.attributes.payload.data.id),
      'missing_field',
      ['data', 'attributes', 'payload', 'data', 'id'],
      /missing/,
    ],
    [
      'attributes not an object',
      'persona',
      persona((b) => (b.data.attributes.payload.data.attributes = 'x')),
      'invalid_field',
      ['data', 'attributes', 'payload', 'data', 'attributes'],
      /expected object/,
    ],
    [
      'status wrong type',
      'persona',
      persona((b) => (b.data.attributes.payload.data.attributes.status = 3)),
      'invalid_field',
      ['data', 'attributes', 'payload', 'data', 'attributes', 'status'],
      /expected string/,
    ],
    [
      'tags not a list',
      'persona',
      persona((b) => (b.data.attributes.payload.data.attributes.tags = 'vip')),
      'invalid_field',
      ['data', 'attributes', 'payload', 'data', 'attributes', 'tags'],
      /expected array/,
    ],
    [
      'redacted_at not a time (snake)',
      'persona',
      persona((b) => (b.data.attributes.payload.data.attributes.redacted_at = 'soon'), 'snake'),
      'invalid_field',
      ['data', 'attributes', 'payload', 'data', 'attributes', 'redacted_at'],
      /ISO 8601/,
    ],
    [
      'half a relationship ref',
      'persona',
      persona((b) => (b.data.attributes.payload.data.relationships.account.data = { type: 'account' })),
      'invalid_field',
      ['data', 'attributes', 'payload', 'data', 'relationships', 'account', 'data'],
      /both type and id/,
    ],
    [
      'included not a list',
      'persona',
      persona((b) => (b.data.attributes.payload.included = {})),
      'invalid_field',
      ['data', 'attributes', 'payload', 'included'],
      /expected array/,
    ],
    [
      'AiPrise with no event type',
      'aiprise',
      aiprise({ user_profile_id: 'up_1' }),
      'unknown_shape',
      [],
      /user_profile_event_type/,
    ],
    [
      'AiPrise session id without event type or aiprise_summary',
      'aiprise',
      aiprise({ verification_session_id: 'vs_1', status: 'COMPLETED' }),
      'unknown_shape',
      [],
      /decision callback/,
    ],
    [
      'profile event without profile id',
      'aiprise',
      aiprise({ user_profile_event_type: 'COMMENT' }),
      'missing_field',
      ['user_profile_id'],
      /user_profile_id/,
    ],
    [
      'session event without ids',
      'aiprise',
      aiprise({ event_type: 'VERIFICATION_SESSION_STARTED' }),
      'missing_field',
      ['verification_session_id'],
      /verification_session_id/,
    ],
    [
      'business event without id',
      'aiprise',
      aiprise({ business_profile_event_type: 'X' }),
      'missing_field',
      ['business_profile_id'],
      /business_profile_id/,
    ],
    [
      'user_profile_id a number',
      'aiprise',
      aiprise({ ...sampleAiPrisePayload('COMMENT', 'up_1'), user_profile_id: 12 }),
      'invalid_field',
      ['user_profile_id'],
      /expected string/,
    ],
    [
      'current_tags not a list',
      'aiprise',
      aiprise({ ...tagsUpdated({ userProfileId: 'up_1', previous: [], current: [] }), current_tags: 'VIP' }),
      'invalid_field',
      ['current_tags'],
      /expected array/,
    ],
    [
      'AML hit without its id',
      'aiprise',
      aiprise({
        user_profile_id: 'up_1',
        user_profile_event_type: 'AML_HIT_RESOLVED',
        aml_hit: {},
        resolution: { status: 'RESOLVED' },
      }),
      'missing_field',
      ['aml_hit', 'entity_hit_id'],
      /missing/,
    ],
    [
      'uploaded_at as text',
      'aiprise',
      aiprise({
        user_profile_id: 'up_1',
        user_profile_event_type: 'ADD_ADDITIONAL_MEDIA',
        file_uuid: 'f',
        uploaded_at: '2024-01-01',
      }),
      'invalid_field',
      ['uploaded_at'],
      /expected number/,
    ],
    [
      'expires_at negative',
      'aiprise',
      aiprise({ ...sampleAiPrisePayload('USER_PROFILE_CREATE_SESSION_URL', 'up_1'), expires_at: -5 }),
      'invalid_field',
      ['expires_at'],
      /epoch milliseconds/,
    ],
    [
      'address current a number',
      'aiprise',
      aiprise({
        user_profile_id: 'up_1',
        user_profile_event_type: 'ADDRESS_UPDATED',
        previous: null,
        current: 5,
      }),
      'invalid_field',
      ['current'],
      /expected object/,
    ],
    [
      'decision not a string',
      'aiprise',
      aiprise({
        user_profile_id: 'up_1',
        user_profile_event_type: 'RUN_USER_VERIFICATION',
        aiprise_summary: { decision: true },
      }),
      'invalid_field',
      ['aiprise_summary', 'decision'],
      /expected string/,
    ],
  ];

  it.each(cases)('%s', (_label, source, body, code, path, message) => {
    const found = problems(source, body);
    const match = found.find((p) => p.code === code && JSON.stringify(p.path) === JSON.stringify(path));
    expect(match, `problems were ${JSON.stringify(found)}`).toBeDefined();
    expect(match!.message).toMatch(message);
  });

  it('reports every problem at once, not only the first', () => {
    const body = persona((b) => {
      delete b.data.id;
      b.data.attributes.name = 1;
      b.data.attributes.payload.data.attributes.status = false;
    });
    const found = problems('persona', body).map((p) => p.path.join('.'));
    expect(found).toEqual(
      expect.arrayContaining([
        'data.id',
        'data.attributes.name',
        'data.attributes.payload.data.attributes.status',
      ]),
    );
  });

  it('rejects bodies over maxBytes, as text or bytes, counting UTF-8 bytes', () => {
    const big = aiprise({
      user_profile_id: 'up_1',
      user_profile_event_type: 'COMMENT',
      comment: 'é'.repeat(600),
    });
    expect(problems('aiprise', big, { maxBytes: 1000 })).toEqual([
      { code: 'too_large', path: [], message: 'Body is larger than 1000 bytes' },
    ]);
    expect(problems('aiprise', new TextEncoder().encode(big), { maxBytes: 1000 })[0]!.code).toBe('too_large');
    expect(parseDelivery('aiprise', big, { maxBytes: 2000 }).ok).toBe(true);
    expect(problems('persona', 'x'.repeat(1024 * 1024 + 1))[0]!.code).toBe('too_large');
  });

  it('rejects nesting deeper than maxDepth before parsing, without blowing the stack', () => {
    const hostile = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(problems('persona', hostile)).toEqual([
      { code: 'too_deep', path: [], message: 'Body nests deeper than 64 levels' },
    ]);
    const nested = (n: number) =>
      `{"user_profile_id":"up_1","user_profile_event_type":"COMMENT","x":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(parseDelivery('aiprise', nested(63)).ok).toBe(true);
    expect(problems('aiprise', nested(64))[0]!.code).toBe('too_deep');
    expect(problems('aiprise', nested(5), { maxDepth: 5 })[0]!.code).toBe('too_deep');
  });

  it('does not count brackets inside strings as nesting', () => {
    const body = aiprise({
      user_profile_id: 'up_1',
      user_profile_event_type: 'COMMENT',
      comment: '[[[{{{"\\'.repeat(100),
    });
    expect(parseDelivery('aiprise', body).ok).toBe(true);
  });

  it('never puts values from the body into problem messages', () => {
    const secret = 'Jane-Secret-Doe-1970';
    const body = persona((b) => {
      b.data.attributes.payload.data.attributes.status = { leaked: secret };
      b.data.attributes['created-at'] = secret;
    });
    const text = describeProblems(problems('persona', body));
    expect(text).toContain('data.attributes.created-at');
    expect(text).not.toContain(secret);
    expect(describeProblems(problems('persona', `{"data": ${secret}`))).not.toContain(secret);
  });
});
