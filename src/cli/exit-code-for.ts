/**
 * The one place that turns an error escaping a command into an exit code (docs/cli.md, "Exit
 * codes"). Configuration the user can fix (bad credentials, a database that does not exist, an
 * unknown option value) is 2; only a database that cannot be reached right now is 4.
 */
import { CommanderError } from 'commander';
import { DataDirLockedError, DataDirUnusableError } from '../db/data-dir-lock.js';
import { PgliteOpenError } from '../db/pglite-client.js';
import { StoreUnavailableError } from '../store/event-store.js';
import { UnknownProjectionError } from '../projections/registry.js';
import { InvalidQueryError } from '../timeline/errors.js';
import { ConfigError } from '../service/config.js';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';

/** Node socket codes: the database is not reachable now. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'EAI_AGAIN',
]);

/** SQLSTATEs the user fixes in the configuration: class 28 (credentials), 3D000 (no such database). */
function isConfigurationState(code: string): boolean {
  return code.startsWith('28') || code === '3D000';
}

/** SQLSTATEs that mean "retry later": connection exceptions, shutdown, too many connections. */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code.startsWith('57P') || code.startsWith('53') || code === '55000';
}

/** The error and its causes, outermost first (drivers and wrappers nest them). */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && !seen.includes(e) && seen.length < 8;) {
    seen.push(e);
    e = (e as { cause?: unknown }).cause;
  }
  return seen;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof CliError) return error.exitCode;
  const all = chain(error);
  const codes = all.map(codeOf).filter((c): c is string => c !== undefined);
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
    codes.some(isConfigurationState)
  )
    return ExitCode.usage;
  if (all.some((e) => e instanceof PgliteOpenError)) return ExitCode.failure;
  if (
    all.some((e) => e instanceof StoreUnavailableError) ||
    codes.some((c) => UNREACHABLE.has(c) || isUnavailableState(c))
  )
    return ExitCode.unavailable;
  return ExitCode.failure;
}
