/** Deferred projections (projector/projections.ts) start on first need, and again after a failed start. */
import { describe, expect, it } from 'vitest';
import { deferredProjections, type Projections } from '../../src/projector/projections.js';

const started: Projections = {
  local: true,
  whenCaughtUp: async () => undefined,
  statuses: () => [],
  stop: async () => undefined,
};

describe('deferredProjections', () => {
  it('starts once on first need, and a start that failed is tried again by the next caller', async () => {
    let attempts = 0;
    const projections = deferredProjections(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('database unavailable');
      return started;
    });
    expect(attempts).toBe(0);
    await expect(projections.whenCaughtUp()).rejects.toThrow('database unavailable');
    await projections.whenCaughtUp();
    await projections.whenCaughtUp();
    expect(attempts).toBe(2);
    await projections.stop();
  });
});
