/** The vendor-documented fixtures on the embedded PGlite store, in every Persona key inflection. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { describeFixtures } from './suite.js';

const root = mkdtempSync(join(tmpdir(), 'pp-vendor-docs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('vendor-documented payloads, PGlite store', () => {
  describeFixtures((inflection) => ({ pglite: join(root, inflection) }));
});
