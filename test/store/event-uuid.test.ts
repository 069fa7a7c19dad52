import { describe, expect, it } from 'vitest';
import { eventUuid, markerStream } from '../../src/store/kurrentdb/event-uuid.js';

describe('KurrentDB event ids', () => {
  it('are the same v5 UUIDs of the vendor id in every release (the server dedupes on them)', () => {
    expect(eventUuid('abc')).toBe('ca6c4b94-a44a-5866-8afd-4ca7e9e1a4f5');
    expect(markerStream('abc')).toBe('pp-eventid-ca6c4b94-a44a-5866-8afd-4ca7e9e1a4f5');
    expect(eventUuid('évé 日本')).toBe('60880145-d969-598b-af37-8c4cbe0a8a8a');
  });
});
