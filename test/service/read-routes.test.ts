/** The read API over real HTTP on loopback, backed by a real projector (memory store). */
/* eslint-disable @typescript-eslint/no-explicit-any -- JSON response bodies */
import type { AddressInfo } from 'node:net';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProjector, type Projector } from '../../src/index.js';
import { registerReadApi } from '../../src/service/read-routes.js';
import { aiPriseDelivery, tagsUpdated } from '../support/deliveries.js';

const TOKEN = 'read-api-token-0123456789';

describe('read API', () => {
  let projector: Projector;
  let app: FastifyInstance;
  let closed: FastifyInstance;
  let base = '';
  let closedBase = '';

  beforeAll(async () => {
    projector = await openProjector({ store: 'memory', allowUnsigned: true });
    await projector.ingest(
      'aiprise',
      aiPriseDelivery({
        user_profile_id: 'up_api',
        user_profile_event_type: 'USER_PROFILE_CREATE',
        client_reference_id: 'cust_api',
        author_id: 'api_key_1',
      }),
    );
    await projector.ingest(
      'aiprise',
      aiPriseDelivery(
        tagsUpdated({ userProfileId: 'up_api', previous: [], current: ['A'], clientReferenceId: 'cust_api' }),
      ),
    );
    app = fastify();
    expect(await registerReadApi(app, { queries: projector, token: TOKEN })).toBe(true);
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    closed = fastify();
    expect(await registerReadApi(closed, { queries: projector, token: undefined })).toBe(false);
    await closed.listen({ port: 0, host: '127.0.0.1' });
    closedBase = `http://127.0.0.1:${(closed.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await closed?.close();
    await projector?.close();
  });

  const get = (path: string, token?: string) =>
    fetch(`${base}${path}`, token ? { headers: { authorization: token } } : {});

  it('answers 401 without a valid bearer token', async () => {
    for (const auth of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
      'Basic abc',
      'Bearer ',
    ]) {
      const res = await get('/v1/state/user-profile/up_api', auth);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('serves state, state as of, timeline and by-reference with the token', async () => {
    const state = await get('/v1/state/user-profile/up_api', `Bearer ${TOKEN}`);
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ id: 'up_api', tags: ['A'], version: 2 });
    const v1 = await get('/v1/state/user-profile/up_api?version=1', `Bearer ${TOKEN}`);
    expect(await v1.json()).toMatchObject({ version: 1, tags: [] });
    const timeline: any = await (
      await get('/v1/timeline/user-profile/up_api?types=TAGS_*&order=desc', `bearer ${TOKEN}`)
    ).json();
    expect(timeline.entries.map((e: { type: string }) => e.type)).toEqual(['TAGS_UPDATED']);
    const paged: any = await (
      await get('/v1/timeline/user-profile/up_api?limit=1', `Bearer ${TOKEN}`)
    ).json();
    expect(paged.nextCursor).toEqual(expect.any(String));
    const next: any = await (
      await get(`/v1/timeline/user-profile/up_api?limit=1&cursor=${paged.nextCursor}`, `Bearer ${TOKEN}`)
    ).json();
    expect(next.entries[0].type).toBe('TAGS_UPDATED');
    const ref: any = await (await get('/v1/by-reference/cust_api', `Bearer ${TOKEN}`)).json();
    expect(ref.aggregates.map((a: { id: string }) => a.id)).toEqual(['up_api']);
  });

  it('answers 404 for an unknown aggregate and 400 for bad queries', async () => {
    expect((await get('/v1/state/user-profile/up_none', `Bearer ${TOKEN}`)).status).toBe(404);
    const badTime = await get('/v1/state/user-profile/up_api?asOf=whenever', `Bearer ${TOKEN}`);
    expect(badTime.status).toBe(400);
    expect(await badTime.json()).toMatchObject({ option: 'asOf' });
    expect((await get('/v1/timeline/user-profile/up_api?limit=0', `Bearer ${TOKEN}`)).status).toBe(400);
    expect((await get('/v1/timeline/user-profile/up_api?cursor=nope', `Bearer ${TOKEN}`)).status).toBe(400);
  });

  it('answers 404 for an unknown kind on every route, naming the kind', async () => {
    for (const path of [
      '/v1/state/widget/x',
      '/v1/timeline/widget/x',
      '/v1/timeline/widget/x?includeRelated',
    ]) {
      const res = await get(path, `Bearer ${TOKEN}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: 'not_found',
        kind: 'widget',
        message: expect.stringContaining('unknown kind "widget"'),
      });
    }
  });

  it('answers 404 for an unknown id on state and timeline, and for an unknown reference', async () => {
    expect((await get('/v1/state/user-profile/up_none', `Bearer ${TOKEN}`)).status).toBe(404);
    const timeline = await get('/v1/timeline/user-profile/up_none', `Bearer ${TOKEN}`);
    expect(timeline.status).toBe(404);
    expect(await timeline.json()).toEqual({ error: 'not_found', kind: 'user-profile', id: 'up_none' });
    expect((await get('/v1/timeline/persona-verification/ver_none', `Bearer ${TOKEN}`)).status).toBe(404);
    const ref = await get('/v1/by-reference/cust_none', `Bearer ${TOKEN}`);
    expect(ref.status).toBe(404);
    expect(await ref.json()).toEqual({ error: 'not_found', reference: 'cust_none' });
    // A known subject whose filters match nothing is an empty page, not a 404.
    const filtered = await get('/v1/timeline/user-profile/up_api?types=nothing.matches', `Bearer ${TOKEN}`);
    expect(filtered.status).toBe(200);
    expect(await filtered.json()).toEqual({ entries: [] });
  });

  it('registers nothing without a token (closed by default)', async () => {
    expect(
      (
        await fetch(`${closedBase}/v1/state/user-profile/up_api`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).status,
    ).toBe(404);
  });

  it('takes the scheme in any case and spaces around the token, nothing after it', async () => {
    for (const auth of [`Bearer  ${TOKEN} `, `bearer ${TOKEN}`, `BEARER ${TOKEN}`])
      expect((await get('/v1/state/user-profile/up_api', auth)).status).toBe(200);
    expect((await get('/v1/state/user-profile/up_api', `Bearer ${TOKEN} extra`)).status).toBe(401);
  });
});
