/**
 * The one place that turns an error escaping a command into an exit code (docs/cli.md, "Exit
 * codes"). Configuration the user can fix (bad credentials, a database that does not exist, an
 * unknown option value) is 2; only a database that cannot be reached right now is 4.
 */
import { CommanderError } from 'commander';
import { DataDirLockedError, DataDirUnusableError } from '../db/data-dir-lock.js';
import { PgliteOpenError } from '../db/pglite-open-error.js';
import { isConfigurationRefusal, isUnavailable } from '../db/errors.js';
import { ProjectionsBehindError } from '../projector/read-your-writes.js';
import { UnknownProjectionError } from '../projections/registry.js';
import { InvalidQueryError } from '../timeline/errors.js';
import { ConfigError } from '../service/config.js';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';

/** The error and its causes, outermost first (drivers and wrappers nest them). */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && !seen.includes(e) && seen.length < 8;) {
    seen.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return seen;
}

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof CliError) return error.exitCode;
  const all = chain(error);
  if (
    all.some(
      (e) => e instanceof DataDirLockedError || (e instanceof Error && e.name === 'ProjectionLockedError'),
    )
  )
    return ExitCode.busy;
  if (
    all.some(
      (e) =>
        e instanceof InvalidQueryError ||
        e instanceof ConfigError ||
        e instanceof UnknownProjectionError ||
        e instanceof DataDirUnusableError,
    ) ||
    isConfigurationRefusal(error)
  )
    return ExitCode.usage;
  if (all.some((e) => e instanceof PgliteOpenError)) return ExitCode.failure;
  if (isUnavailable(error) || all.some((e) => e instanceof ProjectionsBehindError))
    return ExitCode.unavailable;
  return ExitCode.failure;
}
