/**
 * How database failures are classified. "Unavailable" (retry later) rather than "this statement
 * is wrong": connection errors from the socket, SQLSTATE class 08 (connection exception),
 * 57P01-57P03 (shutdown, cannot connect now) and 53300 (too many connections). "Refused for its
 * content" (retrying cannot help): SQLSTATE class 22 (data exception, e.g. U+0000 in jsonb or
 * text) and 54000 (program limit exceeded, e.g. an index row too large).
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
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [
  /connection terminated/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /pglite is closed/i,
  /Cannot use a pool after calling end/i,
  /client was closed/i,
];

function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NODE_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return MESSAGES.some((m) => m.test(error.message));
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
