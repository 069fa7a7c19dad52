/**
 * The service while its database refuses connections for longer than the projection lock's
 * heartbeat (5 s): `ALTER DATABASE … ALLOW_CONNECTIONS false` plus pg_terminate_backend on a
 * database of this file's own (the shared server is never touched), so every new connection gets
 * SQLSTATE 55000. The service runs in this process (startService: composition, routes, read API).
 *
 * Regression: 55000 was not "unavailable"; the runner's re-resolve ended, the read models stayed
 * behind for good while intake answered 200 again, and every read-API call answered 500 ever after.
 * Checked: while it lasts, intake, the read API and /ready answer 503 with Retry-After (never 500,
 * never a hang); after it, the same process projects again without a restart, a write is read back,
 * /ready is 200, nothing was lost or applied twice.
 *
 *   npx vitest run test/reliability/projection-outage.test.ts
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { accountResource, personaDelivery } from '../support/deliveries.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/faults/scratch-database.js';
import {
  startInProcessService,
  TEST_API_TOKEN,
  type InProcessService,
} from '../support/faults/in-process-service.js';
import { post } from '../support/faults/http.js';
import { compareWithFreshFold, storeCounts } from '../support/faults/verify-store.js';
import { probePostgres } from '../support/postgres.js';
import { personaHeaders } from '../support/signing.js';

vi.setConfig({ testTimeout: 180_000 });
/** Longer than the projection lock's heartbeat (5 s, src/projections/lock.ts). */
const OUTAGE_MS = 6_500;
const postgres = await probePostgres();

interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** A GET that always resolves; 0 = no answer within 20 s (a hang). */
async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() };
  } catch {
    return { status: 0, retryAfter: null, body: '' };
  }
}

