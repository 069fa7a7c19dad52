/** Masking for tokens without read:pii: the aggregates' PII paths, whole values, resource kinds in full. */
import { describe, expect, it } from 'vitest';
import { maskEntry, maskState } from '../../src/access/mask.js';
import type { AggregateState } from '../../src/aggregates/registry.js';
import type { TimelineEntry } from '../../src/timeline/entry.js';

const entry = (kind: string, changes: TimelineEntry['changes']): TimelineEntry => ({
  eventId: 'evt_1',
  type: 'X',
  source: 'persona',
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  actor: 'someone',
  subject: { kind, id: 'x_1' },
  changes,
  summary: 'Address updated',
});

describe('PII masking', () => {
  it("masks a state's PII paths and keeps the rest", () => {
    const state = {
      id: 'up_1',
      kind: 'user-profile',
      version: 2,
      tags: ['VIP_CLIENT'],
      redacted: false,
      result: 'APPROVED',
      name: { first: 'Ada', last: 'Lovelace' },
      email: 'ada@example.com',
      phone: null,
      addressHistory: [],
    } as unknown as AggregateState;
    const masked = maskState(state) as unknown as Record<string, unknown>;
    expect(masked).toMatchObject({
      id: 'up_1',
      result: 'APPROVED',
      tags: ['VIP_CLIENT'],
      name: '[redacted]',
    });
    expect(masked.email).toBe('[redacted]');
    expect(masked.phone).toBeNull();
    expect(masked.addressHistory).toEqual([]);
    expect(JSON.stringify(masked)).not.toMatch(/Ada|Lovelace|example\.com/);
    // The state read is not changed in place.
    expect((state as unknown as { email: string }).email).toBe('ada@example.com');
  });

  it('masks PII changes of an aggregate entry, and every change of a resource entry', () => {
    const profile = maskEntry(
      entry('user-profile', [
        { path: 'address.city', before: null, after: 'Springfield' },
        { path: 'result', before: 'REVIEW', after: 'APPROVED' },
      ]),
    );
    expect(profile.changes).toEqual([
      { path: 'address.city', before: null, after: '[redacted]' },
      { path: 'result', before: 'REVIEW', after: 'APPROVED' },
    ]);
    const resource = maskEntry(entry('persona-verification', [{ path: 'status', before: 'a', after: 'b' }]));
    expect(resource.changes).toEqual([{ path: 'status', before: '[redacted]', after: '[redacted]' }]);
    expect(resource.summary).toBe('Address updated');
  });
});
