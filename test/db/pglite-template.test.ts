/**
 * New PGlite data directories from the template (src/db/pglite-template.ts): a directory started
 * from it is, for the product, the directory PGlite's own initdb makes; a template of another
 * PGlite version is never used; a directory that holds a database is never touched.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import {
  ABANDONED_STAGING_MS,
  findTemplate,
  pgliteVersion,
  seedFromTemplate,
  TEMPLATE_MARKER,
  templateDirFor,
} from '../../src/db/pglite-template.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { migrateQuarantine } from '../../src/intake/quarantine/sql-quarantine.js';
import { ensureCatalog } from '../../src/projections/builds.js';
import { ensureParkedTable } from '../../src/projections/parking/parked-table.js';
import { collect, newEvent } from '../store/support.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pglite-template-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Relative paths of every file under `dir`, without the data directory lock's own files. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join((e as { parentPath?: string }).parentPath ?? e.path, e.name).slice(dir.length + 1))
    .filter((f) => !f.startsWith('.profile-projector'))
    .sort();
}

/** What the product sees of a database: settings, migrations, tables, columns and indexes. */
async function describeDatabase(sql: SqlClient): Promise<unknown> {
  const q = async (text: string) => (await sql.query(text)).rows;
  return {
    settings: await q(
      `select name, setting from pg_settings
        where name in ('server_version', 'server_encoding', 'lc_collate', 'lc_ctype', 'TimeZone',
                       'max_connections', 'shared_buffers', 'wal_level', 'data_checksums')
        order by name`,
    ),
    databases: await q('select datname, encoding, datcollate from pg_database order by datname'),
    migrations: await q('select component, version, name from schema_migrations order by component, version'),
    columns: await q(
      `select table_name, column_name, data_type, is_nullable, column_default
         from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
    ),
    indexes: await q(
      `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
    ),
  };
}

/** Opens `dir`, applies what every command applies, appends and reads back one event. */
async function migrateAndUse(dir: string, templateCache: string | false): Promise<unknown> {
  const sql = await PgliteSqlClient.open({ dataDir: dir, templateCache });
  try {
    const store = await SqlEventStore.open(sql);
    await migrateQuarantine(sql);
    await ensureCatalog(sql);
    await ensureParkedTable(sql);
    const event = newEvent('inquiry-inq_1');
    await store.append('inquiry-inq_1', [event]);
    const read = await collect(store.readStream('inquiry-inq_1'));
    expect(read.map((e) => e.eventId)).toEqual([event.eventId]);
    await store.close();
    return await describeDatabase(sql);
  } finally {
    await sql.close();
  }
}

/** These tests run PGlite's initdb in WebAssembly more than once each: seconds of CPU apiece on a loaded machine. */
const INITDB_TESTS_MS = 120_000;

describe('PGlite data directory template', () => {
  it(
    'starts a new directory that equals one from PGlite initdb: same files, settings, migrations and queries',
    async () => {
      const cache = join(root, 'cache');
      const fromInitdb = join(root, 'initdb');
      const fromTemplate = join(root, 'template');
      await (await PgliteSqlClient.open({ dataDir: fromInitdb, templateCache: false })).close();
      await (await PgliteSqlClient.open({ dataDir: fromTemplate, templateCache: cache })).close();
      expect(await findTemplate(cache)).toBe(templateDirFor(cache));
      expect(await filesOf(fromTemplate)).toEqual(await filesOf(fromInitdb));

      expect(await migrateAndUse(fromTemplate, cache)).toEqual(await migrateAndUse(fromInitdb, false));
      // Reopened: migrations current, the event still there.
      const again = await PgliteSqlClient.open({ dataDir: fromTemplate, templateCache: cache });
      try {
        const store = await SqlEventStore.open(again);
        const { rows } = await again.query<{ n: string }>('select count(*)::text as n from events');
        expect(rows[0]!.n).toBe('1');
        await store.close();
      } finally {
        await again.close();
      }
    },
    INITDB_TESTS_MS,
  );

  it(
    'never uses a template that names another PGlite version: it is made again',
    async () => {
      const cache = join(root, 'stale-cache');
      const stale = templateDirFor(cache);
      await mkdir(stale, { recursive: true });
      await writeFile(join(stale, 'PG_VERSION'), '99\n');
      await writeFile(join(stale, TEMPLATE_MARKER), JSON.stringify({ pglite: '0.0.1', createdAt: 'then' }));
      expect(await findTemplate(cache)).toBeUndefined();
      // A staging directory left by a process that died while making a template.
      const abandoned = join(cache, '.pglite-0.0.1-dead');
      await mkdir(abandoned);
      const then = new Date(Date.now() - ABANDONED_STAGING_MS - 60_000);
      await utimes(abandoned, then, then);

      const dir = join(root, 'after-stale');
      await mkdir(dir);
      expect(await seedFromTemplate(dir, cache)).toBe(true);
      const marker = JSON.parse(await readFile(join(stale, TEMPLATE_MARKER), 'utf8')) as { pglite: string };
      expect(marker.pglite).toBe(pgliteVersion());
      expect((await readFile(join(dir, 'PG_VERSION'), 'utf8')).trim()).not.toBe('99');
      expect(await readdir(cache)).toEqual([`pglite-${pgliteVersion()}`]);
      const sql = await PgliteSqlClient.open({ dataDir: dir, templateCache: cache });
      try {
        expect((await sql.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await sql.close();
      }
    },
    INITDB_TESTS_MS,
  );

  it('two openers making the template at once both start, and one template is kept', async () => {
    const cache = join(root, 'race-cache');
    const dirs = [join(root, 'race-a'), join(root, 'race-b')];
    await Promise.all(dirs.map((d) => mkdir(d)));
    expect(await Promise.all(dirs.map((d) => seedFromTemplate(d, cache)))).toEqual([true, true]);
    expect(await readdir(cache)).toEqual([`pglite-${pgliteVersion()}`]);
    for (const dir of dirs) {
      const sql = await PgliteSqlClient.open({ dataDir: dir, templateCache: cache });
      try {
        expect((await sql.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await sql.close();
      }
    }
  });

  it('starts over a copy that was cut short (no PG_VERSION yet)', async () => {
    const cache = join(root, 'cache');
    const template = (await findTemplate(cache))!;
    const dir = join(root, 'cut-short');
    await mkdir(join(dir, 'global'), { recursive: true });
    await writeFile(join(dir, 'global', 'pg_control'), 'torn');
    await writeFile(join(dir, 'postgresql.conf'), '');
    const sql = await PgliteSqlClient.open({ dataDir: dir, templateCache: cache });
    try {
      expect((await sql.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await sql.close();
    }
    expect(await filesOf(dir)).toEqual(
      await filesOf(template).then((f) => f.filter((n) => n !== TEMPLATE_MARKER)),
    );
  });

  it('leaves a directory that already holds a database alone', async () => {
    const cache = join(root, 'cache');
    const dir = join(root, 'existing');
    const sql = await PgliteSqlClient.open({ dataDir: dir, templateCache: cache });
    await sql.exec('create table kept (id int); insert into kept values (7)');
    await sql.close();
    expect(await seedFromTemplate(dir, cache)).toBe(false);
    const reopened = await PgliteSqlClient.open({ dataDir: dir, templateCache: cache });
    try {
      expect((await reopened.query<{ id: number }>('select id from kept')).rows).toEqual([{ id: 7 }]);
    } finally {
      await reopened.close();
    }
  });
});
