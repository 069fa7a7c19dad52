/** The read-model tables' storage (tables.ts): aggregate_state leaves room on its pages for updates. */
import { describe, expect, it } from 'vitest';
import { projectionContext } from '../../src/projections/context.js';
import { createBareTables, createTables } from '../../src/projections/read-models/tables.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { sharedPglite } from '../support/pglite.js';

const fresh = sharedPglite();

async function reloptions(sql: Awaited<ReturnType<typeof fresh>>, table: string): Promise<string[] | null> {
  const { rows } = await sql.query<{ reloptions: string[] | null }>(
    'select reloptions from pg_class where oid = $1::regclass',
    [table],
  );
  return rows[0]!.reloptions;
}

describe('read-model tables', () => {
  it('aggregate_state is created with fillfactor 70, keyed or bare; the timeline (insert-only) with the default', async () => {
    const sql = await fresh();
    const store = new MemoryEventStore();
    const keyed = projectionContext(store, 1);
    const bare = projectionContext(store, 2);
    await sql.transaction((tx) => createTables(tx, keyed));
    await sql.transaction((tx) => createBareTables(tx, bare));
    for (const ctx of [keyed, bare]) {
      expect(await reloptions(sql, ctx.table('aggregate_state'))).toEqual(['fillfactor=70']);
      expect(await reloptions(sql, ctx.table('timeline_entries'))).toBeNull();
    }
    await store.close();
  });
});
