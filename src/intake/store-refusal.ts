/**
 * A store that refuses an event for what it contains (PostgreSQL data exceptions such as U+0000 in
 * jsonb or text, or an id too long for an index) will refuse it on every retry. Intake quarantines
 * such a delivery instead of answering 500, which would make the vendor retry it for days.
 */
import type { Problem } from '../events/parse-result.js';
import { sqlState } from '../store/sql/errors.js';

/** SQLSTATE class 22 (data exception) and 54000 (program limit exceeded, e.g. index row too large). */
const REFUSAL = /^(22|54000$)/;

export function storeRefusal(error: unknown): Problem | null {
  const code = sqlState(error);
  if (!code || !REFUSAL.test(code)) return null;
  return { code: 'invalid_field', path: [], message: `the event store refused the event (SQLSTATE ${code})` };
}
