/**
 * Every CLI command as a real process against one database (a PostgreSQL schema; PGlite when no
 * PostgreSQL answers): import, state (+ --as-of/--version), timeline filters, by-reference, rebuild
 * (+ --dry-run), quarantine list/show/replay, serve (real HTTP, read API, SIGTERM), help and exit codes.
 *
 * Each process on PGlite pays for loading the WebAssembly database (seconds on a small machine), so
 * the PGlite file runs `pgliteSuite`: one real process per command that touches the store, enough to
 * prove the embedded path, while the option matrix runs here on PostgreSQL. `demoSuite` always runs
 * on its own temporary PGlite, whatever the environment says, so it runs once, in the PGlite file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { runCli, startCli } from './run-cli.js';

export function cliSuite(env: () => NodeJS.ProcessEnv): void {
  const feed = generateDemoFeed({ subjects: 30, seed: 7 });
  const unique = feed.deliveries.filter((d) => !d.duplicate);
  const featured = feed.featured;
  const accountCreated = unique.find((d) => d.subject.id === featured.accountId)!;

  it('shows help with examples and exit codes; bad usage exits 2', async () => {
    const help = await runCli(['--help'], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    const timelineHelp = await runCli(['timeline', '--help'], env());
    expect(timelineHelp.stdout).toMatch(/Examples:[\s\S]*--related/);
    expect((await runCli(['state'], env())).code).toBe(2);
    expect((await runCli(['state', 'bogus', 'x'], env())).code).toBe(2);
    expect((await runCli(['nonsense'], env())).code).toBe(2);
  });

  it('imports NDJSON with a progress of results, quarantining a bad line (exit 5), idempotent on re-run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-cli-import-'));
    try {
      const persona = unique.filter((d) => d.source === 'persona').map((d) => d.body);
      const personaFile = join(dir, 'persona.ndjson');
      await writeFile(personaFile, [...persona, '{"data": {"type": "event"}}'].join('\n'));
      const first = await runCli(['import', '--source', 'persona', personaFile, '--json'], env());
      expect(first.stderr).not.toMatch(/Error/);
      expect(first.code).toBe(5);
      expect(JSON.parse(first.stdout)).toMatchObject({
        appended: persona.length,
        quarantined: 1,
        duplicates: 0,
      });
      const again = await runCli(['import', '--source', 'persona', personaFile, '--json'], env());
      expect(JSON.parse(again.stdout)).toMatchObject({ appended: 0, duplicates: persona.length });
      // stdin with -
      const aiprise = unique.filter((d) => d.source === 'aiprise').map((d) => d.body);
      const fromStdin = await runCli(
        ['import', '--source', 'aiprise', '-', '--json'],
        env(),
        aiprise.join('\n'),
      );
      expect(fromStdin.code).toBe(0);
      expect(JSON.parse(fromStdin.stdout)).toMatchObject({ appended: aiprise.length });
      expect((await runCli(['import', '--source', 'persona', join(dir, 'missing.ndjson')], env())).code).toBe(
        3,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('state: current, --as-of, --version, --json, not found', async () => {
    const human = await runCli(['state', 'user-profile', featured.userProfileId], env());
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/result\s+APPROVED/);
    const json = await runCli(['state', 'user-profile', featured.userProfileId, '--json'], env());
    const state = JSON.parse(json.stdout);
    expect(state).toMatchObject({
      kind: 'user-profile',
      id: featured.userProfileId,
      result: 'APPROVED',
      tags: ['APPROVED', 'ONBOARDING', 'VIP_CLIENT'],
    });
    const v1 = JSON.parse(
      (await runCli(['state', 'account', featured.accountId, '--version', '1', '--json'], env())).stdout,
    );
    expect(v1).toMatchObject({ version: 1, tags: [] });
    const before = await runCli(
      ['state', 'account', featured.accountId, '--as-of', new Date(accountCreated.at - 1000).toISOString()],
      env(),
    );
    expect(before.code).toBe(3);
    const asOf = JSON.parse(
      (
        await runCli(
          [
            'state',
            'account',
            featured.accountId,
            '--as-of',
            new Date(accountCreated.at).toISOString(),
            '--json',
          ],
          env(),
        )
      ).stdout,
    );
    expect(asOf.version).toBe(1);
    expect((await runCli(['state', 'account', 'act_missing'], env())).code).toBe(3);
    expect(
      (await runCli(['state', 'account', featured.accountId, '--as-of', 'not-a-time'], env())).code,
    ).toBe(2);
  });

  it('timeline: filters, globs, actor, related, order, paging with --cursor', async () => {
    const all = JSON.parse(
      (await runCli(['timeline', 'user-profile', featured.userProfileId, '--json'], env())).stdout,
    );
    expect(all.entries.length).toBeGreaterThan(10);
    const tickets = JSON.parse(
      (
        await runCli(
          ['timeline', 'user-profile', featured.userProfileId, '--type', 'TICKET_*', '--json'],
          env(),
        )
      ).stdout,
    );
    expect(tickets.entries.map((e: { type: string }) => e.type)).toEqual([
      'TICKET_REVIEWER_UPDATE',
      'TICKET_STATUS_UPDATE',
      'TICKET_STATUS_UPDATE',
    ]);
    const byKim = JSON.parse(
      (
        await runCli(
          [
            'timeline',
            'user-profile',
            featured.userProfileId,
            '--actor',
            'analyst.kim@*',
            '--order',
            'desc',
            '--json',
          ],
          env(),
        )
      ).stdout,
    );
    expect(byKim.entries.length).toBeGreaterThan(0);
    expect(byKim.entries.every((e: { actor: string }) => e.actor === 'analyst.kim@acme.example')).toBe(true);
    expect(byKim.entries.at(0).type).toBe('RESULT_UPDATE');
    const page1 = JSON.parse(
      (await runCli(['timeline', 'user-profile', featured.userProfileId, '--limit', '5', '--json'], env()))
        .stdout,
    );
    const page2 = JSON.parse(
      (
        await runCli(
          [
            'timeline',
            'user-profile',
            featured.userProfileId,
            '--limit',
            '5',
            '--cursor',
            page1.nextCursor,
            '--json',
          ],
          env(),
        )
      ).stdout,
    );
    expect([...page1.entries, ...page2.entries].map((e: { eventId: string }) => e.eventId)).toEqual(
      all.entries.slice(0, 10).map((e: { eventId: string }) => e.eventId),
    );
    const related = JSON.parse(
      (
        await runCli(
          ['timeline', 'account', featured.accountId, '--related', '--type', 'case.*', '--json'],
          env(),
        )
      ).stdout,
    );
    expect(related.entries.map((e: { type: string }) => e.type)).toEqual([
      'case.created',
      'case.assigned',
      'case.resolved',
    ]);
    const table = await runCli(
      ['timeline', 'user-profile', featured.userProfileId, '--type', 'TAGS_UPDATED'],
      env(),
    );
    expect(table.stdout).toMatch(/Tags \+APPROVED \+VIP_CLIENT -PENDING_REVIEW by system/);
    expect(
      (await runCli(['timeline', 'account', featured.accountId, '--type', 'nothing.like.this'], env())).code,
    ).toBe(3);
    expect(
      (await runCli(['timeline', 'account', featured.accountId, '--cursor', 'garbage'], env())).code,
    ).toBe(2);
  });

  it('by-reference finds the person on both vendors', async () => {
    const result = JSON.parse((await runCli(['by-reference', featured.referenceId, '--json'], env())).stdout);
    expect(
      result.aggregates.map((a: { kind: string; source: string }) => `${a.source}/${a.kind}`).sort(),
    ).toEqual(['aiprise/user-profile', 'persona/account', 'persona/inquiry']);
    expect((await runCli(['by-reference', 'cust_nobody'], env())).code).toBe(3);
  });

  it('quarantine list, show, replay', async () => {
    const list = JSON.parse((await runCli(['quarantine', 'list', '--json'], env())).stdout);
    expect(list).toHaveLength(1);
    const id = list[0].id as string;
    const shown = await runCli(['quarantine', 'show', id], env());
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Problems:/);
    expect(shown.stdout).not.toMatch(/"type": "event"/);
    const replay = await runCli(['quarantine', 'replay', id, '--json'], env());
    expect(replay.code).toBe(5);
    expect(JSON.parse(replay.stdout)[0]).toMatchObject({ quarantineId: id, outcome: 'quarantined' });
    expect((await runCli(['quarantine', 'show', '999999999'], env())).code).toBe(3);
  });

  it('rebuild --dry-run reports, rebuild switches over and the state is unchanged', async () => {
    const before = JSON.parse(
      (await runCli(['state', 'user-profile', featured.userProfileId, '--json'], env())).stdout,
    );
    const dry = await runCli(['rebuild', '--dry-run', '--json'], env());
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.stdout);
    expect(plan.dryRun).toBe(true);
    expect(plan.projections[0].eventsToRead).toBe(unique.length);
    const done = await runCli(['rebuild'], env());
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/Rebuilt and switched over/);
    const after = JSON.parse(
      (await runCli(['state', 'user-profile', featured.userProfileId, '--json'], env())).stdout,
    );
    expect(after).toEqual(before);
  });

  serveCase(env, featured);
}

/** The demo: a real process on its own temporary PGlite (it ignores DATABASE_URL). */
export function demoSuite(env: () => NodeJS.ProcessEnv): void {
  it('demo runs end to end on its own temp PGlite and prints the featured profile', async () => {
    const demo = await runCli(['demo', '--subjects', '12', '--json'], env());
    expect(demo.code).toBe(0);
    const result = JSON.parse(demo.stdout);
    expect(result.summary.outcomes.appended).toBe(result.summary.uniqueEvents);
    expect(result.summary.outcomes.duplicate ?? 0).toBe(result.summary.duplicatesSent);
    expect(result.state).toMatchObject({ kind: 'user-profile', result: 'APPROVED' });
    expect(result.timeline.entries.map((e: { type: string }) => e.type)).toContain('AML_HIT_RESOLVED');
  });
}

