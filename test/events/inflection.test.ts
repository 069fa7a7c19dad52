import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { camelizeKeys, camelKey, inflectKey, inflectKeys } from '../../src/events/inflection.js';
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent } from '../../src/events/types.js';
import {
  accountResource,
  caseResource,
  inquiryResource,
  personaDelivery,
  reportResource,
  transactionResource,
  verificationResource,
  type Inflection,
  type PersonaDeliveryInput,
} from '../support/deliveries.js';

const INFLECTIONS: Inflection[] = ['kebab', 'camel', 'snake'];

function parsed(input: PersonaDeliveryInput, inflection: Inflection): NewEvent {
  const result = parseDelivery('persona', personaDelivery({ ...input, inflection }));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.event;
}

describe('key inflection', () => {
  it('camelCases kebab and snake keys and leaves camel keys alone', () => {
    expect(camelKey('created-at')).toBe('createdAt');
    expect(camelKey('created_at')).toBe('createdAt');
    expect(camelKey('createdAt')).toBe('createdAt');
    expect(camelKey('address-street-1')).toBe('addressStreet1');
    expect(camelKey('address_street_1')).toBe('addressStreet1');
    expect(camelKey('_id')).toBe('_id');
    expect(camelKey('status')).toBe('status');
  });

  it('inflects camel keys the way the vendors send them', () => {
    expect(inflectKey('slaExpiresAt', 'kebab')).toBe('sla-expires-at');
    expect(inflectKey('slaExpiresAt', 'snake')).toBe('sla_expires_at');
    expect(inflectKey('slaExpiresAt', 'camel')).toBe('slaExpiresAt');
  });

  it('camelizes keys at every depth and never touches values', () => {
    const body = {
      'name-first': 'kebab-value',
      list: [{ postal_code: 'snake_value' }],
      nested: { 'deep-er': { 'x-y': null } },
    };
    expect(camelizeKeys(body)).toEqual({
      nameFirst: 'kebab-value',
      list: [{ postalCode: 'snake_value' }],
      nested: { deepEr: { xY: null } },
    });
  });

  it('keeps a __proto__ key as plain data, never as a prototype', () => {
    const out = camelizeKeys(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('inflection variants of one Persona delivery', () => {
  const deliveries: [string, PersonaDeliveryInput][] = [
    ['account', { name: 'account.updated-fields', resource: accountResource({ id: 'act_1', tags: ['a'] }) }],
    [
      'inquiry',
      {
        name: 'inquiry.completed',
        resource: inquiryResource({ id: 'inq_1', status: 'completed', accountId: 'act_1' }),
      },
    ],
    [
      'case',
      {
        name: 'case.assigned',
        resource: caseResource({
          id: 'case_1',
          accountIds: ['act_1'],
          inquiryIds: ['inq_1'],
          assigneeId: 'usr_2',
          assignerId: 'usr_1',
        }),
      },
    ],
    [
      'verification',
      {
        name: 'verification.passed',
        resource: verificationResource({
          id: 'ver_1',
          inquiryId: 'inq_1',
          accountId: 'act_1',
          status: 'passed',
        }),
      },
    ],
    [
      'report',
      {
        name: 'report/watchlist.matched',
        resource: reportResource({ id: 'rep_1', accountId: 'act_1' }),
        included: [accountResource({ id: 'act_1' })],
      },
    ],
    [
      'transaction',
      {
        name: 'transaction.status-updated',
        resource: transactionResource({ id: 'txn_1', accountId: 'act_1' }),
      },
    ],
  ];

  it.each(deliveries)('%s: kebab, camel and snake normalise to equal events (raw aside)', (_label, input) => {
    const fixed = { ...input, id: 'evt_same', createdAt: '2024-07-01T08:00:00.000Z' };
    const [kebab, camel, snake] = INFLECTIONS.map((inflection) => parsed(fixed, inflection));
    expect(kebab!.raw).not.toBe(snake!.raw);
    const strip = ({ raw: _raw, ...event }: NewEvent) => event;
    expect(strip(camel!)).toEqual(strip(kebab!));
    expect(strip(snake!)).toEqual(strip(kebab!));
    expect(kebab!.eventId).toBe('evt_same');
  });

  it('holds for arbitrary camelCase attribute trees (property)', () => {
    // Prefixed with x so no key collides with an attribute the schema types (status, tags, …).
    const key = fc.stringMatching(/^x[a-z0-9]{0,6}([A-Z][a-z0-9]{0,5}){0,3}$/);
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 6 }), (attributes) => {
        const input = {
          name: 'account.updated-fields',
          id: 'evt_p',
          createdAt: '2024-01-01T00:00:00.000Z',
          resource: { type: 'account', id: 'act_p', attributes },
        };
        const events = INFLECTIONS.map((inflection) => parsed(input, inflection));
        for (const e of events) expect(e.data).toEqual(events[0]!.data);
        expect(events[0]!.data).toEqual({
          resource: { type: 'account', id: 'act_p', attributes, relationships: {} },
          included: [],
        });
      }),
      { numRuns: 200 },
    );
  });

  it('inflectKeys and camelizeKeys round-trip camelCase keys', () => {
    const body = { slaExpiresAt: 1, fields: { addressStreet1: { type: 'string', value: 'x' } } };
    for (const inflection of INFLECTIONS) expect(camelizeKeys(inflectKeys(body, inflection))).toEqual(body);
  });
});
