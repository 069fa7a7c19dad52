/** The console's HTTP contract without a browser: cookies, headers, CSRF, sign-out, scopes, closed by default. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, parseTokenFile, tokenRegistry } from '../../src/access/tokens.js';
import fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { compose } from '../../src/projector/composition.js';
import { registerConsole } from '../../src/service/console/console-routes.js';
import type { ParkedEventRow, ParkedEvents } from '../../src/service/console/parked.js';
import { startService, type Service } from '../../src/service/start-service.js';
import { accountResource, aiPriseDelivery, personaDelivery, tagsUpdated } from '../support/deliveries.js';

describe('console over HTTP', () => {
  let service: Service;
  let closed: Service;
  const reader = createToken('reader', ['read']);
  const operator = createToken('operator', ['operate']);
  const senior = createToken('senior', ['read', 'read:pii', 'export']);

  beforeAll(async () => {
    service = await startService({
      projector: { store: 'memory', allowUnsigned: true },
      tokens: tokenRegistry(parseTokenFile(`${reader.line}\n${operator.line}\n${senior.line}`)),
    });
    for (const [name, at, resource] of [
      [
        'account.created',
        '2026-01-01T10:00:00.000Z',
        accountResource({ id: 'act_gone', referenceId: 'cust_gone' }),
      ],
      [
        'account.redacted',
        '2026-01-02T10:00:00.000Z',
        accountResource({ id: 'act_gone', referenceId: null, redactedAt: '2026-01-02T10:00:00.000Z' }),
      ],
    ] as const)
      await service.composition.projector.ingest(
        'persona',
        personaDelivery({ name, createdAt: at, resource }),
      );
    await service.composition.projector.ingest(
      'aiprise',
      aiPriseDelivery(tagsUpdated({ userProfileId: 'up_http', previous: [], current: ['EU'] })),
    );
    closed = await startService({ projector: { store: 'memory' } });
  });
  afterAll(async () => {
    await service?.close();
    await closed?.close();
  });

  async function signIn(token: string): Promise<string> {
    const res = await fetch(`${service.baseUrl}/console/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pp_console=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/console/);
    expect(cookie).not.toContain(token);
    return cookie.split(';')[0]!;
  }

  const get = (path: string, cookie?: string) =>
    fetch(`${service.baseUrl}${path}`, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });

  it('serves the sign-in page with strict headers and redirects subject pages without a session', async () => {
    const home = await get('/console/');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(await home.text()).toContain('<label for="token">API token</label>');
    const subject = await get('/console/subject/user-profile/up_http');
    expect(subject.status).toBe(303);
    expect(subject.headers.get('location')).toBe('/console/');
    const css = await get('/console/assets/console.css');
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    const wrong = await fetch(`${service.baseUrl}/console/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'token=nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('names the missing scope, refuses a POST without the CSRF token, and ends the session on sign-out', async () => {
    const readerCookie = await signIn(reader.token);
    expect((await get('/console/subject/user-profile/up_http', readerCookie)).status).toBe(200);
    const exp = await get('/console/export/user-profile/up_http?format=json', readerCookie);
    expect(exp.status).toBe(403);
    expect(await exp.text()).toContain('&quot;export&quot; scope');
    expect((await get('/console/subject/user-profile/up_none', readerCookie)).status).toBe(404);

    const operatorCookie = await signIn(operator.token);
    expect((await get('/console/subject/user-profile/up_http', operatorCookie)).status).toBe(403);
    const replay = await fetch(`${service.baseUrl}/console/operate/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: operatorCookie },
      body: 'id=all&csrf=forged',
    });
    expect(replay.status).toBe(403);

    const page = await (await get('/console/', readerCookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const out = await fetch(`${service.baseUrl}/console/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: readerCookie },
      body: new URLSearchParams({ csrf }).toString(),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await get('/console/subject/user-profile/up_http', readerCookie)).status).toBe(303);
  });

  it("shows a redacted subject's page and case file without PII, even to read:pii", async () => {
    const cookie = await signIn(senior.token);
    const page = await (await get('/console/subject/account/act_gone', cookie)).text();
    expect(page).toContain('This subject is redacted');
    expect(page).toContain('account.redacted');
    const asOf = await (
      await get('/console/subject/account/act_gone?asOf=2026-01-01T12:00:00Z', cookie)
    ).text();
    const csv = await (await get('/console/export/account/act_gone?format=csv', cookie)).text();
    for (const text of [page, asOf, csv]) {
      expect(text).not.toContain('Alex');
      expect(text).not.toContain('Sample');
      expect(text).not.toContain('cust_gone');
    }
  });

  it('is not served without a token (closed by default)', async () => {
    expect((await fetch(`${closed.baseUrl}/console/`)).status).toBe(404);
    expect((await fetch(`${closed.baseUrl}/v1/export/user-profile/up_http`)).status).toBe(404);
  });

  it("shows operators the parked events of the projector's projections API and replays them", async () => {
    const rows: ParkedEventRow[] = [
      {
        projection: 'timeline',
        buildVersion: 1,
        eventId: 'evt_parked_1',
        streamId: 'account-act_p',
        streamVersion: 3,
        position: '42',
        error: 'TypeError: cannot read the field',
        attempts: 4,
        firstSeen: '2026-12-01T09:59:00.000Z',
        lastSeen: '2026-12-01T10:00:00.000Z',
      },
    ];
    const replays: unknown[] = [];
    const parked: ParkedEvents = {
      parked: async () => rows,
      replay: async (selector) => {
        replays.push(selector);
        rows.length = 0;
        return { streams: [], replayed: 1, stillParked: 0 };
      },
    };
    const composition = await compose({ store: 'memory' });
    const app = fastify();
    try {
      await registerConsole(app, {
        composition,
        access: { tokens: tokenRegistry(parseTokenFile(operator.line)) },
        parked,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const signIn = await fetch(`${base}/console/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: operator.token }).toString(),
        redirect: 'manual',
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await (await fetch(`${base}/console/operate`, { headers: { cookie } })).text();
      expect(page).toContain('evt_parked_1');
      expect(page).toContain('TypeError: cannot read the field');
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
      const after = await fetch(`${base}/console/operate/replay-parked`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ csrf, id: 'evt_parked_1' }).toString(),
      });
      expect(after.status).toBe(200);
      expect(replays).toEqual([{ eventId: 'evt_parked_1' }]);
      const text = await after.text();
      expect(text).toContain('1 applied, 0 still parked');
      expect(text).toContain('No event is parked');
    } finally {
      await app.close();
      await composition.projector.close();
    }
  });
});
