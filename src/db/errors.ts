/**
 * How database failures are classified, in this one place (the runner, intake and the read API
 * all ask here). "Unavailable" (retry later) rather than "this statement is wrong":
 *   - socket-level failures (ECONNREFUSED, ECONNRESET, ETIMEDOUT, …) and the drivers' own
 *     "connection terminated" / "client is closed" errors;
 *   - SQLSTATE class 08 (connection exception), class 53 (insufficient resources: too many
 *     connections, out of memory or disk), class 57P (operator intervention: admin shutdown,
 *     crash shutdown, cannot connect now, database dropped, idle-session timeout), class 58
 *     (system error, e.g. an I/O error), and 55000 (object not in prerequisite state: what
 *     PostgreSQL answers while `ALLOW_CONNECTIONS` is false or a database is being created).
 * "Refused for its content" (retrying cannot help): SQLSTATE class 22 (data exception, e.g.
 * U+0000 in jsonb or text) and 54000 (program limit exceeded, e.g. an index row too large).
 */

/**
 * The database (or the event store on it) could not be reached or failed mid-operation; nothing
 * was written. Callers may retry. The event store contract re-exports it (store/event-store.ts).
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/** SQLSTATE prefixes (classes) and exact codes that mean "the database is not there right now". */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P|58|55000$)/;
const MESSAGES = [
  /connection terminated/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /pglite is closed/i,
  /Cannot use a pool after calling end/i,
  /client was closed/i,
];

/** True for a failure of the database's availability (see above), however deeply wrapped. */
export function isUnavailable(error: unknown, depth = 0): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (depth > 4) return false;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NODE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some((e: unknown) => isUnavailable(e, depth + 1));
  if (error.cause !== undefined && isUnavailable(error.cause, depth + 1)) return true;
  return MESSAGES.some((m) => m.test(error.message));
}

/**
 * True when the database refused who or where the configuration says: SQLSTATE class 28 (invalid
 * credentials) or 3D000 (no such database), however deeply wrapped. Retrying cannot help.
 */
export function isConfigurationRefusal(error: unknown, depth = 0): boolean {
  if (depth > 4 || !(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('28') || code === '3D000')) return true;
  if (error instanceof AggregateError)
    return error.errors.some((e: unknown) => isConfigurationRefusal(e, depth + 1));
  return error.cause !== undefined && isConfigurationRefusal(error.cause, depth + 1);
}

/** Rethrows connection-level failures as StoreUnavailableError; everything else unchanged. */
export function mapUnavailable(error: unknown, what: string): unknown {
  if (error instanceof StoreUnavailableError || !isUnavailable(error)) return error;
  return new StoreUnavailableError(`${what}: database unavailable (${(error as Error).message})`, {
    cause: error,
  });
}

export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const REFUSAL = /^(22|54000$)/;

/** The SQLSTATE of a statement the database refused for the data it carried, else undefined. */
export function contentRefusal(error: unknown): string | undefined {
  const code = sqlState(error);
  return code && REFUSAL.test(code) ? code : undefined;
}
