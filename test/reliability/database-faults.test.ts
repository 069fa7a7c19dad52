/**
 * Database faults. A PRIVATE PostgreSQL (own data dir and port, see test/support/faults/private-postgres.ts)
 * is crashed (`pg_ctl stop -m immediate`: no checkpoint, WAL replay on start) and cleanly restarted
 * (`-m fast`, which ends every session) while the real service (`serve` child process) takes a signed
 * feed and its projection runner follows. The service itself is never restarted. Checked:
 *   - while the database is down, a signed delivery is answered 503 (retry-after) and /ready is 503;
 *   - it recovers by itself: the same process answers 200 once PostgreSQL is back;
 *   - every attempt that was not 2xx was 503 or no answer, never a 500;
 *   - every event stored exactly once, the runner resumed from its checkpoint (every state row
 *     equals a fresh fold, so nothing was applied twice or skipped), every event on the timeline.
 *
 *
 * Regression: src/store/sql/pg-client.ts transaction() once held a pooled client with no 'error'
 * listener; when PostgreSQL went away while a transaction waited between queries (the projection
 * advisory lock in src/projections/lock.ts always does), the process died ("Connection terminated
 * unexpectedly"). The first test below pins that down.
 *
 *   npx vitest run test/reliability/database-faults.test.ts
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateDemoFeed } from '../../src/cli/demo/feed.js';
import { parseDelivery } from '../../src/events/parse.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { inquiryResource, personaDelivery } from '../support/deliveries.js';
import { get, post } from '../support/faults/http.js';
import {
  freePort,
  probePostgresBinaries,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../support/faults/private-postgres.js';
import { REPO_ROOT, startServiceProcess, type ServiceProcess } from '../support/faults/service-process.js';
import { deliverAll, vendorHeaders } from '../support/faults/vendor-sender.js';
import {
  compareWithFreshFold,
  storeCounts,
  timelineEventCount,
  waitForProjections,
} from '../support/faults/verify-store.js';

// Real processes and databases on a shared 2-core machine: generous bounds, never timed assertions.
vi.setConfig({ testTimeout: 180_000 });

const binaries = probePostgresBinaries();
if (!binaries.available) console.warn(binaries.reason);

const SECRETS = { persona: 'wbhsec_dbfault_secret_0123456', aiprise: 'aiprise_dbfault_key_0123456' };
const DOWN_MS = Number(process.env.DB_DOWN_MS ?? 1500);
// Longer than the projection lock's heartbeat (5 s, src/projections/lock.ts): the runner learns that
// its lock is gone while the database is still down, and must keep retrying instead of stopping.
const LONG_DOWN_MS = 6_500;
const FAULTS: { mode: 'immediate' | 'fast'; downMs: number }[] = [
  { mode: 'immediate', downMs: DOWN_MS },
  { mode: 'fast', downMs: DOWN_MS },
  { mode: 'immediate', downMs: DOWN_MS },
  { mode: 'immediate', downMs: LONG_DOWN_MS },
];

describe.skipIf(!binaries.available)('PostgreSQL restarted under the running service', () => {
  let server: PrivatePostgres;
  let service: ServiceProcess | undefined;
  let sql: PgSqlClient;

  beforeAll(async () => {
    if (!binaries.available) return;
    server = await startPrivatePostgres(binaries.binaries);
    sql = new PgSqlClient({ connectionString: server.url, max: 2 });
  });

  afterAll(async () => {
    await service?.kill('SIGKILL');
    await sql?.close();
    await server?.destroy();
  });

  it('a transaction holding its connection survives PostgreSQL going away (no crash of the process)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/faults/held-transaction-child.ts', server.url],
      {
        cwd: REPO_ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    const out: string[] = [];
    const err: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (l) => err.push(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout! }).on('line', (l) => out.push(l));
    const lineSeen = (line: string): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (out.includes(line)) return resolve();
        lines.on('line', (l) => l === line && resolve());
        void exited.then(() => reject(new Error(`child exited before ${line}: ${err.join('\n')}`)));
      });
    await lineSeen('READY');
    await server.stop('immediate');
    // The held connection is cut once its sibling has seen the server go.
    await lineSeen('SERVER GONE');
    child.stdin!.write('go\n');
    const code = await exited;
    await server.start();
    expect({
      code,
      survived: out.some((l) => l.startsWith('SURVIVED failed')),
      error: err.find((l) => l.startsWith('Error')),
    }).toEqual({
      code: 0,
      survived: true,
      error: undefined,
    });
  });

  it('answers 503 while it is down, recovers by itself, loses nothing and applies nothing twice', async () => {
    const feed = generateDemoFeed({ subjects: 240, seed: 5150 });
    const expectedIds = new Set<string>();
    for (const d of feed.deliveries) {
      const parsed = parseDelivery(d.source, d.body);
      if (!parsed.ok) throw new Error('demo feed delivery does not parse');
      expectedIds.add(parsed.event.eventId);
    }
    const port = await freePort();
    service = await startServiceProcess({
      port,
      env: {
        DATABASE_URL: server.url,
        PERSONA_WEBHOOK_SECRETS: SECRETS.persona,
        AIPRISE_API_KEY: SECRETS.aiprise,
      },
    });
    const baseUrl = service.baseUrl;

    const probes: string[] = [];
    const whileDown: { fault: string; delivery: number; ready: number }[] = [];
    const at = FAULTS.map((_, i) => Math.floor((feed.deliveries.length * (i + 1)) / (FAULTS.length + 1)));
    let faulting: Promise<void> = Promise.resolve();
    let injected = 0;
    // A crashed service is a failure at once, not a sender retrying into a timeout.
    const abort = new AbortController();
    let crashed: string | undefined;
    void service.exited.then((exit) => {
      crashed = `serve exited (${exit.signal ?? exit.code}) when PostgreSQL went down: ${service!.lines
        .filter((l) => /^(Error|\s+at )/.test(l))
        .slice(0, 3)
        .join(' | ')}`;
      abort.abort();
    });

    const report = await deliverAll(
      feed.deliveries.map((d) => ({ source: d.source, body: d.body })),
      {
        baseUrl,
        secrets: SECRETS,
        concurrency: 12,
        signal: abort.signal,
        onDelivered(delivered) {
          if (injected >= FAULTS.length || delivered < at[injected]!) return;
          const { mode, downMs } = FAULTS[injected++]!;
          faulting = faulting.then(async () => {
            await server.stop(mode);
            // A delivery that is not in the feed: refused with 503 now, retried below once it is back.
            const body = personaDelivery({
              name: 'inquiry.completed',
              resource: inquiryResource({ id: `inq_probe_${injected}`, status: 'completed' }),
            });
            probes.push(body);
            const r = await post(
              `${baseUrl}/webhooks/persona`,
              body,
              vendorHeaders({ source: 'persona', body }, SECRETS, 1, new Date()),
            );
            const ready = await get(`${baseUrl}/ready`);
            whileDown.push({ fault: mode, delivery: r.status, ready: ready.status });
            await new Promise((r) => setTimeout(r, downMs));
            await server.start();
          });
        },
      },
    );
    await faulting;
    if (crashed) throw new Error(crashed);

    // While down: 503 for a delivery and for readiness; the process never exited.
    expect(whileDown).toEqual(FAULTS.map(({ mode }) => ({ fault: mode, delivery: 503, ready: 503 })));
    expect(crashed).toBeUndefined();

    // The probes, retried as the vendor would, now go through on the same process.
    const retried = await deliverAll(
      probes.map((body) => ({ source: 'persona' as const, body })),
      { baseUrl, secrets: SECRETS },
    );
    expect(retried.outcomes.map((o) => o.answer.outcome)).toEqual(probes.map(() => 'appended'));
    for (const o of retried.outcomes) expectedIds.add(o.answer.eventId!);

    expect(report.gaveUp).toBe(0);
    // Only "no answer" (a connection cut mid-request) and 503 were ever seen; never a 500.
    expect(Object.keys(report.retriedBecause).filter((s) => s !== '0' && s !== '503')).toEqual([]);
    expect(report.retriedBecause['503'] ?? 0).toBeGreaterThan(0);

    const counts = await storeCounts(sql);
    const { rows } = await sql.query<{ event_id: string }>('select event_id from events');
    expect(new Set(rows.map((r) => r.event_id))).toEqual(expectedIds);
    expect(counts).toEqual({
      events: expectedIds.size,
      distinctEventIds: expectedIds.size,
      repeatedEventIds: 0,
      streamsWithGaps: 0,
    });

    await waitForProjections(sql).catch((e: unknown) => {
      console.log(service!.lines.slice(-30).join('\n'));
      throw e;
    });
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    expect(await timelineEventCount(sql)).toBe(expectedIds.size);
    const recovered = service.lines.filter((l) =>
      /projection error, retrying|batch failed|lock lost/.test(l),
    ).length;

    console.log(
      `RELIABILITY database-faults ${JSON.stringify({
        faults: FAULTS.map((f) => `${f.mode} ${f.downMs} ms`),
        deliveries: feed.deliveries.length + probes.length,
        uniqueEvents: expectedIds.size,
        attempts: report.attempts,
        retriedBecause: report.retriedBecause,
        elapsedMs: report.elapsedMs,
        whileDown,
        projectionRecoveries: recovered,
        eventsLost: expectedIds.size - counts.distinctEventIds,
        appliedTwice: comparison.mismatches.length,
        stateRowsChecked: comparison.rows,
      })}`,
    );
  }, 120_000);
});