/**
 * The embedded path, one real process per store-touching command on one PGlite data directory:
 * import (file and stdin), state (now and --as-of), timeline (paging), by-reference, quarantine,
 * rebuild, serve. Option handling is covered by `cliSuite` on PostgreSQL: it is the same code.
 */
export function pgliteSuite(env: () => NodeJS.ProcessEnv): void {
  const feed = generateDemoFeed({ subjects: 30, seed: 7 });
  const unique = feed.deliveries.filter((d) => !d.duplicate);
  const featured = feed.featured;

  it('import, state, timeline, by-reference and quarantine on one data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-cli-import-'));
    try {
      const persona = unique.filter((d) => d.source === 'persona').map((d) => d.body);
      const personaFile = join(dir, 'persona.ndjson');
      await writeFile(personaFile, [...persona, '{"data": {"type": "event"}}'].join('\n'));
      const first = await runCli(['import', '--source', 'persona', personaFile, '--json'], env());
      expect(first.code).toBe(5);
      expect(JSON.parse(first.stdout)).toMatchObject({ appended: persona.length, quarantined: 1 });
      const aiprise = unique.filter((d) => d.source === 'aiprise').map((d) => d.body);
      const fromStdin = await runCli(
        ['import', '--source', 'aiprise', '-', '--json'],
        env(),
        aiprise.join('\n'),
      );
      expect(fromStdin.code).toBe(0);
      expect(JSON.parse(fromStdin.stdout)).toMatchObject({ appended: aiprise.length });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const state = await runCli(['state', 'user-profile', featured.userProfileId], env());
    expect(state.code).toBe(0);
    expect(state.stdout).toMatch(/result\s+APPROVED/);
    const asOf = await runCli(
      ['state', 'account', featured.accountId, '--as-of', '2000-01-01T00:00:00Z'],
      env(),
    );
    expect(asOf.code).toBe(3);
    const page = JSON.parse(
      (
        await runCli(
          ['timeline', 'account', featured.accountId, '--related', '--limit', '3', '--json'],
          env(),
        )
      ).stdout,
    );
    expect(page.entries).toHaveLength(3);
    expect(page.nextCursor).toEqual(expect.any(String));
    const reference = JSON.parse(
      (await runCli(['by-reference', featured.referenceId, '--json'], env())).stdout,
    );
    expect(reference.aggregates).toHaveLength(3);
    const list = JSON.parse((await runCli(['quarantine', 'list', '--json'], env())).stdout);
    expect(list).toHaveLength(1);
  });

  it('rebuild switches over on PGlite and the state is unchanged', async () => {
    const before = JSON.parse(
      (await runCli(['state', 'user-profile', featured.userProfileId, '--json'], env())).stdout,
    );
    const done = await runCli(['rebuild', '--json'], env());
    expect(done.code).toBe(0);
    const after = JSON.parse(
      (await runCli(['state', 'user-profile', featured.userProfileId, '--json'], env())).stdout,
    );
    expect(after).toEqual(before);
  });

  serveCase(env, featured);
}

/** serve as a real process: webhooks, the read API behind its token, and a graceful SIGTERM. */
function serveCase(env: () => NodeJS.ProcessEnv, featured: { userProfileId: string }): void {
  it('serve refuses an unknown LOG_LEVEL before starting, naming the allowed levels', async () => {
    const result = await runCli(['serve', '--port', '0', '--host', '127.0.0.1'], {
      ...env(),
      LOG_LEVEL: 'verbose',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('serve: webhooks, read API behind the token, graceful SIGTERM', async () => {
    const token = 'test-token-0123456789abcdef';
    const child = startCli(['serve', '--port', '0', '--host', '127.0.0.1'], {
      ...env(),
      API_TOKEN: token,
      AIPRISE_API_KEY: 'aiprise_key_for_serve_test',
      // Empty means unset: the validated default (info) reaches the logger, not ''.
      LOG_LEVEL: '',
    });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 25_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
    });
    try {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/v1/state/user-profile/${featured.userProfileId}`)).status).toBe(401);
      const ok = await fetch(`${url}/v1/state/user-profile/${featured.userProfileId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ result: 'APPROVED' });
      const unsigned = await fetch(`${url}/webhooks/aiprise`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(unsigned.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
}
