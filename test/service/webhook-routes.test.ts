/** The webhook service over real HTTP on loopback, against real PostgreSQL (one schema for this file). */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { createIntake } from '../../src/intake/intake.js';
import { SqlQuarantine, migrateQuarantine } from '../../src/intake/quarantine/sql-quarantine.js';
import { buildIntakeServer, closeGracefully } from '../../src/service/server.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import {
  aiPriseHeaders,
  personaHeaders,
  personaSignature,
  TEST_AIPRISE_API_KEY,
  TEST_PERSONA_ROTATED_SECRET,
  TEST_PERSONA_SECRET,
  unixSeconds,
} from '../support/signing.js';
import { randomId } from '../support/deliveries.js';
import {
  aiPriseBody,
  latin1PersonaBody,
  nulPersonaBody,
  parserWithLatin1Fallback,
  personaBody,
} from '../intake/fixtures.js';
import { startTcpProxy, type TcpProxy } from '../intake/tcp-proxy.js';

const pg = await probePostgres();
const secrets = {
  persona: [TEST_PERSONA_SECRET, TEST_PERSONA_ROTATED_SECRET],
  aiprise: TEST_AIPRISE_API_KEY,
};

describe.skipIf(!pg.available)('webhook service over HTTP on PostgreSQL', () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  let client: PgSqlClient;
  let store: SqlEventStore;
  let quarantine: SqlQuarantine;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    schema = await createTestSchema(pg.url);
    const url = new URL(pg.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    // The service reaches PostgreSQL only through the proxy, so stopping it makes the store really unreachable.
    client = new PgSqlClient({
      connectionString: url.toString(),
      schema: schema.schema,
      max: 4,
      connectionTimeoutMillis: 1000,
    });
    store = await SqlEventStore.open(client, { schema: schema.schema });
    await migrateQuarantine(client);
    quarantine = new SqlQuarantine(client);
    const intake = createIntake({ store, quarantine, secrets });
    ({ app } = buildIntakeServer({ intake, ready: () => store.ping() }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await app?.close();
    await store?.close();
    await client?.close();
    await proxy?.stop();
    await schema?.drop();
  });

  const post = (source: string, body: string | Uint8Array, headers: Record<string, string>) =>
    fetch(`${base}/webhooks/${source}`, { method: 'POST', body, headers });

  async function eventCount(eventId: string): Promise<number> {
    const { rows } = await client.query<{ n: string }>(
      'select count(*)::text as n from events where event_id = $1',
      [eventId],
    );
    return Number(rows[0]!.n);
  }

  it('answers 200 appended for a signed delivery and 200 duplicate for the same body again', async () => {
    const eventId = randomId('evt');
    const body = personaBody(eventId);
    const first = await post('persona', body, personaHeaders(body));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: 'appended', eventId });
    const second = await post('persona', body, personaHeaders(body));
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ outcome: 'duplicate', eventId });
    expect(await eventCount(eventId)).toBe(1);

    const aiBody = aiPriseBody();
    const ai = await post('aiprise', aiBody, aiPriseHeaders(aiBody));
    expect(ai.status).toBe(200);
  });

  it('accepts a rotated pair of signatures', async () => {
    const body = personaBody();
    const header = personaSignature(body, ['wbhsec_retired', TEST_PERSONA_ROTATED_SECRET]);
    const res = await post('persona', body, {
      'content-type': 'application/json',
      'persona-signature': header,
    });
    expect(res.status).toBe(200);
  });

  it('answers 401 to a tampered body, a stale t and a missing header, storing nothing', async () => {
    const eventId = randomId('evt');
    const body = personaBody(eventId);
    const tampered = await post('persona', body.replace('completed', 'declined'), personaHeaders(body));
    const stale = await post('persona', body, personaHeaders(body, { t: unixSeconds() - 301 }));
    const missing = await post('persona', body, { 'content-type': 'application/json' });
    const aiForged = await post('aiprise', aiPriseBody(), aiPriseHeaders(aiPriseBody()));
    expect([tampered.status, stale.status, missing.status, aiForged.status]).toEqual([401, 401, 401, 401]);
    expect(await tampered.json()).toMatchObject({ outcome: 'rejected', code: 'mismatch' });
    expect(await stale.json()).toMatchObject({ outcome: 'rejected', code: 'stale' });
    expect(await missing.json()).toMatchObject({ outcome: 'rejected', code: 'missing_header' });
    expect(await eventCount(eventId)).toBe(0);
    expect(await quarantine.list({ status: 'all' })).toEqual([]);
  });

  it('keeps the raw bytes whatever the content type says', async () => {
    const body = personaBody();
    const res = await post('persona', body, {
      ...personaHeaders(body),
      'content-type': 'text/plain; charset=latin1',
    });
    expect(res.status).toBe(200);
    const bare = personaBody();
    const noType = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${base}/webhooks/persona`,
        { method: 'POST', headers: { 'persona-signature': personaSignature(bare) } },
        (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(bare);
    });
    expect(noType).toBe(200);
  });

  it('quarantines a validly signed unreadable body with 202, then the fixed parser replays it', async () => {
    const eventId = randomId('evt');
    const body = latin1PersonaBody(eventId);
    const res = await post('persona', body, personaHeaders(body));
    expect(res.status).toBe(202);
    const answer = (await res.json()) as { outcome: string; reason: string; quarantineId: string };
    expect(answer).toMatchObject({ outcome: 'quarantined', reason: '(body): Body is not valid UTF-8' });
    expect(await eventCount(eventId)).toBe(0);

    const fixed = createIntake({ store, quarantine, secrets, parse: parserWithLatin1Fallback });
    expect(await fixed.replayQuarantined(answer.quarantineId)).toMatchObject([
      { outcome: 'appended', eventId },
    ]);
    expect(await eventCount(eventId)).toBe(1);
    expect(await quarantine.get(answer.quarantineId)).toMatchObject({ replayedEventId: eventId });
  });

  it('quarantines (202) a delivery PostgreSQL refuses for its content, instead of a 500 the vendor retries', async () => {
    const eventId = randomId('evt');
    const body = nulPersonaBody(eventId);
    const neighbour = personaBody();
    // Sent together so they can share a group-commit transaction: the refusal must not sink the neighbour.
    const [refused, ok] = await Promise.all([
      post('persona', body, personaHeaders(body)),
      post('persona', neighbour, personaHeaders(neighbour)),
    ]);
    expect(refused.status).toBe(202);
    expect(await refused.json()).toMatchObject({
      outcome: 'quarantined',
      reason: expect.stringMatching(/refused the event \(SQLSTATE 22/),
    });
    expect(ok.status).toBe(200);
    expect(await eventCount(eventId)).toBe(0);
  });

  it('answers 413 to a 2 MB body', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x20);
    const res = await post('persona', big, personaHeaders(big));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ outcome: 'rejected', code: 'too_large' });
  });

  it('answers health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/intake_deliveries_total\{source="persona",outcome="appended"\} [1-9]/);
    expect(metrics).toMatch(/intake_deliveries_total\{source="persona",outcome="duplicate"\} [1-9]/);
    expect(metrics).toMatch(/intake_deliveries_total\{source="persona",outcome="rejected"\} [4-9]/);
    expect(metrics).toMatch(/intake_deliveries_total\{source="persona",outcome="quarantined"\} 2/);
    expect(metrics).toMatch(
      /intake_delivery_duration_seconds_count\{source="persona",outcome="appended"\} [1-9]/,
    );
    expect(metrics).toMatch(/intake_deliveries_received_total\{source="aiprise"\} [1-9]/);
    // Every answered delivery was counted as received, the oversize one included.
    const total = (name: string) =>
      [...metrics.matchAll(new RegExp(`^${name}\\{source="persona"[^}]*\\} (\\d+)$`, 'gm'))].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    expect(total('intake_deliveries_total')).toBeGreaterThanOrEqual(9);
    expect(total('intake_deliveries_received_total')).toBe(total('intake_deliveries_total'));
  });

  it('answers 503 while the store is unreachable; the retry after recovery appends exactly once', async () => {
    const eventId = randomId('evt');
    const body = personaBody(eventId);
    await proxy.stop();
    try {
      const down = await post('persona', body, personaHeaders(body));
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ outcome: 'unavailable' });
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(503);
    } finally {
      await proxy.start();
    }
    expect(await eventCount(eventId)).toBe(0);
    // The vendor retries the same bytes (a fresh signature time, as Persona re-signs each attempt).
    const retry = await post('persona', body, personaHeaders(body));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ outcome: 'appended', eventId });
    const again = await post('persona', body, personaHeaders(body));
    expect(await again.json()).toMatchObject({ outcome: 'duplicate' });
    expect(await eventCount(eventId)).toBe(1);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/intake_deliveries_total\{source="persona",outcome="unavailable"\} 1/);
  });
});

/** The service on loopback with only a Persona secret, logging at `level` into `lines`. */
async function personaOnlyService(
  level: 'info' | 'debug',
): Promise<{ app: FastifyInstance; base: string; lines: string[] }> {
  const { MemoryEventStore } = await import('../../src/store/memory-event-store.js');
  const { MemoryQuarantine } = await import('../../src/intake/quarantine/memory-quarantine.js');
  const { default: pino } = await import('pino');
  const lines: string[] = [];
  const logger = pino({ level }, { write: (line: string) => lines.push(line) });
  const intake = createIntake({
    store: new MemoryEventStore(),
    quarantine: new MemoryQuarantine(),
    secrets: { persona: [TEST_PERSONA_SECRET] },
  });
  const { app } = buildIntakeServer({ intake, ready: async () => true, logger });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base, lines };
}

describe('webhook service without secrets', () => {
  it('refuses a source with no secret, with a clear message, and says so at startup', async () => {
    const { app, base, lines } = await personaOnlyService('info');
    try {
      expect(lines.join('')).toMatch(
        /aiprise webhooks are refused: no secret configured \(AIPRISE_API_KEY\)/,
      );
      expect(lines.join('')).not.toMatch(/persona webhooks are refused/);
      const body = aiPriseBody();
      const res = await fetch(`${base}/webhooks/aiprise`, {
        method: 'POST',
        body,
        headers: aiPriseHeaders(body),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        code: 'no_secret',
        reason: expect.stringMatching(/set AIPRISE_API_KEY/),
      });
      // At info, a stored delivery writes no line; a refused one does (warn), with ids and the code only.
      const personaOk = personaBody();
      await fetch(`${base}/webhooks/persona`, {
        method: 'POST',
        body: personaOk,
        headers: personaHeaders(personaOk),
      });
      const forged = personaBody();
      const forgedRes = await fetch(`${base}/webhooks/persona`, {
        method: 'POST',
        body: forged,
        headers: { 'persona-signature': personaSignature(forged, ['wbhsec_not_ours'], unixSeconds()) },
      });
      expect(forgedRes.status).toBe(401);
      const logged = lines.join('');
      expect(logged).not.toMatch(/"outcome":"appended"/);
      expect(logged).toMatch(/"level":40,[^\n]*"outcome":"rejected"[^\n]*"code":"mismatch"/);
      expect(logged).not.toMatch(/Sample Road|customer-123|1990-04-12|wbhsec_/);
    } finally {
      await app.close();
    }
  });

  it('logs every delivery at debug, with ids and outcome and never body content', async () => {
    const { app, base, lines } = await personaOnlyService('debug');
    try {
      const body = personaBody();
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${base}/webhooks/persona`, {
          method: 'POST',
          body,
          headers: personaHeaders(body),
        });
        expect(res.status).toBe(200);
      }
      const logged = lines.join('');
      expect(logged).toMatch(/"level":20,[^\n]*"outcome":"appended"[^\n]*"eventId":"/);
      expect(logged).toMatch(/"level":20,[^\n]*"outcome":"duplicate"/);
      expect(logged).not.toMatch(/Sample Road|customer-123|1990-04-12/);
    } finally {
      await app.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes a request in flight before closing', async () => {
    const { MemoryEventStore } = await import('../../src/store/memory-event-store.js');
    const { MemoryQuarantine } = await import('../../src/intake/quarantine/memory-quarantine.js');
    const store = new MemoryEventStore();
    const intake = createIntake({
      store,
      quarantine: new MemoryQuarantine(),
      secrets: { persona: [TEST_PERSONA_SECRET] },
    });
    const { app } = buildIntakeServer({ intake, ready: async () => true });
    let started!: () => void;
    const requestStarted = new Promise<void>((resolve) => (started = resolve));
    app.addHook('onRequest', async () => started());
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };

    const eventId = randomId('evt');
    const body = Buffer.from(personaBody(eventId));
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhooks/persona',
          method: 'POST',
          headers: { ...personaHeaders(body), 'content-length': body.length },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after shutdown has begun.
      req.write(body.subarray(0, 100));
      void requestStarted.then(async () => {
        const closing = closeGracefully(app, 5000);
        await vi.waitFor(() => expect(app.server.listening).toBe(false), { interval: 5 });
        req.end(body.subarray(100));
        await closing;
      });
    });
    const { status, text } = await response;
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ outcome: 'appended', eventId });
    expect(await store.hasEvent(eventId)).toBe(true);
    expect(app.server.listening).toBe(false);
  });
});
