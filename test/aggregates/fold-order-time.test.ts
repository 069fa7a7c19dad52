/**
 * The fold orders events by occurrence time; `timeOf` reads the store's canonical ISO form without
 * Date.parse. Whatever the text, it must give what Date.parse gives (text that is no time: last).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeOf } from '../../src/aggregates/fold-order.js';

const byDateParse = (iso: string): number => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? Number.MAX_SAFE_INTEGER : ms;
};

const digitsOf = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n });

describe('timeOf', () => {
  it('reads every toISOString time as Date.parse does', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        expect(timeOf(iso)).toBe(byDateParse(iso));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any digits in the canonical shape as Date.parse does (out-of-range fields included)', () => {
    const shaped = fc
      .tuple(digitsOf(4), digitsOf(2), digitsOf(2), digitsOf(2), digitsOf(2), digitsOf(2), digitsOf(3))
      .map(([y, mo, d, h, mi, s, ms]) =>
        [
          y.join(''),
          '-',
          mo.join(''),
          '-',
          d.join(''),
          'T',
          h.join(''),
          ':',
          mi.join(''),
          ':',
          s.join(''),
          '.',
          ms.join(''),
          'Z',
        ].join(''),
      );
    fc.assert(
      fc.property(shaped, (iso) => {
        expect(timeOf(iso)).toBe(byDateParse(iso));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads other text as Date.parse does', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '2024-01-01T00:00:00Z',
        '2024-01-01T00:00:00.000+01:00',
        '2024-01-01 00:00:00.000Z',
        '2024-01-01T24:00:00.000Z',
        '0050-01-01T00:00:00.000Z',
        '2024-02-30T00:00:00.000Z',
        '2024-01-01T00:00:00.0a0Z',
        '+010000-01-01T00:00:00.000Z',
        'not a time',
      ),
    );
    fc.assert(
      fc.property(texts, (iso) => {
        expect(timeOf(iso)).toBe(byDateParse(iso));
      }),
      { numRuns: 1000 },
    );
  });
});
