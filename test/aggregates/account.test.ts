import { describe, expect, it } from 'vitest';
import { account } from '../../src/aggregates/account.js';
import { accountResource, stringField } from '../support/deliveries.js';
import { given } from '../support/given.js';
import { persona } from './fixtures.js';

const ID = 'act_spec1';
const res = (input: Partial<Parameters<typeof accountResource>[0]> = {}) =>
  accountResource({ id: ID, ...input });
// Created well before every other event, whatever order a test builds them in.
const created = () =>
  persona('account.created', res({ tags: ['vip', 'new'] }), { at: '2024-01-01T00:00:00.000Z' });

describe('account', () => {
  it('account.created takes the attributes: status key and label, reference id, fields, sorted tags', () => {
    given(account, created()).then((s) => {
      expect(s).toMatchObject({
        id: ID,
        kind: 'account',
        version: 1,
        status: 'default',
        statusLabel: 'Default',
      });
      expect(s.referenceId).toBe('customer-123');
      expect(s.accountType).toBe('User');
      expect(s.fields).toEqual({ name: { first: 'Alex', last: 'Sample' } });
      // Identity lives in the account's typed fields: the `name` hash fills the state's name.
      expect(s.name).toEqual({ first: 'Alex', middle: null, last: 'Sample' });
      expect(s.tags).toEqual(['new', 'vip']);
      expect(Object.isFrozen(s)).toBe(true);
    });
  });

  it('account.status-updated takes the status as it was at event time', () => {
    given(account, created())
      .when(persona('account.status-updated', res({ status: 'Under Review' })))
      .then((s) => expect([s.status, s.statusLabel]).toEqual(['under_review', 'Under Review']));
  });

  it('account.tag-added and account.tag-removed take the tags sent', () => {
    given(account, created())
      .when(persona('account.tag-added', res({ tags: ['vip', 'new', 'pep'] })))
      .then((s) => expect(s.tags).toEqual(['new', 'pep', 'vip']));
    given(account, created())
      .when(persona('account.tag-removed', res({ tags: ['vip'] })))
      .then((s) => expect(s.tags).toEqual(['vip']));
  });

  it('account.tag-added whose payload is the tag itself adds that tag', () => {
    given(account, created())
      .when(persona('account.tag-added', { type: 'tag', id: 'tag_1', attributes: { name: 'high-risk' } }))
      .then((s) => expect(s.tags).toEqual(['high-risk', 'new', 'vip']));
  });

  it('account.updated-tags replaces the tags', () => {
    given(account, created())
      .when(persona('account.updated-tags', res({ tags: ['b', 'a'] })))
      .then((s) => expect(s.tags).toEqual(['a', 'b']));
  });

  it('account.updated-fields merges sent fields and unwraps typed values; unsent fields stay', () => {
    given(account, created())
      .when(
        persona(
          'account.updated-fields',
          res({
            fields: {
              name: { type: 'hash', value: { first: stringField('Alexandra'), last: stringField('Sample') } },
              address: { type: 'hash', value: { city: { type: 'string', value: 'Leeds' } } },
            },
          }),
        ),
      )
      .then((s) => {
        expect(s.fields).toEqual({
          name: { first: 'Alexandra', last: 'Sample' },
          address: { city: 'Leeds' },
        });
        expect(s.name).toEqual({ first: 'Alexandra', middle: null, last: 'Sample' });
        expect(s.address).toMatchObject({ city: 'Leeds', street1: null });
      });
  });

  it('a missing attribute means "not sent": a blocklisted payload keeps what the state had', () => {
    given(account, created())
      .when(persona('account.status-updated', { type: 'account', id: ID }))
      .then((s) => {
        expect(s.referenceId).toBe('customer-123');
        expect(s.tags).toEqual(['new', 'vip']);
        expect(s.version).toBe(2);
      });
  });

  it('account.archived and account.restored flip archived', () => {
    const archived = persona('account.archived', res());
    given(account, created())
      .when(archived)
      .then((s) => expect(s.archived).toBe(true));
    given(account, created(), archived)
      .when(persona('account.restored', res()))
      .then((s) => expect(s.archived).toBe(false));
  });

  it('account.consolidated records the account this one was combined into', () => {
    const event = persona('account.consolidated', {
      ...res(),
      relationships: { consolidatedInto: { type: 'account', id: 'act_survivor' } },
    });
    given(account, created())
      .when(event)
      .then((s) => expect(s.consolidatedInto).toBe('act_survivor'));
  });

  it('account.consolidated-with adds each combined account to consolidatedFrom once', () => {
    const from = (id: string) =>
      persona('account.consolidated-with', res(), { included: [accountResource({ id })] });
    given(account, created())
      .when(from('act_old1'), from('act_old2'), from('act_old1'))
      .then((s) => expect(s.consolidatedFrom).toEqual(['act_old1', 'act_old2']));
  });

  it('account.added-relation and account.removed-relation keep the relation the event context names', () => {
    // The payload is the account itself; the context names the other side and the relation's key.
    const context = { relationSchemaKey: 'beneficial_owner', relatedAccountId: 'act_owner1' };
    given(account, created())
      .when(persona('account.added-relation', res(), { context }))
      .then((s) =>
        expect(s.relations).toEqual([{ type: 'account', id: 'act_owner1', key: 'beneficial_owner' }]),
      );
    given(account, created(), persona('account.added-relation', res(), { context }))
      .when(persona('account.removed-relation', res(), { context }))
      .then((s) => expect(s.relations).toEqual([]));
  });

  it('account.redacted clears PII, fields, reference id and tags, keeps status', () => {
    const withPii = persona(
      'account.created',
      res({
        attributes: {
          nameFirst: 'Alex',
          birthdate: '1990-04-12',
          emailAddress: 'alex@example.test',
          addressCity: 'York',
        },
      }),
    );
    given(account, withPii)
      .when(
        persona(
          'account.redacted',
          res({ redactedAt: '2024-05-01T00:00:00.000Z', attributes: { nameFirst: null } }),
        ),
      )
      .then((s) => {
        expect(s.redacted).toBe(true);
        expect(s).toMatchObject({
          name: null,
          birthdate: null,
          email: null,
          address: null,
          referenceId: null,
          tags: [],
        });
        expect(s.fields).toEqual({ name: null });
        expect(s.status).toBe('default');
      });
  });

  it('a non-null redactedAt on any account event redacts; later events cannot bring PII back', () => {
    given(account, created())
      .when(
        persona('account.updated-tags', res({ redactedAt: '2024-05-01T00:00:00.000Z', tags: ['x'] })),
        persona(
          'account.updated-fields',
          res({ fields: { nameFirst: stringField('Back') }, attributes: { nameFirst: 'Back' } }),
        ),
      )
      .then((s) => {
        expect(s.redacted).toBe(true);
        expect(s.fields.nameFirst).toBeNull();
        expect(s.name).toBeNull();
        expect(s.tags).toEqual([]);
      });
  });

  it('an unknown account event counts in version and updatedAt and changes nothing else', () => {
    const spec = given(account, created());
    const before = spec.then(() => undefined);
    const unknown = persona('account.teleported', res({ status: 'Gone', tags: ['z'] }));
    spec.when(unknown).then((s) => {
      expect(s.version).toBe(2);
      expect(s.updatedAt).toBe(unknown.occurredAt);
      expect({ ...s, version: 0, updatedAt: null }).toEqual({ ...before, version: 0, updatedAt: null });
    });
  });
});
