/** The run's memory of aggregate_state rows: bounded by count, and no longer complete once a row is evicted. */
import { describe, expect, it } from 'vitest';
import { MAX_CACHED, StateCache } from '../../src/projections/read-models/state-cache.js';
import type { StoredRow } from '../../src/projections/read-models/plan.js';
import type { BaseState } from '../../src/aggregates/aggregate.js';

const row = (n: number): StoredRow => ({
  streamVersion: n,
  lastMs: n,
  redacted: false,
  state: { version: n } as unknown as BaseState,
});

describe('StateCache', () => {
  it('holds every row it was told of up to its bound, and stays complete until one is evicted', () => {
    const cache = new StateCache(true);
    const keys = Array.from({ length: MAX_CACHED }, (_, i) => `inquiry\0inq_${i}`);
    cache.remember(keys.map((k, i) => [k, row(i)] as const));
    expect(cache.complete).toBe(true);
    expect(cache.get(keys[0]!)?.streamVersion).toBe(0);
    expect(cache.get(keys.at(-1)!)?.streamVersion).toBe(MAX_CACHED - 1);

    // One more: the least recently used row (keys[1]; keys[0] was just read) goes, and a missing
    // key no longer means "no row in the table".
    cache.remember([['inquiry\0inq_new', row(-1)]]);
    expect(cache.complete).toBe(false);
    expect(cache.get(keys[1]!)).toBeUndefined();
    expect(cache.get(keys[0]!)?.streamVersion).toBe(0);
    expect(cache.get('inquiry\0inq_new')?.streamVersion).toBe(-1);
  });

  it('is not complete when the run began on a build that already held rows', () => {
    const cache = new StateCache(false);
    expect(cache.complete).toBe(false);
    expect(cache.get('inquiry\0inq_1')).toBeUndefined();
  });

  it('keeps a vendor id that names an Object.prototype member as data', () => {
    const cache = new StateCache(true);
    cache.remember([['account\0__proto__', row(7)]]);
    expect(cache.get('account\0__proto__')?.streamVersion).toBe(7);
    expect(cache.get('account\0constructor')).toBeUndefined();
  });
});
