/**
 * The reviewer's console in a real browser (headless Chromium over loopback, the service's own
 * wiring): sign in, search a reference, open a timeline, page it, filter it, state as of, queues,
 * the operator's quarantine replay and the access log. Screenshots go to a temporary directory, or
 * with SCREENSHOTS=docs to docs/console/ (shown in docs/console.md), so a test run leaves the
 * tree as it was.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, parseTokenFile, tokenRegistry } from '../../src/access/tokens.js';
import type { Scope } from '../../src/access/scopes.js';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { startService, type Service } from '../../src/service/start-service.js';
import { REPO_ROOT } from '../support/cli-bundle.js';
import { launchChromium } from './browser.js';

const SHOTS =
  process.env.SCREENSHOTS === 'docs'
    ? join(REPO_ROOT, 'docs', 'console')
    : mkdtempSync(join(tmpdir(), 'console-shots-'));
const PEOPLE: Record<string, Scope[]> = {
  reviewer: ['read', 'export'],
  'senior-reviewer': ['read', 'read:pii', 'export'],
  operator: ['read', 'operate'],
};

describe('console in Chromium', { timeout: 180_000 }, () => {
  let service: Service;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  const feed = generateDemoFeed({ subjects: 40, seed: 20260105 });

  beforeAll(async () => {
    const lines = Object.entries(PEOPLE).map(([name, scopes]) => {
      const created = createToken(name, scopes);
      tokens[name] = created.token;
      return created.line;
    });
    service = await startService({
      projector: { store: 'memory', allowUnsigned: true },
      tokens: tokenRegistry(parseTokenFile(lines.join('\n'))),
    });
    const p = service.composition.projector;
    for (const d of feed.deliveries) await p.ingest(d.source, d.body, {}, { receivedAt: new Date(d.at) });
    // One delivery that fails validation, for the operator's quarantine.
    const bad = await p.ingest(
      'persona',
      JSON.stringify({ data: { type: 'event', id: 'evt_bad_1', attributes: {} } }),
    );
    expect(bad.outcome).toBe('quarantined');
    await p.catchUp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  async function signedIn(who: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${service.baseUrl}/console/`);
    await page.getByLabel('API token').fill(tokens[who]!);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Find a subject' }).waitFor();
    return { context, page };
  }

  it('shows nothing before sign-in and refuses a wrong token', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 700 } });
    const page = await context.newPage();
    const subject = `${service.baseUrl}/console/subject/user-profile/${feed.featured.userProfileId}`;
    await page.goto(subject);
    expect(page.url()).toBe(`${service.baseUrl}/console/`);
    expect(await page.content()).not.toContain(feed.featured.userProfileId);
    // Keyboard: the token field has the focus, and the first stop of the tab order skips to content.
    // (Page scripts as strings: the test's TypeScript has no DOM library.)
    expect(await page.evaluate('document.activeElement?.id')).toBe('token');
    expect(
      await page.evaluate("document.querySelector('a[href], button, input:not([type=hidden])')?.textContent"),
    ).toBe('Skip to content');
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });
    await page.getByLabel('API token').fill('ppt_not-a-real-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('not valid');
    await context.close();
  });

  it('searches a reference, opens the timeline, pages and filters it, and shows state as of', async () => {
    const { context, page } = await signedIn('reviewer');
    await page.getByLabel('Id or reference').fill(feed.featured.referenceId);
    await page.keyboard.press('Enter');
    const profileLink = page.getByRole('link', { name: `user-profile ${feed.featured.userProfileId}` });
    await profileLink.waitFor();
    expect(await page.getByRole('link', { name: `account ${feed.featured.accountId}` }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'search.png') });

    await profileLink.click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    // A read token sees the profile with its personal data masked.
    expect(await page.locator('section[aria-labelledby="state-h"]').textContent()).toContain('[redacted]');
    await page.screenshot({ path: join(SHOTS, 'subject.png'), fullPage: false });

    // Page through the timeline, 10 at a time.
    await page.getByLabel('Per page').selectOption('10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('link', { name: 'Next page' }).waitFor();
    const eventIds = 'section[aria-labelledby="timeline-h"] tbody td:nth-child(2) > .muted > code';
    const firstPage = await page.locator(eventIds).allTextContents();
    expect(firstPage.filter((t) => t).length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.getByRole('link', { name: 'First page' }).waitFor();
    const secondPage = await page.locator(eventIds).allTextContents();
    expect(secondPage.length).toBeGreaterThan(0);
    for (const id of secondPage) expect(firstPage).not.toContain(id);

    // Filter by a type glob; the changes of each entry open with the keyboard.
    await page.getByLabel('Event types (globs, comma-separated)').fill('TAGS_*');
    await page.getByLabel('Order').selectOption('desc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/types=TAGS_/);
    const times = await page
      .locator('section[aria-labelledby="timeline-h"] tbody td:first-child time')
      .allTextContents();
    expect(times.length).toBeGreaterThan(1);
    expect([...times].sort().reverse()).toEqual(times);
    const types = await page
      .locator('section[aria-labelledby="timeline-h"] tbody td:nth-child(2) strong')
      .allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.startsWith('TAGS_'))).toBe(true);
    await page.locator('summary').first().focus();
    await page.keyboard.press('Enter');
    const changes = await page.locator('details[open] ul.changes li').allTextContents();
    expect(changes.some((c) => /^tags\b.*→/.test(c))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'timeline-filtered.png'), fullPage: false });

    // State as of a time before the profile's first event: nothing yet.
    await page.getByLabel('State as of (ISO time)').fill('2000-01-01T00:00:00Z');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'State as of 2000-01-01T00:00:00Z' }).waitFor();
    expect(await page.getByText('No state at that time.').count()).toBe(1);

    // Every visible form control has a label.
    const unlabelled = await page.evaluate(
      "[...document.querySelectorAll('input:not([type=hidden]), select')].filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).length",
    );
    expect(unlabelled).toBe(0);

    // The case file downloads from the subject page.
    await page.goto(`${service.baseUrl}/console/subject/user-profile/${feed.featured.userProfileId}`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'PDF' }).click();
    expect((await download).suggestedFilename()).toBe(
      `case-file-user-profile-${feed.featured.userProfileId}.pdf`,
    );
    await context.close();
  });

  it('shows PII to read:pii, the queues, and refuses pages a token has no scope for', async () => {
    const { context, page } = await signedIn('senior-reviewer');
    await page.goto(`${service.baseUrl}/console/subject/user-profile/${feed.featured.userProfileId}`);
    const state = (await page.locator('section[aria-labelledby="state-h"]').textContent()) ?? '';
    expect(state).not.toContain('[redacted]');
    await page.getByRole('link', { name: 'Queues' }).click();
    await page.getByRole('heading', { name: 'Open AML hits' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'queues.png'), fullPage: false });
    const res = await page.goto(`${service.baseUrl}/console/operate`);
    expect(res?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toContain('"operate"');
    await context.close();
  });

  it('lets an operator replay quarantine and read the access log', async () => {
    const { context, page } = await signedIn('operator');
    await page.getByRole('link', { name: 'Quarantine' }).click();
    await page.getByRole('heading', { name: 'Quarantine' }).waitFor();
    const replay = page.getByRole('button', { name: /^Replay \d+/ });
    expect(await replay.count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'quarantine.png'), fullPage: false });
    await replay.click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').textContent()).toContain('1 quarantined');

    await page.getByRole('link', { name: 'Access log' }).click();
    await page.getByLabel('Subject (kind:id)').fill(`user-profile:${feed.featured.userProfileId}`);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/subject=/);
    const log = (await page.locator('tbody').textContent()) ?? '';
    expect(log).toContain('reviewer');
    expect(log).toContain('console timeline');
    expect(log).toContain('export pdf');
    expect(log).toContain('senior-reviewer');
    await page.screenshot({ path: join(SHOTS, 'access-log.png'), fullPage: false });
    await context.close();
  });
});
