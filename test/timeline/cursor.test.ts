import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, queryDigest, type CursorState } from '../../src/timeline/cursor.js';
import { InvalidQueryError } from '../../src/timeline/errors.js';

const query = queryDigest({
  kind: 'user-profile',
  id: 'up_1',
  includeRelated: false,
  from: null,
  to: null,
  types: [],
  actors: [],
});

const sample: CursorState = {
  query,
  order: 'asc',
  occurredAt: '2026-03-01 10:00:00.123456+00',
  position: '42',
  subjectKind: 'user-profile',
  subjectId: 'up_1',
};

describe('timeline cursor', () => {
  it('round-trips and is opaque url-safe text', () => {
    const c = encodeCursor(sample);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, 'asc', query)).toEqual(sample);
  });

  it('round-trips any key', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1970-01-01'), max: new Date('2999-01-01'), noInvalidDate: true }),
        fc.bigInt({ min: 0n, max: 2n ** 62n }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        (date, position, id, order) => {
          const state: CursorState = {
            order,
            occurredAt: date.toISOString(),
            position: String(position),
            subjectKind: 'account',
            subjectId: id,
            query,
          };
          expect(decodeCursor(encodeCursor(state), order, query)).toEqual(state);
        },
      ),
    );
  });

  it('rejects garbage, tampered fields and a cursor for the other order', () => {
    expect(() => decodeCursor('not-a-cursor', 'asc', query)).toThrow(InvalidQueryError);
    const tampered = Buffer.from(
      JSON.stringify({ v: 1, o: 'asc', t: "2026-01-01'; drop table x", p: '1', k: 'a', i: 'b' }),
    ).toString('base64url');
    expect(() => decodeCursor(tampered, 'asc', query)).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor(sample), 'desc', query)).toThrow(/order "asc"/);
  });

  it('refuses a cursor made by another query: other subject, filters or includeRelated', () => {
    const base = {
      kind: 'user-profile',
      id: 'up_1',
      includeRelated: false,
      from: null,
      to: null,
      types: [],
      actors: [],
    };
    const others = [
      { ...base, id: 'up_2' },
      { ...base, kind: 'account' },
      { ...base, includeRelated: true },
      { ...base, from: '2026-01-01T00:00:00.000Z' },
      { ...base, types: ['inquiry.*'] },
      { ...base, actors: ['a@b'] },
    ];
    for (const other of others)
      expect(() => decodeCursor(encodeCursor(sample), 'asc', queryDigest(other))).toThrow(/another query/);
    // The same filters in another order are the same query.
    const two = queryDigest({ ...base, types: ['a', 'b'] });
    expect(queryDigest({ ...base, types: ['b', 'a'] })).toBe(two);
  });
});
