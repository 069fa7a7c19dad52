/** The pure parts of partitioned projections: the stream hash, the spread over members, checkpoint order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { desiredPartitions, isPartitionedCheckpoint } from '../../src/projections/partitions/assignment.js';
import { reached } from '../../src/projections/partitions/caught-up.js';
import { partitionOf } from '../../src/projections/partitions/partition-of.js';
import { registerPartitionLag } from '../../src/projections/partitions/partition-lag.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { Registry } from 'prom-client';

describe('partitionOf', () => {
  it('is a fixed function of the stream id (a change would move streams between partitions)', () => {
    // FNV-1a 32: changing these values means every partitioned build must be rebuilt.
    expect(partitionOf('', 1 << 30)).toBe(0x811c9dc5 % (1 << 30));
    // Reference values from an independent FNV-1a (Python) over the same ASCII ids.
    const ids = ['account-act_1', 'inquiry-inq_1', 'user-profile-up_1'];
    expect(ids.map((s) => partitionOf(s, 1 << 30))).toEqual([928812865, 164961601, 526941680]);
    expect(ids.map((s) => partitionOf(s, 8))).toEqual([1, 1, 0]);
    expect(partitionOf('a', 256)).toBe(0xe40c292c % 256);
  });

  it('stays in range and spreads stream ids roughly evenly', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 1, max: 256 }), (id, n) => {
        const p = partitionOf(id, n);
        return Number.isInteger(p) && p >= 0 && p < n;
      }),
    );
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[partitionOf(`inquiry-inq_${i.toString(16)}`, 8)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(700);
  });
});

describe('desiredPartitions', () => {
  it('gives every partition to exactly one live member, counts differing by at most one', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 64 }),
        (members, n) => {
          const shares = members.map((m) => desiredPartitions(members, m, n));
          const all = shares.flat().sort((a, b) => a - b);
          expect(all).toEqual([...Array(n).keys()]);
          const sizes = shares.map((s) => s.length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
          // Every member computes the same answer whatever order it read the members in.
          expect(members.map((m) => desiredPartitions([...members].reverse(), m, n))).toEqual(shares);
        },
      ),
    );
  });

  it('gives nothing to a member that is not among the live ones', () => {
    expect(desiredPartitions(['a', 'b'], 'c', 8)).toEqual([]);
  });
});

describe('reached', () => {
  it('orders SQL checkpoints by (txid, position), and START is before everything', () => {
    expect(reached('10/5', '10/5')).toBe(true);
    expect(reached('10/6', '10/5')).toBe(true);
    expect(reached('11/1', '10/5')).toBe(true);
    expect(reached('9/100', '10/5')).toBe(false);
    expect(reached('', '10/5')).toBe(false);
    expect(reached('', '')).toBe(true);
    expect(reached('10/5', '')).toBe(true);
    expect(reached('partitioned:8', '10/5')).toBe(false);
    expect(isPartitionedCheckpoint('partitioned:8')).toBe(true);
    expect(isPartitionedCheckpoint('10/5')).toBe(false);
  });
});

describe('parked events hook', () => {
  it('reports the counter it is given per partition, and nothing without one', async () => {
    const withCounter = new Registry();
    // The lag gauges read the database only when collected; this test collects the parked gauge alone.
    const noDatabase = {} as SqlClient;
    registerPartitionLag(withCounter, noDatabase, 'read-models', async () => new Map([[3, 2]]));
    expect(await withCounter.getSingleMetricAsString('projection_partition_parked_events')).toContain(
      'projection_partition_parked_events{projection="read-models",partition="3"} 2',
    );
    const without = new Registry();
    registerPartitionLag(without, noDatabase, 'read-models');
    expect(without.getSingleMetric('projection_partition_parked_events')).toBeUndefined();
  });
});
