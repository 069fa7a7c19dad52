/**
 * Once per test run: the bundled CLI that the process tests start (support/cli-bundle.ts), and a
 * PGlite template cache of the run's own (src/db/pglite-template.ts), so tests never write to the
 * user's cache directory. Workers and the processes they start inherit the variable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCliBundle } from './support/cli-bundle.js';

export default async function setup(): Promise<() => Promise<void>> {
  const { dir } = await buildCliBundle();
  const cache = await mkdtemp(join(tmpdir(), 'pp-test-cache-'));
  process.env.PROFILE_PROJECTOR_CACHE_DIR ??= cache;
  return async () => {
    await rm(dir, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  };
}
