/** Once per test run: the bundled CLI that the process tests start (support/cli-bundle.ts). */
import { rm } from 'node:fs/promises';
import { buildCliBundle } from './support/cli-bundle.js';

export default async function setup(): Promise<() => Promise<void>> {
  const { dir } = await buildCliBundle();
  return () => rm(dir, { recursive: true, force: true });
}
