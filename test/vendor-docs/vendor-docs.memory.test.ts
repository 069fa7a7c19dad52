/** The vendor-documented fixtures on the memory store, in every Persona key inflection. */
import { describe } from 'vitest';
import { describeFixtures } from './suite.js';

describe('vendor-documented payloads, memory store', () => {
  describeFixtures(() => 'memory');
});
