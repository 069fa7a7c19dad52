/**
 * Crash during load. The real service (`src/cli/main.ts serve` as a child process, on a database of
 * its own) takes a seeded, signed two-vendor feed over loopback HTTP, and is killed with SIGKILL
 * three times while deliveries stream in (16 in flight), then restarted on the same port. The sender
 * behaves like a vendor: every delivery not answered 2xx (no answer, reset, 503) is retried with the
 * same body until it is. Afterwards, straight from the database:
 *   - every event of the feed is stored exactly once (ids equal the feed's, no repeats, no gaps);
 *   - the projections caught up and every aggregate_state row equals a fresh fold() of its stream;
 *   - every stored event reached the timeline;
 *   - no name, email, street, phone or birth date from the feed appears in any log line.
 *
 *   npx vitest run test/reliability/crash.test.ts          (CRASH_SUBJECTS=…, CRASH_KILLS=… to scale)
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { parseDelivery } from '../../src/events/parse.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { probePostgres } from '../support/postgres.js';
import { freePort } from '../support/faults/private-postgres.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/faults/scratch-database.js';
import { startServiceProcess, type ServiceProcess } from '../support/faults/service-process.js';
import { deliverAll } from '../support/faults/vendor-sender.js';
import {
  compareWithFreshFold,
  storeCounts,
  timelineEventCount,
  waitForProjections,
} from '../support/faults/verify-store.js';
import { piiValues, piiFoundIn } from '../support/faults/pii.js';

// Real processes and databases on a shared 2-core machine: generous bounds, never timed assertions.
vi.setConfig({ testTimeout: 180_000 });

const pg = await probePostgres();
const SUBJECTS = Number(process.env.CRASH_SUBJECTS ?? 300);
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const SECRETS = { persona: 'wbhsec_crash_test_secret_0123', aiprise: 'aiprise_crash_test_key_0123' };
const API_TOKEN = 'crash-test-read-token-0123456789';

describe.skipIf(!pg.available)('SIGKILL during load, vendor-style retries', () => {
  let db: ScratchDatabase;
  let sql: PgSqlClient;
  let service: ServiceProcess | undefined;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase(pg.url, 'pp_rel_crash');
    sql = new PgSqlClient({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await sql?.close();
    await db?.drop();
  });

  it('stores every event exactly once and the read models equal a fresh fold', async () => {
    const feed = generateDemoFeed({ subjects: SUBJECTS, seed: 8088 });
    const expectedIds = new Set<string>();
    for (const d of feed.deliveries) {
      const parsed = parseDelivery(d.source, d.body);
      if (!parsed.ok) throw new Error('demo feed delivery does not parse');
      expectedIds.add(parsed.event.eventId);
    }

    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      PERSONA_WEBHOOK_SECRETS: SECRETS.persona,
      AIPRISE_API_KEY: SECRETS.aiprise,
      API_TOKEN,
      // Stored deliveries are logged at debug: log them all, so the PII scan below covers every line.
      LOG_LEVEL: 'debug',
    };
    const start = async (): Promise<ServiceProcess> => startServiceProcess({ port, env, lines });
    service = await start();

    // Kill points spread over the feed; each kill is followed by a restart on the same port.
    const killAt = Array.from({ length: KILLS }, (_, i) =>
      Math.floor((feed.deliveries.length * (i + 1)) / (KILLS + 1)),
    );
    const kills: { afterDelivered: number; signal: string | null; downMs: number }[] = [];
    let crashing: Promise<void> = Promise.resolve();
    let restarts = 0;

    const report = await deliverAll(
      feed.deliveries.map((d) => ({ source: d.source, body: d.body })),
      {
        baseUrl: `http://127.0.0.1:${port}`,
        secrets: SECRETS,
        concurrency: 16,
        onDelivered(delivered) {
          if (kills.length < killAt.length && delivered >= killAt[kills.length]!) {
            const entry = { afterDelivered: delivered, signal: null as string | null, downMs: 0 };
            kills.push(entry);
            const victim = service!;
            crashing = crashing.then(async () => {
              const down = Date.now();
              const exit = await victim.kill('SIGKILL');
              entry.signal = exit.signal;
              // Deliveries keep failing (refused) while it is down; the sender retries them.
              await new Promise((r) => setTimeout(r, 300));
              service = await start();
              restarts++;
              entry.downMs = Date.now() - down;
            });
          }
        },
      },
    );
    await crashing;

    expect(report.gaveUp).toBe(0);
    expect(kills.map((k) => k.signal)).toEqual(Array(KILLS).fill('SIGKILL'));
    expect(restarts).toBe(KILLS);
    // Each delivery ended 200 (appended or duplicate) and named an event of the feed.
    const answeredIds = new Set(report.outcomes.map((o) => o.answer.eventId));
    expect(report.outcomes.every((o) => o.status === 200)).toBe(true);
    expect(answeredIds).toEqual(expectedIds);

    const counts = await storeCounts(sql);
    const { rows } = await sql.query<{ event_id: string }>('select event_id from events');
    expect(new Set(rows.map((r) => r.event_id))).toEqual(expectedIds);
    expect(counts).toEqual({
      events: expectedIds.size,
      distinctEventIds: expectedIds.size,
      repeatedEventIds: 0,
      streamsWithGaps: 0,
    });

    await waitForProjections(sql);
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    expect(comparison.rows).toBe(
      feed.subjects.account + feed.subjects.inquiry + feed.subjects.case + feed.subjects['user-profile'],
    );
    expect(await timelineEventCount(sql)).toBe(expectedIds.size);

    // Logs across all four lives of the service: ids and types, never the people in the feed.
    const pii = piiValues(feed.deliveries.map((d) => d.body));
    expect(pii.size).toBeGreaterThan(100);
    // Control: the scan does find a value when a line carries one.
    const planted = [...pii][0]!;
    expect(piiFoundIn([`{"msg":"oops","email":"${planted}"}`], pii)).toEqual([{ line: 0, value: planted }]);
    expect(piiFoundIn(lines, pii)).toEqual([]);
    expect(lines.some((l) => l.includes('"msg":"delivery"'))).toBe(true);

    const figures = {
      deliveries: feed.deliveries.length,
      uniqueEvents: expectedIds.size,
      kills: kills.length,
      attempts: report.attempts,
      retriedBecause: report.retriedBecause,
      elapsedMs: report.elapsedMs,
      deliveriesPerSecond: Math.round((feed.deliveries.length / report.elapsedMs) * 1000),
      downMs: kills.map((k) => k.downMs),
      eventsStored: counts.events,
      eventsLost: expectedIds.size - counts.distinctEventIds,
      appliedTwice: comparison.mismatches.length,
      stateRowsChecked: comparison.rows,
      logLines: lines.length,
      piiValuesChecked: pii.size,
    };
    console.log(`RELIABILITY crash ${JSON.stringify(figures)}`);
  });
});
