/**
 * Opaque pagination cursors. A cursor holds the keyset of the last entry returned
 * (occurredAt, position, subject) and the query's order, so the next page starts exactly after it:
 * no entry is repeated or skipped however many events arrive meanwhile (new ones show up only if
 * they sort after the cursor). Base64url JSON: opaque to callers, not secret.
 */
import { z } from 'zod';
import { InvalidQueryError } from './errors.js';

export type TimelineOrder = 'asc' | 'desc';

interface CursorKey {
  /** occurred_at as PostgreSQL prints it: text keeps the microseconds a JS Date would drop. */
  occurredAt: string;
  /** Global position as a decimal string (bigint does not survive JSON). */
  position: string;
  subjectKind: string;
  subjectId: string;
}

export interface CursorState extends CursorKey {
  order: TimelineOrder;
}

const cursorSchema = z.object({
  v: z.literal(1),
  o: z.enum(['asc', 'desc']),
  // timestamptz as PostgreSQL prints it (keeps microseconds), or ISO 8601.
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/),
  p: z.string().regex(/^\d{1,20}$/),
  k: z.string().min(1).max(200),
  i: z.string().min(1).max(500),
});

export function encodeCursor(state: CursorState): string {
  const body = {
    v: 1,
    o: state.order,
    t: state.occurredAt,
    p: state.position,
    k: state.subjectKind,
    i: state.subjectId,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Throws InvalidQueryError for anything this module did not produce (or a cursor for the other order). */
export function decodeCursor(cursor: string, order: TimelineOrder): CursorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidQueryError('cursor', 'not a cursor returned by timeline()');
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new InvalidQueryError('cursor', 'not a cursor returned by timeline()');
  const c = result.data;
  if (c.o !== order)
    throw new InvalidQueryError('cursor', `cursor was made for order "${c.o}", not "${order}"`);
  return { order: c.o, occurredAt: c.t, position: c.p, subjectKind: c.k, subjectId: c.i };
}
