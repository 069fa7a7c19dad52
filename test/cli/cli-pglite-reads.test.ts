/**
 * A CLI query does not follow the projections: on a data directory whose read models are behind
 * its events (appended while no runner followed: a bulk load stopped before its catch-up, a
 * `serve` that died), the query catches up first and answers what the events say.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { importNdjson } from '../../src/intake/import.js';
import { compose } from '../../src/projector/composition.js';
import { cliEnv, runCli } from './run-cli.js';

describe('CLI queries on PGlite with read models behind the events', { timeout: 300_000 }, () => {
  const feed = generateDemoFeed({ subjects: 20, seed: 11 });
  const persona = feed.deliveries.filter((d) => !d.duplicate && d.source === 'persona').map((d) => d.body);
  const accountId = feed.featured.accountId;
  let dir = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pp-cli-behind-'));
    // Events stored, no runner started: the read models have seen none of them.
    const composition = await compose({ store: { pglite: dir } }, { projectNow: false });
    try {
      const result = await importNdjson({
        store: composition.opened.store,
        quarantine: composition.quarantine,
        source: 'persona',
        input: Readable.from([persona.join('\n')]),
      });
      expect(result.appended).toBe(persona.length);
    } finally {
      await composition.projector.close();
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('state catches up before answering, and equals a fold of the events', async () => {
    const env = cliEnv({ DATA_DIR: dir });
    const current = await runCli(['state', 'account', accountId, '--json'], env);
    expect(current.stderr).toBe('');
    expect(current.code).toBe(0);
    const folded = await runCli(
      ['state', 'account', accountId, '--as-of', '2999-01-01T00:00:00Z', '--json'],
      env,
    );
    expect(folded.code).toBe(0);
    expect(JSON.parse(current.stdout)).toEqual(JSON.parse(folded.stdout));
    const timeline = await runCli(['timeline', 'account', accountId, '--json'], env);
    expect(timeline.code).toBe(0);
    expect(JSON.parse(timeline.stdout).entries.length).toBeGreaterThan(0);
  });
});
