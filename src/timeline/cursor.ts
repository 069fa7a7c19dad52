/**
 * Opaque pagination cursors. A cursor holds the keyset of the last entry returned
 * (occurredAt, position, subject) and the query's order, so the next page starts exactly after it:
 * no entry is repeated or skipped however many events arrive meanwhile (new ones show up only if
 * they sort after the cursor). Base64url JSON: opaque to callers, not secret. A cursor is bound to
 * the query that made it (subject, filters, includeRelated, order) by a digest of that query, so a
 * cursor passed to another query is refused rather than silently resuming somewhere else.
 */
import { createHash } from 'node:crypto';
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
  /** queryDigest() of the query that made it. */
  query: string;
}

/** What a cursor is bound to: everything about a query except its limit and cursor. */
export interface CursorQuery {
  kind: string;
  id: string;
  includeRelated: boolean;
  from: string | null;
  to: string | null;
  types: readonly string[];
  actors: readonly string[];
}

export function queryDigest(q: CursorQuery): string {
  const canonical = JSON.stringify([
    q.kind,
    q.id,
    q.includeRelated,
    q.from,
    q.to,
    [...q.types].sort(),
    [...q.actors].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

const cursorSchema = z.object({
  v: z.literal(1),
  o: z.enum(['asc', 'desc']),
  // timestamptz as PostgreSQL prints it (keeps microseconds), or ISO 8601.
  t: z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/),
  p: z.string().regex(/^\d{1,20}$/),
  k: z.string().min(1).max(200),
  i: z.string().min(1).max(500),
  q: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
});

export function encodeCursor(state: CursorState): string {
  const body = {
    v: 1,
    o: state.order,
    t: state.occurredAt,
    p: state.position,
    k: state.subjectKind,
    i: state.subjectId,
    q: state.query,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * Throws InvalidQueryError for anything this module did not produce, a cursor for the other order,
 * or one made by another query (`query`: queryDigest of the query it is passed to).
 */
export function decodeCursor(cursor: string, order: TimelineOrder, query: string): CursorState {
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
  if (c.q !== query)
    throw new InvalidQueryError(
      'cursor',
      'cursor was made by another query (subject, filters or includeRelated): pass it only with the query that returned it',
    );
  return { order: c.o, occurredAt: c.t, position: c.p, subjectKind: c.k, subjectId: c.i, query: c.q };
}
