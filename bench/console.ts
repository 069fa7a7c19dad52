/**
 * bench:console: how long the console's pages take to be usable in headless Chromium over
 * loopback (navigation start to the load event, stylesheet included), p50 and p95 in ms, beside a
 * same-run baseline: the browser loading GET /health (a tiny JSON answer from the same server).
 * Not a test: nothing is asserted.
 *
 *   BENCH_SUBJECTS=400 (demo feed size)  BENCH_ROUNDS=20  CHROMIUM_PATH=/usr/bin/chromium
 */
import { chromium } from 'playwright-core';
import { createToken, parseTokenFile, tokenRegistry } from '../src/access/tokens.js';
import { generateDemoFeed } from '../src/cli/demo/feed.js';
import { startService } from '../src/service/start-service.js';

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const feed = generateDemoFeed({ subjects: SUBJECTS });
const { token, line } = createToken('bench', ['read', 'read:pii', 'export', 'operate']);
const service = await startService({
  projector: { store: 'memory', allowUnsigned: true },
  tokens: tokenRegistry(parseTokenFile(line)),
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ARGS,
});
try {
  const p = service.composition.projector;
  for (const d of feed.deliveries) await p.ingest(d.source, d.body, {}, { receivedAt: new Date(d.at) });
  await p.catchUp();
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${service.baseUrl}/console/`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Find a subject' }).waitFor();

  const subject = `/console/subject/user-profile/${feed.featured.userProfileId}`;
  const pages: [string, string][] = [
    ['baseline: GET /health', '/health'],
    ['search page', '/console/'],
    ['search by reference', `/console/search?q=${encodeURIComponent(feed.featured.referenceId)}`],
    ['subject, 25 entries', `${subject}?limit=25`],
    ['subject, 100 entries', `${subject}?limit=100&related=1`],
    ['account, related, 100', `/console/subject/account/${feed.featured.accountId}?limit=100&related=1`],
    ['queues', '/console/queues'],
  ];
  const results: { page: string; p50: number; p95: number }[] = [];
  for (const [name, path] of pages) {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS + 2; i++) {
      await page.goto(`${service.baseUrl}${path}`, { waitUntil: 'load' });
      const ms = (await page.evaluate(
        "performance.getEntriesByType('navigation')[0].loadEventEnd",
      )) as number;
      if (i >= 2) times.push(ms); // the first two warm up the server's and the browser's caches
    }
    results.push({ page: name, p50: percentile(times, 50), p95: percentile(times, 95) });
  }
  console.log(
    `console pages in headless Chromium, ${SUBJECTS} demo subjects, ${ROUNDS} rounds each (ms, navigation start to load)`,
  );
  for (const r of results)
    console.log(
      `  ${r.page.padEnd(26)} p50 ${r.p50.toFixed(1).padStart(7)}  p95 ${r.p95.toFixed(1).padStart(7)}`,
    );
  console.log(JSON.stringify({ bench: 'console', subjects: SUBJECTS, rounds: ROUNDS, results }));
} finally {
  await browser.close();
  await service.close();
}
