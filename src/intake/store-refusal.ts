/**
 * A store that refuses an event for what it contains will refuse it on every retry. Intake
 * quarantines such a delivery instead of answering 500, which would make the vendor retry it for days.
 */
import type { Problem } from '../events/parse-result.js';
import { StoreRefusedError } from '../store/event-store.js';

export function storeRefusal(error: unknown): Problem | null {
  if (!(error instanceof StoreRefusedError)) return null;
  return { code: 'invalid_field', path: [], message: error.message };
}
