/** A query option the caller got wrong (bad date, unknown cursor, limit out of range): a 400, exit code 2. */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
  constructor(
    /** The option at fault, e.g. `cursor`, `from`, `limit`. */
    readonly option: string,
    detail: string,
  ) {
    super(`${option}: ${detail}`);
  }
}

/**
 * Ids, references and filters are bound as SQL parameters, so they are data whatever they hold,
 * but PostgreSQL refuses U+0000 in text (SQLSTATE 22021). Refuse it here with a clear option name
 * instead of surfacing a driver error (and, over HTTP, a 500).
 */
export function checkQueryText(option: string, value: string): string {
  if (value.includes('\u0000')) throw new InvalidQueryError(option, 'must not contain U+0000');
  return value;
}
