/**
 * Expected-version rules shared by every adapter, so memory, SQL and KurrentDB agree on what
 * each mode means. A stream that does not exist has version 0.
 */
import { ConcurrencyError, type ExpectedVersion } from './event-store.js';

function satisfiesExpected(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === 0;
    case 'exists':
      return actual > 0;
    default:
      return actual === expected;
  }
}

export function assertExpected(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (!satisfiesExpected(expected, actual)) {
    throw new ConcurrencyError(streamId, expected, actual === 0 ? 'no-stream' : actual);
  }
}

export function validateExpected(expected: ExpectedVersion): void {
  if (typeof expected === 'number' && (!Number.isSafeInteger(expected) || expected < 0)) {
    throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
  }
}
