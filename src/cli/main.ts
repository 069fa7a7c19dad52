#!/usr/bin/env node
/**
 * CLI entry point: parses the command line, runs the command, and turns every outcome into an exit
 * code from exit-codes.ts. Errors print one line (no stack unless DEBUG is set) and never a body.
 */
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { exitCodeFor } from './exit-code-for.js';
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
    // A failed command must end even if a half-opened dependency (a database that failed to start,
    // a pool) left a handle open; unref'd, so a process that can exit does so at once.
    setTimeout(() => process.exit(code), EXIT_AFTER_ERROR_MS).unref();
  }
}

const EXIT_AFTER_ERROR_MS = 3_000;

await main();
