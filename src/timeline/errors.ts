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
