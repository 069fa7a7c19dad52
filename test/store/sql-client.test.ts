/** The SqlClient adapters and migrations, against real PostgreSQL and PGlite. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/event-store.js';
import { openEventStore } from '../../src/store/open.js';
import { runMigrations, type Migration } from '../../src/db/migrations.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { sharedPglite } from '../support/pglite.js';
import { createTestSchema, probePostgres } from '../support/postgres.js';
import { collect, newEvent } from './support.js';

const pg = await probePostgres();

const widgets: Migration[] = [
  { version: 1, name: 'widgets', statements: ['create table widgets (id int primary key)'] },
  { version: 2, name: 'widget names', statements: ['alter table widgets add column name text'] },
];

describe.skipIf(!pg.available)('PgSqlClient', () => {
  it('puts every pooled connection on the schema and runs migrations once under concurrent openers', async () => {
    const schema = await createTestSchema(pg.url);
    const clients = Array.from(
      { length: 4 },
      () => new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 2 }),
    );
    try {
      const results = await Promise.all(
        clients.map((c) =>
          runMigrations(c, { component: 'widgets', migrations: widgets, schema: schema.schema }),
        ),
      );
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, 0, 2]);
      const c = clients[0]!;
      const rows = await Promise.all(
        Array.from({ length: 4 }, () => c.query<{ s: string }>('select current_schema() as s')),
      );
      expect(rows.map((r) => r.rows[0]!.s)).toEqual(Array(4).fill(schema.schema));
      const applied = await c.query<{ version: number }>(
        'select version from schema_migrations where component = $1 order by version',
        ['widgets'],
      );
      expect(applied.rows.map((r) => r.version)).toEqual([1, 2]);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await schema.drop();
    }
  });

  it('rolls a failed transaction back', async () => {
    const schema = await createTestSchema(pg.url);
    const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema });
    try {
      await runMigrations(client, { component: 'widgets', migrations: widgets, schema: schema.schema });
      await expect(
        client.transaction(async (tx) => {
          await tx.query('insert into widgets (id, name) values ($1, $2)', [1, 'a']);
          await tx.query('insert into widgets (id, name) values ($1, $2)', [1, 'dup']);
        }),
      ).rejects.toMatchObject({ code: '23505' });
      expect((await client.query('select * from widgets')).rowCount).toBe(0);
    } finally {
      await client.close();
      await schema.drop();
    }
  });

  it('runs a prepared statement on every pooled connection and inside transactions, as the server prepared it', async () => {
    const schema = await createTestSchema(pg.url);
    const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema, max: 3 });
    const text = 'select $1::int4 + 1 as n';
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => client.query<{ n: number }>(text, [i], { prepare: true })),
      );
      expect(results.map((r) => r.rows[0]!.n)).toEqual([1, 2, 3, 4, 5, 6]);
      const inTx = await client.transaction((tx) => tx.query<{ n: number }>(text, [41], { prepare: true }));
      expect(inTx.rows[0]!.n).toBe(42);
      expect((await client.query<{ n: number }>(text, [9])).rows[0]!.n).toBe(10);
      // Named on the server: each connection that ran it holds it prepared.
      const prepared = await client.transaction((tx) =>
        tx.query<{ n: string }>(
          `select count(*)::text as n from pg_prepared_statements where statement = $1 and name like 'pp\\_%'`,
          [text],
        ),
      );
      expect(Number(prepared.rows[0]!.n)).toBe(1);
    } finally {
      await client.close();
      await schema.drop();
    }
  });

  it('runs several statements in one exec', async () => {
    const schema = await createTestSchema(pg.url);
    const client = new PgSqlClient({ connectionString: pg.url, schema: schema.schema });
    try {
      await client.exec('create table a (n int); create table b (n int); insert into b values (7)');
      expect((await client.query<{ n: number }>('select n from b')).rows).toEqual([{ n: 7 }]);
    } finally {
      await client.close();
      await schema.drop();
    }
  });
});

describe('unavailable database', () => {
  it('maps a refused connection to StoreUnavailableError and ping to false', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const client = new PgSqlClient({
      connectionString: 'postgres://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    await expect(client.query('select 1')).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(client.transaction(async () => 1)).rejects.toBeInstanceOf(StoreUnavailableError);
    await client.close();
  });

  it('a closed PGlite store reports unavailable and ping false', async () => {
    const { store, sql } = await openEventStore({ pglite: 'memory://' });
    expect(sql?.dialect).toBe('pglite');
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.hasEvent('x')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('PgliteSqlClient', () => {
  const freshPglite = sharedPglite();

  it('keeps events in a data directory across reopen', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pp-pglite-'));
    try {
      const first = await openEventStore({ pglite: dir });
      const event = newEvent('inquiry-inq_keep');
      await first.store.append('inquiry-inq_keep', [event]);
      await first.store.close();
      const second = await openEventStore({ pglite: dir });
      const read = await collect(second.store.readStream('inquiry-inq_keep'));
      expect(read.map((e) => e.eventId)).toEqual([event.eventId]);
      await second.store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('never interleaves a transaction with other queries', async () => {
    const client = await freshPglite();
    await client.exec('create table t (n int)');
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const tx = client.transaction(async (t) => {
      await t.query('insert into t values (1)');
      inside();
      // Another caller's query is queued now; it must not see the uncommitted row nor run here.
      await new Promise((resolve) => setImmediate(resolve));
      await t.query('insert into t values (2)');
      throw new Error('roll back');
    });
    await entered;
    const outside = client.query<{ c: string }>('select count(*)::text as c from t');
    await expect(tx).rejects.toThrow('roll back');
    expect((await outside).rows[0]!.c).toBe('0');
  });

  it('reads long text, json, jsonb and bytea parameters (sent as bytes) back as a short one would', async () => {
    const client = await freshPglite();
    // Multi-byte characters, a surrogate pair and the characters JSON and COPY escape, either
    // side of the length from which a parameter goes as bytes.
    const unit = 'é✓😀"\\\n\t';
    for (const length of [10, 5000]) {
      const text = unit.repeat(Math.ceil(length / unit.length));
      const doc = [{ text, n: 1 }, { nested: { text } }];
      const { rows } = await client.query<{ t: string; j: unknown; jb: unknown; jo: unknown; chars: number }>(
        'select $1::text as t, $2::json as j, $2::jsonb as jb, $3::jsonb as jo, length($1::text) as chars',
        [text, JSON.stringify(doc), { text }],
      );
      expect(rows[0]!.t).toBe(text);
      expect(rows[0]!.chars).toBe([...text].length);
      expect(rows[0]!.j).toEqual(doc);
      expect(rows[0]!.jb).toEqual(doc);
      expect(rows[0]!.jo).toEqual({ text });
      // Array elements are serialized as text inside the array literal, whatever their length.
      const arrays = await client.query<{ a: string[] }>('select $1::text[] as a', [[text, 'b"\\']]);
      expect(arrays.rows[0]!.a).toEqual([text, 'b"\\']);
      await client.exec('create table if not exists docs (id int, body text, data jsonb)');
      await client.transaction((tx) =>
        tx.query(
          'insert into docs select * from jsonb_to_recordset($1::jsonb) as r(id int, body text, data jsonb)',
          [JSON.stringify([{ id: length, body: text, data: { text } }])],
        ),
      );
      const stored = await client.query<{ body: string; data: unknown }>(
        'select body, data from docs where id = $1',
        [length],
      );
      expect(stored.rows[0]).toEqual({ body: text, data: { text } });
      // A malformed document is refused for its content, as a short one is.
      await expect(
        client.query('select $1::jsonb', [`{"text": "${'x'.repeat(length)}`]),
      ).rejects.toMatchObject({
        code: '22P02',
      });
      // So is text holding U+0000 (intake quarantines a body the database refuses for its content).
      await expect(client.query('select $1::text', ['x\u0000'.repeat(length)])).rejects.toMatchObject({
        code: '22021',
      });
    }
    for (const length of [0, 10, 100_000]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7) % 256);
      const { rows } = await client.query<{ b: Uint8Array; n: number }>(
        'select $1::bytea as b, length($1::bytea) as n',
        [bytes],
      );
      expect(rows[0]!.n).toBe(length);
      expect(rows[0]!.b).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(rows[0]!.b).equals(Buffer.from(bytes))).toBe(true);
      // Its own memory, not a view of a shared pool that a caller reading `.buffer` would see.
      expect(rows[0]!.b.buffer.byteLength).toBe(length);
    }
  });

  it('returns int8 as strings like node-postgres', async () => {
    const client = await freshPglite();
    const { rows } = await client.query<{ n: unknown }>('select $1::int8 as n', ['9007199254740993']);
    expect(rows[0]!.n).toBe('9007199254740993');
  });
});

describe.skipIf(!pg.available)('openEventStore', () => {
  it('opens PostgreSQL in a schema and hands back the shared client', async () => {
    const schema = await createTestSchema(pg.url);
    const { store, sql } = await openEventStore({ postgres: pg.url, schema: schema.schema });
    try {
      expect(store).toBeInstanceOf(SqlEventStore);
      await store.append('account-act_1', [newEvent('account-act_1')]);
      const { rows } = await sql!.query<{ n: string }>('select count(*)::text as n from events');
      expect(rows[0]!.n).toBe('1');
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});
