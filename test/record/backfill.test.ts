/**
 * Backfill from a local HTTP server that speaks Persona's Events API as documented: newest first,
 * `page[after]` cursors, `page[size]`, Bearer auth, 429 with `ratelimit-*` headers, a 5xx, a page
 * with an event already stored, a kill midway (a page that keeps failing) and the resumed run.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli } from '../cli/run-cli.js';
import { compose } from '../../src/projector/composition.js';
import { accountResource, personaDelivery, randomId } from '../support/deliveries.js';

const KEY = 'persona_test_key';

/** 7 events, newest first, as the API lists them (the `data` of a webhook body). */
const account = randomId('act');
const listed = Array.from({ length: 7 }, (_, i) => {
  const body = JSON.parse(
    personaDelivery({
      id: `evt_${String(7 - i).padStart(3, '0')}_${account}`,
      name: i % 2 ? 'account.tag-added' : 'account.updated-fields',
      createdAt: new Date(Date.UTC(2026, 0, 10 - i)).toISOString(),
      resource: accountResource({ id: account }),
    }),
  ) as { data: Record<string, unknown> };
  return body.data;
});
// One the API lists that does not validate: quarantined, not lost.
listed.push({
  type: 'event',
  id: `evt_bad_${account}`,
  attributes: { 'created-at': '2026-01-01T00:00:00Z' },
});

interface Seen {
  url: URL;
  headers: IncomingMessage['headers'];
}

let server: Server;
let base: string;
const seen: Seen[] = [];
let throttleOnce = true;
let failOnce = true;
/** While set, requests after this cursor fail with 503 (a run "killed" there). */
let brokenAfter: string | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    seen.push({ url, headers: req.headers });
    if (req.headers.authorization !== `Bearer ${KEY}`) {
      res.writeHead(401).end();
      return;
    }
    if (throttleOnce) {
      throttleOnce = false;
      res
        .writeHead(429, { 'ratelimit-limit': '300', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' })
        .end();
      return;
    }
    const after = url.searchParams.get('page[after]');
    if (failOnce && after) {
      failOnce = false;
      res.writeHead(502).end();
      return;
    }
    if (brokenAfter && after === brokenAfter) {
      res.writeHead(503).end();
      return;
    }
    const size = Number(url.searchParams.get('page[size]') ?? 10);
    const from = after ? listed.findIndex((e) => e.id === after) + 1 : 0;
    const data = listed.slice(from, from + size);
    const more = from + size < listed.length;
    res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-remaining': '299' });
    res.end(
      JSON.stringify({
        data,
        links: { prev: null, next: more ? `/api/v1/events?page[after]=${data[data.length - 1]!.id}` : null },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('backfill persona', () => {
  it('reconciles, stores what is missing once, backs off on 429 and 5xx, and resumes after a kill', async () => {
    const personaApi = {
      baseUrl: base,
      apiKey: KEY,
      personaVersion: '2023-01-05',
      retries: 2,
      minBackoffMs: 10,
    };
    const c = await compose({ store: 'memory', allowUnsigned: true, record: { personaApi } });
    try {
      // One event already arrived by webhook.
      const stored = listed[2]!;
      expect((await c.projector.ingest('persona', JSON.stringify({ data: stored }))).outcome).toBe(
        'appended',
      );

      const plan = await c.projector.backfill('persona', { dryRun: true });
      expect(plan).toMatchObject({ dryRun: true, listed: 8, appended: 0, complete: true });
      expect(plan.missing['account.updated-fields']).toHaveLength(3);
      expect(plan.missing['account.tag-added']).toHaveLength(3);
      expect(plan.missing['(unnamed)']).toEqual([`evt_bad_${account}`]);
      // The documented request: Bearer, version, inflection, page size, and a 429 waited out.
      const first = seen[0]!;
      expect(first.headers['persona-version']).toBe('2023-01-05');
      expect(first.headers['key-inflection']).toBe('kebab');
      expect(first.url.searchParams.get('page[size]')).toBe('100');

      // A kill midway: pages of 3, the page after the first keeps failing past the retries.
      brokenAfter = listed[2]!.id as string;
      const { backfillPersona } = await import('../../src/record/backfill/backfill.js');
      const { PersonaEventsClient } = await import('../../src/record/backfill/persona-events-client.js');
      const deps = {
        client: new PersonaEventsClient(personaApi),
        store: c.opened.store,
        quarantine: c.quarantine,
        sql: c.opened.sql,
      };
      await expect(backfillPersona(deps, { pageSize: 3 })).rejects.toThrow(/503/);
      brokenAfter = null;
      const resumed = await backfillPersona(deps, { pageSize: 3 });
      expect(resumed.resumedFrom).toBe(listed[2]!.id);
      expect(resumed).toMatchObject({ complete: true, appended: 4, quarantined: 1 });
      c.wrote();
      expect((await c.projector.state('account', account))?.version).toBe(7);

      // A full run afterwards finds nothing missing and stores nothing twice.
      const again = await c.projector.backfill('persona');
      expect(again).toMatchObject({ listed: 8, appended: 0, duplicates: 7 });
      // Reconciliation still names the one that never validated: it is in quarantine, not the store.
      expect({ ...again.missing }).toEqual({ '(unnamed)': [`evt_bad_${account}`] });
      expect(await c.projector.quarantine.list()).toHaveLength(1);
    } finally {
      await c.projector.close();
    }
  });

  // Each process opens PGlite: seconds apiece on a loaded machine.
  it(
    'as a CLI process: usage errors exit 2, a dry run reconciles (0), a run that quarantines exits 5',
    { timeout: 180_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'pp-backfill-cli-'));
      try {
        const env = (extra: Record<string, string> = {}) =>
          cliEnv({ DATA_DIR: dir, PERSONA_API_BASE: base, PERSONA_API_KEY: KEY, ...extra });
        expect((await runCli(['backfill', 'persona'], cliEnv({ DATA_DIR: dir }))).code).toBe(2);
        expect((await runCli(['backfill', 'aiprise'], env())).code).toBe(2);
        expect(
          (await runCli(['backfill', 'persona', '--since', '2026-01-01', '--after', 'evt_x'], env())).code,
        ).toBe(2);
        expect((await runCli(['backfill', 'persona'], env({ PERSONA_API_KEY: 'wrong' }))).code).toBe(2);
        const help = await runCli(['backfill', '--help'], env());
        expect(help.stdout).toMatch(/PERSONA_API_BASE/);

        const plan = await runCli(['backfill', 'persona', '--dry-run', '--json'], env());
        expect(plan.code).toBe(0);
        expect(JSON.parse(plan.stdout)).toMatchObject({ dryRun: true, listed: 8, appended: 0 });
        const run = await runCli(['backfill', 'persona'], env());
        expect(run.code).toBe(5);
        expect(run.stdout).toMatch(/appended\s+7/);
        const since = await runCli(
          ['backfill', 'persona', '--since', '2026-01-08T00:00:00Z', '--json'],
          env(),
        );
        expect(JSON.parse(since.stdout)).toMatchObject({ listed: 3, appended: 0, duplicates: 3 });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
