import { describe, expect, it } from 'vitest';
import { maskChanges, touchesPii } from '../../src/projections/timeline/mask.js';
import { summarise } from '../../src/projections/timeline/summarise.js';

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
    expect(summarise({ type: 'inquiry.approved', actor: null, piiPaths: pii, changes: [{ path: 'status', before: 'pending', after: 'approved' }] })).toBe(
      'Status pending -> approved',
    );
    const line = summarise({ type: 'ADDRESS_UPDATED', actor: null, piiPaths: pii, changes: [{ path: 'address', before: { city: 'Leeds' }, after: { city: 'York' } }] });
    expect(line).toBe('Address updated');
  });

  it('says Redacted, and falls back to the event name when nothing changed', () => {
    expect(summarise({ type: 'account.redacted', actor: null, piiPaths: pii, changes: [{ path: 'redacted', before: false, after: true }, { path: 'name', before: 'Al', after: null }] })).toBe('Redacted');
    expect(summarise({ type: 'case.exported', actor: 'usr_1', piiPaths: pii, changes: [] })).toBe('case.exported by usr_1');
    expect(summarise({ type: 'brand.new', actor: null, piiPaths: pii, changes: [], unknown: true })).toBe('brand.new (unknown event)');
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