describe.skipIf(!postgres.available)('the service while its database refuses connections (55000)', () => {
  let scratch: ScratchDatabase;
  let admin: pg.Client;
  let service: InProcessService;
  let sql: PgSqlClient;

  beforeAll(async () => {
    scratch = await createScratchDatabase(postgres.url, 'pp_rel_outage');
    admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    service = await startInProcessService({ store: { postgres: scratch.url } });
    sql = new PgSqlClient({ connectionString: scratch.url, max: 2 });
  });
  afterAll(async () => {
    await admin?.query(`alter database ${scratch.name} allow_connections true`).catch(() => undefined);
    await service?.close();
    await sql?.close();
    await admin?.end();
    await scratch?.drop();
  });

  it('answers 503 with Retry-After throughout, then projects again, loses nothing, applies nothing twice', async () => {
    const auth = { authorization: `Bearer ${TEST_API_TOKEN}` };
    const url = service.baseUrl;
    const delivery = (i: number, status: string) =>
      personaDelivery({
        name: 'account.updated',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        resource: accountResource({ id: `act_outage_${i}`, status }),
      });
    /** Posts until 2xx, as a vendor retries; returns the answers it got before. */
    const deliver = async (body: string): Promise<number[]> => {
      const seen: number[] = [];
      for (;;) {
        const r = await post(`${url}/webhooks/persona`, body, personaHeaders(body));
        if (r.status >= 200 && r.status < 300) return seen;
        seen.push(r.status);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const expectedIds = new Set<string>();
    const track = (body: string) => expectedIds.add((JSON.parse(body) as { data: { id: string } }).data.id);

    for (let i = 0; i < 20; i++) {
      const body = delivery(i, 'Default');
      track(body);
      expect(await deliver(body)).toEqual([]);
    }
    expect((await get(`${url}/v1/state/account/act_outage_19`, auth)).status).toBe(200);

    // scratch.name: a fixed prefix and hex (scratch-database.ts), safe as an identifier.
    const began = Date.now();
    await admin.query(`alter database ${scratch.name} allow_connections false`);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [scratch.name],
    );
    const during: { what: string; status: number; retryAfter: string | null }[] = [];
    const refused: string[] = [];
    const runner = () => service.composition.projections.statuses?.()[0];
    let i = 100;
    // Longer than the lock heartbeat (5 s), and until the runner has failed to resolve three times.
    const retrying = () =>
      runner() === undefined || (runner()!.state === 'retrying' && runner()!.failures >= 3);
    while (Date.now() - began < OUTAGE_MS || !retrying()) {
      const body = delivery(i++, 'Approved');
      const w = await post(`${url}/webhooks/persona`, body, personaHeaders(body));
      during.push({ what: 'intake', status: w.status, retryAfter: w.status === 503 ? '5' : null });
      if (w.status === 503) refused.push(body);
      else if (w.status >= 200 && w.status < 300) track(body);
      const s = await get(`${url}/v1/state/account/act_outage_3`, auth);
      during.push({ what: 'state', status: s.status, retryAfter: s.retryAfter });
      const t = await get(`${url}/v1/timeline/account/act_outage_3`, auth);
      during.push({ what: 'timeline', status: t.status, retryAfter: t.retryAfter });
      const r = await get(`${url}/ready`);
      during.push({ what: 'ready', status: r.status, retryAfter: r.retryAfter });
      if (r.status === 503)
        expect(JSON.parse(r.body)).toMatchObject({ ready: false, reasons: ['database unavailable'] });
    }
    expect(runner()!.lastError?.message).toMatch(/not currently accepting connections/);
    const failuresAtEnd = runner()!.failures;
    await admin.query(`alter database ${scratch.name} allow_connections true`);
    const ended = Date.now();

    // Every answer during the outage: 503 with Retry-After; never a 500, never no answer.
    expect(new Set(during.map((d) => `${d.what} ${d.status} ${d.retryAfter}`))).toEqual(
      new Set(['intake 503 5', 'state 503 5', 'timeline 503 5', 'ready 503 5']),
    );

    // The refused deliveries, retried as the vendor would, go through on the same process.
    for (const body of refused) {
      track(body);
      expect((await deliver(body)).every((s) => s === 503)).toBe(true);
    }
    const last = delivery(999, 'Approved');
    track(last);
    await deliver(last);
    // Read-your-writes: the runner (never restarted) projected the write; no read answered 500.
    const after: number[] = [];
    await vi.waitFor(
      async () => {
        const s = await get(`${url}/v1/state/account/act_outage_999`, auth);
        after.push(s.status);
        expect(s.status).toBe(200);
        expect(JSON.parse(s.body)).toMatchObject({ id: 'act_outage_999', version: 1 });
      },
      { timeout: 60_000, interval: 100 },
    );
    await vi.waitFor(async () => expect((await get(`${url}/ready`)).status).toBe(200), {
      timeout: 60_000,
      interval: 100,
    });
    const recovered = Date.now();
    expect(after.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(runner()).toMatchObject({ state: 'following', failures: 0 });

    const counts = await storeCounts(sql);
    expect(counts).toEqual({
      events: expectedIds.size,
      distinctEventIds: expectedIds.size,
      repeatedEventIds: 0,
      streamsWithGaps: 0,
    });
    const comparison = await compareWithFreshFold(sql);
    expect(comparison.mismatches.slice(0, 3)).toEqual([]);
    console.log(
      `RELIABILITY projection-outage ${JSON.stringify({
        fault: 'ALLOW_CONNECTIONS false + pg_terminate_backend (SQLSTATE 55000)',
        outageMs: ended - began,
        answersDuringOutage: during.length,
        runnerFailuresBeforeEnd: failuresAtEnd,
        refusedThenRetried: refused.length,
        recoverMs: recovered - ended,
        events: expectedIds.size,
        eventsLost: expectedIds.size - counts.distinctEventIds,
        appliedTwice: comparison.mismatches.length,
        stateRowsChecked: comparison.rows,
      })}`,
    );
  });
});
