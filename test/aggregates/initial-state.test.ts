/**
 * Each aggregate writes its initial state out as one literal (a spread of the shared parts is slow
 * in V8): the shared fields must stay those initialBase and emptyIdentity give, in their order.
 */
import { describe, expect, it } from 'vitest';
import { initialBase } from '../../src/aggregates/aggregate.js';
import { emptyIdentity } from '../../src/aggregates/identity.js';
import { aggregates } from '../../src/aggregates/registry.js';

describe('initial states', () => {
  for (const def of Object.values(aggregates)) {
    it(`${def.kind} starts with initialBase's fields${def.kind === 'inquiry' || def.kind === 'account' ? " and emptyIdentity's" : ''}`, () => {
      const state = def.initial('some-id') as unknown as Record<string, unknown>;
      const shared: Record<string, unknown> = { ...initialBase('some-id', def.kind) };
      if (def.kind === 'inquiry' || def.kind === 'account') Object.assign(shared, emptyIdentity());
      const keys = Object.keys(shared);
      expect(Object.keys(state).slice(0, keys.length)).toEqual(keys);
      for (const key of keys) expect(state[key], key).toEqual(shared[key]);
    });
  }
});
