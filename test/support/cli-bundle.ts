/**
 * The CLI as one JavaScript file for tests that run it as a real process: bundled once per test
 * run (test/global-setup.ts) with esbuild, tsx's own compiler, from src/cli/main.ts, packages left
 * external. Starting `node <bundle>` skips resolving and loading every source module through tsx's
 * loader in each process: the same code, started in about half the CPU time. Split at the dynamic
 * imports, as the compiled CLI is: a command loads its own modules and packages only (a query
 * never loads the HTTP service, the PDF renderer or the demo).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const ENV = 'PROFILE_PROJECTOR_TEST_CLI';

/** Builds the bundle two levels below the repository (main.ts finds package.json where it looks); returns its directory and path. */
export async function buildCliBundle(): Promise<{ dir: string; main: string }> {
  const dir = join(REPO_ROOT, `.test-cli-${randomBytes(4).toString('hex')}`);
  const main = join(dir, 'cli', 'main.mjs');
  await build({
    entryPoints: { main: join(REPO_ROOT, 'src/cli/main.ts') },
    outdir: join(dir, 'cli'),
    outExtension: { '.js': '.mjs' },
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  process.env[ENV] = main;
  return { dir, main };
}

/** The bundle of this run (the global setup built it and named it in the environment). */
export function cliBundle(): string {
  const main = process.env[ENV];
  if (!main)
    throw new Error(`${ENV} is not set: run the tests through vitest (test/global-setup.ts builds the CLI)`);
  return main;
}
