/**
 * PGlite could not start on a data directory (damaged, or not a PGlite directory at all). Its own
 * module, so mapping errors to exit codes does not load PGlite.
 */
export class PgliteOpenError extends Error {
  override readonly name = 'PgliteOpenError';
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `PGlite could not open the data directory ${dataDir} (${reason.split('\n')[0]}): it is damaged or ` +
        'not a PGlite data directory; restore it from a backup, or move it away to start empty',
      { cause },
    );
  }
}
