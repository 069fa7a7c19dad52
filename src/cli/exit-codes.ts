/**
 * Exit codes scripts can rely on (docs/cli.md). Anything unexpected is 1; the others name a
 * situation a caller can act on.
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** Unexpected error (a bug, or something this list does not name). */
  failure: 1,
  /** Bad arguments, options or configuration: fix the command line or the environment. */
  usage: 2,
  /** The thing asked for does not exist (no events for that aggregate, no such quarantine entry). */
  notFound: 3,
  /** The database or event store cannot be reached: retry later. */
  unavailable: 4,
  /** Finished, but some input was not accepted (lines quarantined, replays still failing). */
  partial: 5,
  /** Another process holds the lock (a rebuild of the same projection is running). */
  busy: 6,
  /** The record's hash chain is broken: a stored event was changed, deleted or moved (verify). */
  tampered: 7,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that carries the exit code the CLI should end with; its message is shown as is. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
  ) {
    super(message);
  }
}
