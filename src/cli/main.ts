#!/usr/bin/env node
/**
 * CLI entry point: parses the command line, runs the command, and turns every outcome into an exit
 * code from exit-codes.ts. Errors print one line (no stack unless DEBUG is set) and never a body.
 */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { StoreUnavailableError } from '../store/event-store.js';
import { InvalidQueryError } from '../timeline/errors.js';
import { ConfigError } from '../service/config.js';
import { CliError, ExitCode } from './exit-codes.js';
import { buildProgram } from './program.js';

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Exit code for an error that escaped a command. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof InvalidQueryError || error instanceof ConfigError) return ExitCode.usage;
  if (error instanceof StoreUnavailableError) return ExitCode.unavailable;
  const name = error instanceof Error ? error.name : '';
  if (name === 'ProjectionLockedError') return ExitCode.busy;
  if (isConnectionError(error)) return ExitCode.unavailable;
  return ExitCode.failure;
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '57P03', '3D000', '28P01'].includes(code)
  );
}

async function main(): Promise<void> {
  const program = buildProgram(packageVersion());
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const code = exitCodeFor(error);
    // Commander has already printed its own message (usage errors, help, version).
    if (!(error instanceof CommanderError)) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`profile-projector: ${message}\n`);
      if (process.env.DEBUG && error instanceof Error && error.stack)
        process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = code;
  }
}

await main();
