/**
 * A new event store analyses its own tables as they grow (young-tables.ts). The appends are
 * prepared, and PostgreSQL keeps the generic plan it made while `events` was empty (a scan of the
 * whole table to find stored ids) until the table is analysed. Autovacuum is off on the test's
 * tables, so only the store's own ANALYZE can change what the planner knows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgSqlClient } from '../../src/db/pg-client.js';
import {
  LOCK_STREAMS_AND_FIND_STORED,
  appendToStreamStatement,
  appendToStreamsStatement,
} from '../../src/store/sql/append-statements.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { ANALYZE_AT } from '../../src/store/sql/young-tables.js';
import { createTestSchema, probePostgres, type TestSchema } from '../support/postgres.js';
import { newEvents } from './support.js';

const pgProbe = await probePostgres();

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, into: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) into.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, into);
  return into;
}

describe.skipIf(!pgProbe.available)(
  'a new event store on PostgreSQL analyses its tables as they grow',
  () => {
    let schema: TestSchema;
    let admin: pg.Client;
    const openStore = () =>
      SqlEventStore.open(new PgSqlClient({ connectionString: pgProbe.url, schema: schema.schema, max: 2 }), {
        schema: schema.schema,
        ownsClient: true,
      });
    const reltuples = async (): Promise<number> => {
      const { rows } = await admin.query<{ n: number }>(
        'select reltuples::float8 as n from pg_class where oid = $1::regclass',
        [`${schema.schema}.events`],
      );
      return rows[0]!.n;
    };
    /** Appends `count` events in appends of ten to new streams, then closes (close waits for an ANALYZE). */
    const append = async (count: number, tag: string): Promise<void> => {
      const store = await openStore();
      for (let i = 0; i < count; i += 10) {
        const id = `inquiry-inq_${tag}${i}`;
        await store.append(id, newEvents(id, Math.min(10, count - i)));
      }
      await store.close();
    };

    beforeAll(async () => {
      schema = await createTestSchema(pgProbe.url);
      await (await openStore()).close();
      admin = new pg.Client({ connectionString: pgProbe.url });
      await admin.connect();
      for (const table of ['events', 'streams']) {
        await admin.query(`alter table ${schema.schema}.${table} set (autovacuum_enabled = false)`);
      }
    });
    afterAll(async () => {
      await admin?.end();
      await schema?.drop();
    });

    it('leaves the tables alone below the first size, and analyses them once it is reached', async () => {
      const first = ANALYZE_AT[0]!;
      await append(first - 10, 'a');
      expect(await reltuples()).toBe(-1);
      // A store opened again counts the events stored before it, and its own.
      await append(20, 'b');
      expect(await reltuples()).toBeGreaterThanOrEqual(first);
    });

    it('afterwards the appends plan their lookups of stored events through the index', async () => {
      await admin.query(`set search_path to ${schema.schema}`);
      await admin.query('set plan_cache_mode = force_generic_plan');
      for (const sql of [
        LOCK_STREAMS_AND_FIND_STORED,
        appendToStreamStatement(16),
        appendToStreamsStatement(16),
      ]) {
        const params = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        await admin.query(`prepare lookup as ${sql}`);
        const { rows } = await admin.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
          `explain (format json) execute lookup(${Array.from({ length: params }, () => 'null').join(', ')})`,
        );
        await admin.query('deallocate lookup');
        expect(seqScans(rows[0]!['QUERY PLAN'][0].Plan)).not.toContain('events');
      }
    });
  },
);
