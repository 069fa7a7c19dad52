/**
 * demo: the main job on a fresh machine. Generates the seeded feed, posts it signed over real HTTP
 * to the intake on the embedded default (PGlite), waits for the projections, then prints a summary
 * and one profile's state, timeline and cross-vendor reference lookup.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../../service/start-service.js';
import { DEFAULT_SEED, generateDemoFeed } from '../demo/feed.js';
import { postFeed } from '../demo/post-feed.js';
import { DEFAULT_CONCURRENCY, DEFAULT_SUBJECTS } from '../demo/defaults.js';
import { createOutput } from '../output/print.js';
import { formatReference, formatState } from '../output/format-state.js';
import { formatTimeline } from '../output/format-timeline.js';
import { renderPairs, renderTable } from '../output/table.js';
import { progressBar } from '../output/progress.js';
import { CliError, ExitCode } from '../exit-codes.js';

export interface DemoFlags {
  subjects?: string;
  seed?: string;
  dataDir?: string;
  concurrency?: string;
  json?: boolean;
}

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new CliError(`${name} must be a whole number from ${min} to ${max}`, ExitCode.usage);
  return n;
}

export async function demoCommand(flags: DemoFlags): Promise<number> {
  const subjects = whole('--subjects', flags.subjects, DEFAULT_SUBJECTS, 2, 100_000);
  const seed = whole('--seed', flags.seed, DEFAULT_SEED, 0, 2 ** 31 - 1);
  // Enough deliveries in flight that intake's group commit writes them in batches: on PGlite each
  // transaction costs as much as many events (docs/performance.md), so this sets the demo's pace.
  const concurrency = whole('--concurrency', flags.concurrency, DEFAULT_CONCURRENCY, 1, 256);
  const out = createOutput(flags.json === true);
  const started = performance.now();

  // One timeline for both vendors: AiPrise events happen when received, so the feed ends now and
  // people arrive seconds apart (the whole feed spans hours, not days).
  const feed = generateDemoFeed({ seed, subjects, end: Date.now(), arrivalStepMs: 1_000 });
  const feedSeconds = (performance.now() - started) / 1000;
  // Fresh secrets per run: the demo signs like the vendors and the intake verifies for real.
  const secrets = {
    persona: `wbhsec_demo_${randomBytes(12).toString('hex')}`,
    aiprise: `aiprise_demo_${randomBytes(12).toString('hex')}`,
  };
  const dataDir = flags.dataDir ?? (await mkdtemp(join(tmpdir(), 'profile-projector-demo-')));
  out.note(
    `Demo: ${feed.deliveries.length} signed deliveries for ${Object.values(feed.subjects).reduce((a, b) => a + b, 0)} subjects into PGlite at ${dataDir}`,
  );

  // Projections start when the feed is in: one catch-up in large batches beats following each delivery on PGlite.
  const openStart = performance.now();
  const service = await startService({
    projector: {
      store: { pglite: dataDir },
      secrets: { persona: [secrets.persona], aiprise: secrets.aiprise },
    },
    compose: { projectNow: false },
  });
  const { composition } = service;
  const openSeconds = (performance.now() - openStart) / 1000;
  try {
    const bar = progressBar('posting ', 'deliveries');
    const posted = await postFeed(service.baseUrl, feed.deliveries, secrets, {
      concurrency,
      onProgress: (done) => bar.update(done, feed.deliveries.length),
    });
    bar.stop();
    const projectStart = performance.now();
    await composition.projector.catchUp();
    const projectSeconds = (performance.now() - projectStart) / 1000;
    const totalSeconds = (performance.now() - started) / 1000;

    const sql = composition.opened.sql;
    const kinds = await sql.query<{ kind: string; n: string }>(
      'select kind, count(*)::text as n from aggregate_state group by kind order by kind',
    );
    const statuses = await sql.query<{ kind: string; status: string | null; n: string }>(
      `select kind, status, count(*)::text as n from aggregate_state where kind in ('inquiry', 'user-profile') group by kind, status order by kind, count(*) desc`,
    );
    const openHits = await sql.query<{ n: string }>('select count(*)::text as n from open_aml_hits');
    const redacted = await sql.query<{ n: string }>(
      'select count(*)::text as n from aggregate_state where redacted',
    );
    const events = await sql.query<{ n: string }>(
      'select count(distinct event_id)::text as n from timeline_entries',
    );

    const state = await composition.projector.state('user-profile', feed.featured.userProfileId);
    const timeline = await composition.projector.timeline('user-profile', feed.featured.userProfileId, {
      limit: 50,
    });
    const reference = await composition.projector.byReference(feed.featured.referenceId);

    const summary = {
      dataDir,
      deliveries: feed.deliveries.length,
      uniqueEvents: feed.uniqueEvents,
      duplicatesSent: feed.duplicates,
      outOfOrderSent: feed.outOfOrder,
      outcomes: posted.outcomes,
      httpStatuses: posted.statuses,
      eventsInTimelines: Number(events.rows[0]?.n ?? 0),
      subjects: Object.fromEntries(kinds.rows.map((r) => [r.kind, Number(r.n)])),
      results: statuses.rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) })),
      openAmlHits: Number(openHits.rows[0]?.n ?? 0),
      redactedSubjects: Number(redacted.rows[0]?.n ?? 0),
      seconds: {
        // From process start to this command: node, tsx and module loading.
        startup: round(started / 1000),
        feed: round(feedSeconds),
        open: round(openSeconds),
        posting: round(posted.seconds),
        projections: round(projectSeconds),
        total: round(totalSeconds),
      },
      concurrency,
      deliveriesPerSecond: Math.round(feed.deliveries.length / posted.seconds),
      featured: feed.featured,
    };
    out.result({ summary, state, timeline, reference }, () =>
      [
        'Summary',
        renderPairs([
          [
            'deliveries posted',
            `${summary.deliveries} (${summary.duplicatesSent} repeats, ${summary.outOfOrderSent} out of order)`,
          ],
          [
            'outcomes',
            Object.entries(summary.outcomes)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          ],
          ['events stored', String(summary.eventsInTimelines)],
          [
            'subjects',
            Object.entries(summary.subjects)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
          ],
          ['open AML hits', String(summary.openAmlHits)],
          ['redacted subjects', String(summary.redactedSubjects)],
          [
            'throughput',
            `${summary.deliveriesPerSecond} deliveries/s over HTTP (${summary.seconds.posting} s)`,
          ],
          ['projections', `${summary.seconds.projections} s to catch up with every event`],
          [
            'total',
            `${summary.seconds.total} s (+${summary.seconds.startup} s start-up; feed ${summary.seconds.feed} s, open PGlite ${summary.seconds.open} s, posting ${summary.seconds.posting} s, projections ${summary.seconds.projections} s)`,
          ],
        ]),
        '',
        'Outcomes by subject',
        renderTable(summary.results, [
          { header: 'KIND', value: (r) => r.kind },
          { header: 'STATUS', value: (r) => r.status ?? '-' },
          { header: 'COUNT', value: (r) => String(r.count) },
        ]),
        '',
        `Featured profile: user-profile ${feed.featured.userProfileId}`,
        state ? formatState(state) : '(not found)',
        '',
        'Its timeline',
        formatTimeline(timeline, { kind: 'user-profile', id: feed.featured.userProfileId }),
        '',
        formatReference(reference),
        '',
        // The temporary directory is removed on exit, so only a kept one is worth pointing at.
        flags.dataDir
          ? `Try: DATA_DIR=${dataDir} npm run cli -- timeline account ${feed.featured.accountId} --related`
          : `Keep the data with --data-dir DIR, then: DATA_DIR=DIR npm run cli -- timeline account ${feed.featured.accountId} --related`,
      ].join('\n'),
    );
    const failed =
      (posted.outcomes.rejected ?? 0) +
      (posted.outcomes.quarantined ?? 0) +
      Object.keys(posted.statuses).filter((s) => Number(s) >= 400).length;
    return failed > 0 ? ExitCode.partial : ExitCode.ok;
  } finally {
    await service.close();
    if (!flags.dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
