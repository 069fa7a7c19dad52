/**
 * The one answer for "not now, retry later", shared by the read API and intake: 503 with
 * Retry-After, for a database that cannot be reached (any error db/errors.ts classifies as
 * unavailable) and for a read whose wait for the projections ran out (ProjectionsBehindError).
 * The body names which of the two, in this product's words, never the driver's.
 */
import type { FastifyReply } from 'fastify';
import { isUnavailable } from '../db/errors.js';
import { ProjectionsBehindError } from '../projector/read-your-writes.js';

export const RETRY_AFTER_SECONDS = 5;

export type UnavailableCode = 'database_unavailable' | 'projections_behind';

/** Which kind of unavailability `error` is, or undefined when it is something else. */
export function unavailableCode(error: unknown): UnavailableCode | undefined {
  if (error instanceof ProjectionsBehindError) return 'projections_behind';
  if (isUnavailable(error)) return 'database_unavailable';
  return undefined;
}

const MESSAGES: Record<UnavailableCode, string> = {
  database_unavailable: 'the database is unavailable; retry later',
  projections_behind: 'the read models have not caught up with recent writes; retry later',
};

/** Sends 503 with Retry-After; `extra` adds fields the route's body shape needs (intake's outcome). */
export function sendUnavailable(
  reply: FastifyReply,
  code: UnavailableCode,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ ...extra, error: code, message: MESSAGES[code] });
}
