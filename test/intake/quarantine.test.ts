/** One behaviour suite run against the memory, PGlite and PostgreSQL quarantines. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { MemoryQuarantine } from '../../src/intake/quarantine/memory-quarantine.js';
import { chooseHeaders, type QuarantineStore } from '../../src/intake/quarantine/quarantine.js';
import { SqlQuarantine, migrateQuarantine } from '../../src/intake/quarantine/sql-quarantine.js';
import type { Problem } from '../../src/events/parse-result.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';

const pg = await probePostgres();

const problems: Problem[] = [{ code: 'invalid_json', path: [], message: 'Unexpected end of JSON input' }];

function contract(
  name: string,
  open: () => Promise<{ quarantine: QuarantineStore; close(): Promise<void> }>,
) {
  describe(`${name} quarantine`, () => {
    let q: QuarantineStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ quarantine: q, close } = await open());
    });
    afterAll(async () => close());

    it('keeps the body byte-exact with headers, reason and line, once per body', async () => {
      // Not valid UTF-8 on purpose: the quarantine must keep bytes, not text.
      const body = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x0a]);
      const first = await q.add({
        source: 'persona',
        body,
        headers: { 'persona-signature': 't=1,v1=ab' },
        problems,
        reason: '(body): Unexpected end of JSON input',
        receivedAt: new Date('2025-01-02T03:04:05.000Z'),
        line: 7,
      });
      expect(first.created).toBe(true);
      const again = await q.add({
        source: 'persona',
        body,
        headers: {},
        problems,
        reason: 'x',
        receivedAt: new Date(),
      });
      expect(again).toEqual({ id: first.id, created: false });

      const entry = await q.get(first.id);
      expect(entry).not.toBeNull();
      expect(Buffer.compare(entry!.body, body)).toBe(0);
      expect(entry).toMatchObject({
        id: first.id,
        source: 'persona',
        headers: { 'persona-signature': 't=1,v1=ab' },
        problems,
        reason: '(body): Unexpected end of JSON input',
        line: 7,
        bytes: 6,
        receivedAt: '2025-01-02T03:04:05.000Z',
        deliveries: 2,
        replayedAt: null,
        replayedEventId: null,
      });
    });

    it('lists pending entries by source, pages, and moves replayed ones out of pending', async () => {
      const a = await q.add({
        source: 'aiprise',
        body: Buffer.from('a{'),
        headers: {},
        problems,
        reason: 'r',
        receivedAt: new Date(),
      });
      const b = await q.add({
        source: 'aiprise',
        body: Buffer.from('b{'),
        headers: {},
        problems,
        reason: 'r',
        receivedAt: new Date(),
      });
      const pending = await q.list({ source: 'aiprise' });
      expect(pending.map((e) => e.id)).toEqual([a.id, b.id]);
      expect(pending[0]).not.toHaveProperty('body');
      expect((await q.list({ source: 'aiprise', limit: 1 })).map((e) => e.id)).toEqual([a.id]);
      expect((await q.list({ source: 'aiprise', afterId: a.id })).map((e) => e.id)).toEqual([b.id]);

      await q.recordFailedReplay(
        a.id,
        [{ code: 'missing_field', path: ['x'], message: 'required' }],
        'x: required',
      );
      expect((await q.get(a.id))?.reason).toBe('x: required');

      const at = new Date('2025-06-01T00:00:00.000Z');
      await q.markReplayed(a.id, 'evt_a', at);
      await q.markReplayed(a.id, 'evt_other', new Date()); // first replay wins
      expect((await q.list({ source: 'aiprise' })).map((e) => e.id)).toEqual([b.id]);
      expect(await q.list({ source: 'aiprise', status: 'replayed' })).toMatchObject([
        { id: a.id, replayedAt: at.toISOString(), replayedEventId: 'evt_a' },
      ]);
      expect((await q.list({ source: 'aiprise', status: 'all' })).length).toBe(2);
    });

    it('answers null for unknown or malformed ids', async () => {
      expect(await q.get('999999')).toBeNull();
      expect(await q.get('1; drop table intake_quarantine')).toBeNull();
    });
  });
}

contract('memory', async () => ({ quarantine: new MemoryQuarantine(), close: async () => undefined }));

contract('PGlite', async () => {
  const client = await PgliteSqlClient.open({ schema: 'intake' });
  await migrateQuarantine(client);
  await migrateQuarantine(client); // idempotent
  return { quarantine: new SqlQuarantine(client), close: () => client.close() };
});

describe.skipIf(!pg.available)('PostgreSQL', () => {
  contract('PostgreSQL', async () => {
    const schema: TestSchema = await createTestSchema(pg.url);
    const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 4 });
    // Two openers at once: the migration lock makes this safe.
    await Promise.all([migrateQuarantine(client), migrateQuarantine(client)]);
    return {
      quarantine: new SqlQuarantine(client),
      close: async () => {
        await client.close();
        await schema.drop();
      },
    };
  });
});

describe('chooseHeaders', () => {
  it('keeps signature and vendor delivery headers only, lower-cased', () => {
    expect(
      chooseHeaders({
        'Persona-Signature': 't=1,v1=a',
        'Persona-Webhook-Attempts-Made': '2',
        'X-HMAC-SIGNATURE': 'ff',
        authorization: 'Bearer secret',
        cookie: 'c=1',
        'content-type': 'application/json',
      }),
    ).toEqual({
      'persona-signature': 't=1,v1=a',
      'persona-webhook-attempts-made': '2',
      'x-hmac-signature': 'ff',
    });
  });
});
