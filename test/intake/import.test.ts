/** NDJSON import into PGlite and real PostgreSQL: good, duplicate, blank and bad lines; idempotent re-runs. */
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importNdjson, type ImportProgress } from '../../src/intake/import.js';
import { SqlQuarantine, migrateQuarantine } from '../../src/intake/quarantine/sql-quarantine.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { randomId } from '../support/deliveries.js';
import { sharedPglite } from '../support/pglite.js';
import { createTestSchema, probePostgres } from '../support/postgres.js';
import { aiPriseBody, nulPersonaBody, personaBody } from './fixtures.js';

const pg = await probePostgres();
const dir = await mkdtemp(path.join(tmpdir(), 'pp-import-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** 7 lines: 3 good events (one stream twice), a repeat, a blank, invalid JSON, an incomplete envelope. */
async function writeFixture(): Promise<{ file: string; ids: string[] }> {
  const inquiry = randomId('inq');
  const ids = [randomId('evt'), randomId('evt'), randomId('evt')];
  const lines = [
    personaBody(ids[0], inquiry),
    personaBody(ids[1], inquiry),
    personaBody(ids[0], inquiry), // exported twice
    '',
    '{"data": {"type": "event", "id": "evt_broken"', // truncated
    personaBody(ids[2]),
    JSON.stringify({ data: { type: 'event', id: randomId('evt') } }),
  ];
  const file = path.join(dir, `${randomId('export')}.ndjson`);
  await writeFile(file, `${lines.join('\r\n')}\n`);
  return { file, ids };
}

function suite(name: string, open: () => Promise<{ client: SqlClient; close(): Promise<void> }>) {
  it(`imports good lines, quarantines bad ones by line number, and re-runs idempotently (${name})`, async () => {
    const { client, close } = await open();
    try {
      const store = await SqlEventStore.open(client);
      await migrateQuarantine(client);
      const quarantine = new SqlQuarantine(client);
      const { file, ids } = await writeFixture();
      const seen: ImportProgress[] = [];

      const first = await importNdjson({
        store,
        quarantine,
        source: 'persona',
        input: createReadStream(file),
        batchSize: 2,
        onProgress: (p) => seen.push(p),
      });
      expect(first).toMatchObject({ lines: 7, appended: 3, duplicates: 1, quarantined: 2, blank: 1 });
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.at(-1)).toEqual(first);
      for (const id of ids) expect(await store.hasEvent(id)).toBe(true);

      const bad = await quarantine.list({ source: 'persona' });
      expect(bad.map((e) => e.line)).toEqual([5, 7]);
      expect(bad[0]!.problems[0]!.code).toBe('invalid_json');
      expect(bad[1]!.reason).toMatch(/data\.attributes/);

      const again = await importNdjson({
        store,
        quarantine,
        source: 'persona',
        input: createReadStream(file),
        batchSize: 3,
      });
      expect(again).toMatchObject({ lines: 7, appended: 0, duplicates: 4, quarantined: 2 });
      const afterRerun = await quarantine.list({ source: 'persona' });
      expect(afterRerun.map((e) => [e.line, e.deliveries])).toEqual([
        [5, 2],
        [7, 2],
      ]);
      const { rows } = await client.query<{ n: string }>('select count(*)::text as n from events');
      expect(Number(rows[0]!.n)).toBe(3);
    } finally {
      await close();
    }
  });
}

describe('importNdjson', () => {
  const freshPglite = sharedPglite();
  suite('PGlite', async () => ({ client: await freshPglite(), close: async () => undefined }));

  describe.skipIf(!pg.available)('on PostgreSQL', () => {
    suite('PostgreSQL', async () => {
      const schema = await createTestSchema(pg.url);
      const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 2 });
      return {
        client,
        close: async () => {
          await client.close();
          await schema.drop();
        },
      };
    });
  });

  it('quarantines a line the store refuses for its content and keeps the rest of its batch', async () => {
    const client = await freshPglite();
    const store = await SqlEventStore.open(client);
    await migrateQuarantine(client);
    const quarantine = new SqlQuarantine(client);
    const good = [randomId('evt'), randomId('evt')];
    const lines = [personaBody(good[0]), nulPersonaBody(randomId('evt')), personaBody(good[1])].join('\n');
    const result = await importNdjson({
      store,
      quarantine,
      source: 'persona',
      input: Readable.from([lines]),
      batchSize: 10,
    });
    expect(result).toMatchObject({ lines: 3, appended: 2, quarantined: 1 });
    for (const id of good) expect(await store.hasEvent(id)).toBe(true);
    expect(await quarantine.list()).toMatchObject([
      { line: 2, reason: expect.stringMatching(/SQLSTATE 22/) },
    ]);
  });

  it('reads AiPrise callbacks from any stream, e.g. stdin', async () => {
    const client = await freshPglite();
    const store = await SqlEventStore.open(client);
    await migrateQuarantine(client);
    const lines = [aiPriseBody(), aiPriseBody(), 'not json'].join('\n');
    const result = await importNdjson({
      store,
      quarantine: new SqlQuarantine(client),
      source: 'aiprise',
      input: Readable.from([lines]),
    });
    expect(result).toMatchObject({ lines: 3, appended: 2, quarantined: 1 });
  });
});
