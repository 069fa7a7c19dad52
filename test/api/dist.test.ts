/**
 * The package as users get it: compiled by tsc with declarations, imported from plain JavaScript
 * (an .mjs run by node without tsx), and the compiled CLI answering --help.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the repository so the compiled files resolve node_modules like dist/ does.
const OUT = join(ROOT, `.dist-test-${randomBytes(4).toString('hex')}`);

describe('built package', { timeout: 180_000 }, () => {
  afterAll(async () => {
    await rm(OUT, { recursive: true, force: true });
  });

  it('compiles with declarations and works from plain JavaScript', async () => {
    await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT],
      { cwd: ROOT },
    );
    await access(join(OUT, 'index.d.ts'));
    const script = join(OUT, 'smoke.mjs');
    await writeFile(
      script,
      `import { openProjector, InvalidQueryError } from './index.js';
const p = await openProjector({ store: 'memory', allowUnsigned: true });
const body = JSON.stringify({ user_profile_id: 'up_js', user_profile_event_type: 'USER_PROFILE_CREATE', client_reference_id: 'cust_js' });
const ingest = await p.ingest('aiprise', body);
const state = await p.state('user-profile', 'up_js');
const timeline = await p.timeline('user-profile', 'up_js');
let invalid = false;
try { await p.timeline('user-profile', 'up_js', { limit: -1 }); } catch (e) { invalid = e instanceof InvalidQueryError; }
await p.close();
console.log(JSON.stringify({ outcome: ingest.outcome, version: state.version, entries: timeline.entries.length, invalid }));
`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: ROOT });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      outcome: 'appended',
      version: 1,
      entries: 1,
      invalid: true,
    });
    const help = await run(process.execPath, [join(OUT, 'cli/main.js'), '--help'], { cwd: ROOT });
    expect(help.stdout).toMatch(/Usage: profile-projector/);
  });
});
