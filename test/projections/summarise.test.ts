import { describe, expect, it } from 'vitest';
import { maskChanges, touchesPii } from '../../src/projections/read-models/mask.js';
import { summarise } from '../../src/projections/read-models/summarise.js';

const pii = ['name', 'address', 'fields.*', 'documents.*.url'];

describe('summarise', () => {
  it('lists tag additions and removals with the actor', () => {
    expect(
      summarise({
        type: 'TAGS_UPDATED',
        actor: 'system',
        piiPaths: pii,
        changes: [{ path: 'tags', before: ['PENDING_REVIEW'], after: ['APPROVED', 'VIP_CLIENT'] }],
      }),
    ).toBe('Tags +APPROVED +VIP_CLIENT -PENDING_REVIEW by system');
  });

  it('shows status transitions and names PII fields without their values', () => {
    expect(
      summarise({
        type: 'inquiry.approved',
        actor: null,
        piiPaths: pii,
        changes: [{ path: 'status', before: 'pending', after: 'approved' }],
      }),
    ).toBe('Status pending -> approved');
    const line = summarise({
      type: 'ADDRESS_UPDATED',
      actor: null,
      piiPaths: pii,
      changes: [{ path: 'address', before: { city: 'Leeds' }, after: { city: 'York' } }],
    });
    expect(line).toBe('Address updated');
  });

  it('says Redacted, and falls back to the event name when nothing changed', () => {
    expect(
      summarise({
        type: 'account.redacted',
        actor: null,
        piiPaths: pii,
        changes: [
          { path: 'redacted', before: false, after: true },
          { path: 'name', before: 'Al', after: null },
        ],
      }),
    ).toBe('Redacted');
    expect(summarise({ type: 'case.exported', actor: 'usr_1', piiPaths: pii, changes: [] })).toBe(
      'case.exported by usr_1',
    );
    expect(summarise({ type: 'brand.new', actor: null, piiPaths: pii, changes: [], unknown: true })).toBe(
      'brand.new (unknown event)',
    );
  });
});

describe('summarise: every kind of line', () => {
  const base = { actor: null, piiPaths: pii };

  it('reads naturally for a creation, with or without an actor', () => {
    const changes = [
      { path: 'createdAt', before: null, after: '2026-01-05T09:00:00.000Z' },
      { path: 'createdBy', before: null, after: 'api_key_abc' },
      { path: 'clientReferenceId', before: null, after: 'cust_1' },
      { path: 'name', before: null, after: { first: 'Al' } },
      { path: 'version', before: 0, after: 1 },
    ];
    expect(summarise({ ...base, type: 'USER_PROFILE_CREATE', actor: 'api_key_abc', changes })).toBe(
      'Created by api_key_abc',
    );
    expect(summarise({ ...base, type: 'USER_PROFILE_CREATE', changes })).toBe('Created');
    expect(
      summarise({
        ...base,
        type: 'account.created',
        actor: 'system',
        changes: [{ path: 'status', before: null, after: 'default' }],
      }),
    ).toBe('Created; Status default by system');
    // Not a creation: an event named after one but about something else.
    expect(
      summarise({
        ...base,
        type: 'USER_PROFILE_CREATE_SESSION_URL',
        changes: [{ path: 'sessions', before: {}, after: { s1: {} } }],
      }),
    ).toBe('Sessions updated');
  });

  it('never reads "Created by updated" when an event only fills in the creator', () => {
    const line = summarise({
      ...base,
      type: 'RESULT_UPDATE',
      actor: 'analyst@acme.example',
      changes: [
        { path: 'createdBy', before: null, after: 'x' },
        { path: 'result', before: 'PENDING', after: 'APPROVED' },
      ],
    });
    expect(line).toBe('Result PENDING -> APPROVED by analyst@acme.example');
  });

  it('status and result transitions, from nothing too', () => {
    expect(
      summarise({
        ...base,
        type: 'case.status-updated',
        changes: [{ path: 'status', before: 'Open', after: 'Closed' }],
      }),
    ).toBe('Status Open -> Closed');
    expect(
      summarise({
        ...base,
        type: 'RESULT_UPDATE',
        changes: [{ path: 'result', before: null, after: 'DECLINED' }],
      }),
    ).toBe('Result none -> DECLINED');
  });

  it('tags: per-index changes, repeats, and nothing for an unchanged set', () => {
    expect(
      summarise({
        ...base,
        type: 'TAGS_UPDATED',
        changes: [
          { path: 'tags.0', before: 'A', after: 'B' },
          { path: 'tags.1', before: undefined, after: 'C' },
        ],
      }),
    ).toBe('Tags +B +C -A');
    expect(
      summarise({
        ...base,
        type: 'TAGS_UPDATED',
        actor: 'system',
        changes: [{ path: 'tags', before: ['A'], after: ['A'] }],
      }),
    ).toBe('TAGS_UPDATED by system');
  });

  it('address: names the field, never the value, also beside other fields', () => {
    const line = summarise({
      ...base,
      type: 'ADDRESS_UPDATED',
      changes: [
        { path: 'address.city', before: 'Leeds', after: 'York' },
        { path: 'addressHistory', before: [], after: [{ city: 'Leeds' }] },
      ],
    });
    expect(line).toBe('Address updated; Address history updated');
    expect(line).not.toMatch(/Leeds|York/);
  });

  it('redaction hides tag and field lists, whatever else changed', () => {
    expect(
      summarise({
        ...base,
        type: 'inquiry.redacted',
        actor: 'usr_9',
        changes: [
          { path: 'redacted', before: false, after: true },
          { path: 'redactedAt', before: null, after: '2026-01-06T00:00:00Z' },
          { path: 'tags', before: ['X'], after: [] },
          { path: 'fields.nameFirst', before: 'Al', after: null },
        ],
      }),
    ).toBe('Redacted by usr_9');
  });

  it('unknown events: stored and named, with whatever fields they touched', () => {
    expect(summarise({ ...base, type: 'brand.new-thing', changes: [], unknown: true })).toBe(
      'brand.new-thing (unknown event)',
    );
    expect(
      summarise({
        ...base,
        type: 'brand.new-thing',
        unknown: true,
        changes: [{ path: 'anomalies', before: [], after: ['x'] }],
      }),
    ).toBe('brand.new-thing (unknown event)');
  });

  it('lists at most three fields, then counts the rest', () => {
    const changes = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'].map((f) => ({
      path: f,
      before: 1,
      after: 2,
    }));
    expect(summarise({ ...base, type: 'x.updated', changes })).toBe(
      'Alpha updated; Beta updated; Gamma updated; 2 more fields updated',
    );
  });
});

describe('maskChanges', () => {
  it('masks values under, and containers of, PII paths; keeps empty values and other paths', () => {
    expect(touchesPii('fields.nameFirst', pii)).toBe(true);
    expect(touchesPii('documents', pii)).toBe(true);
    expect(touchesPii('status', pii)).toBe(false);
    expect(
      maskChanges(
        [
          { path: 'fields.nameFirst', before: 'Alex', after: null },
          { path: 'documents', before: {}, after: { d1: { url: 'https://x' } } },
          { path: 'status', before: 'a', after: 'b' },
        ],
        pii,
      ),
    ).toEqual([
      { path: 'fields.nameFirst', before: '[redacted]', after: null },
      { path: 'documents', before: '[redacted]', after: '[redacted]' },
      { path: 'status', before: 'a', after: 'b' },
    ]);
  });
});
