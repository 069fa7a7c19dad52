/** Real databases for projection tests: PostgreSQL in a per-file schema, and in-memory PGlite. */
import { parseDelivery } from '../../src/events/parse.js';
import type { NewEvent } from '../../src/events/types.js';
import { initBuild } from '../../src/projections/build-steps.js';
import { ensureCatalog, insertBuild } from '../../src/projections/builds.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import type { EventStore, GlobalEvent } from '../../src/store/event-store.js';
import type { SqlClient } from '../../src/db/sql-client.js';
import { PgSqlClient } from '../../src/db/pg-client.js';
import { PgliteSqlClient } from '../../src/db/pglite-client.js';
import { SqlEventStore } from '../../src/store/sql/sql-event-store.js';
import { MemoryEventStore } from '../../src/store/memory-event-store.js';
import { createTestSchema, type TestSchema } from '../support/postgres.js';
import { inquiryResource, personaDelivery } from '../support/deliveries.js';

export interface Db {
  sql: SqlClient;
  store: EventStore;
  close(): Promise<void>;
}

/** Read models in PostgreSQL; events in the same schema, or in the memory store (as with KurrentDB, a separate store). */
export async function openPostgres(
  url: string,
  events: 'sql' | 'memory' = 'sql',
): Promise<Db & { schema: TestSchema }> {
  const schema = await createTestSchema(url, 'pp_proj');
  const sql = new PgSqlClient({ connectionString: url, schema: schema.schema });
  await sql.query('select 1');
  const store =
    events === 'memory'
      ? new MemoryEventStore({ pollIntervalMs: 100 })
      : await SqlEventStore.open(sql, { schema: schema.schema, pollIntervalMs: 100 });
  return {
    sql,
    store,
    schema,
    async close() {
      await store.close();
      await sql.close();
      await schema.drop();
    },
  };
}

export async function openPglite(events: 'sql' | 'memory' = 'sql'): Promise<Db> {
  const sql = await PgliteSqlClient.open();
  const store =
    events === 'memory'
      ? new MemoryEventStore({ pollIntervalMs: 100 })
      : await SqlEventStore.open(sql, { pollIntervalMs: 100 });
  return {
    sql,
    store,
    async close() {
      await store.close();
      await sql.close();
    },
  };
}

/** Appends in arrival order, grouped per stream per chunk; duplicates are left for the store to drop. */
export async function appendFeed(store: EventStore, events: readonly NewEvent[], chunk = 500): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) {
    const byStream = new Map<string, NewEvent[]>();
    for (const e of events.slice(i, i + chunk)) {
      const list = byStream.get(e.streamId) ?? [];
      if (!list.some((x) => x.eventId === e.eventId)) list.push(e);
      byStream.set(e.streamId, list);
    }
    await store.appendBatch([...byStream].map(([streamId, evs]) => ({ streamId, events: evs })));
  }
}

/** Ordered dump of the read models through the stable views. */
export async function dumpViews(sql: SqlClient): Promise<Record<string, unknown[]>> {
  const q = async (text: string): Promise<unknown[]> => (await sql.query(text)).rows;
  return {
    aggregate_state: await q(
      'select kind, id, version, stream_version, status, tags, state::text as state, redacted, created_at::text as c, updated_at::text as u, last_occurred_at::text as l from aggregate_state order by kind, id',
    ),
    timeline_entries: await q(
      'select subject_kind, subject_id, event_id, occurred_at::text as o, recorded_at::text as r, position::text as p, type, source, actor, summary, changes::text as changes from timeline_entries order by subject_kind, subject_id, event_id',
    ),
    reference_index: await q('select * from reference_index order by reference_id, kind, id'),
  };
}

/** An aggregate stream with three events or more, and the id of its second event (to poison). */
export async function secondEventOfALongStream(db: Db): Promise<{ stream_id: string; event_id: string }> {
  const { rows } = await db.sql.query<{ stream_id: string; event_id: string }>(
    `select stream_id, event_id from events
      where stream_version = 2 and stream_id like any (array['account-%', 'inquiry-%', 'user-profile-%'])
        and stream_id in (select stream_id from events group by stream_id having count(*) >= 3)
      order by stream_id limit 1`,
  );
  return rows[0]!;
}

/** A new, empty read-models build (v1, catalog row and tables), for tests that apply batches by hand. */
export async function emptyReadModelsBuild(db: Db): Promise<{ name: string; version: number }> {
  const projection = readModelsProjection;
  const build = { name: projection.name, version: 1 };
  await ensureCatalog(db.sql);
  await insertBuild(db.sql, build.name, build.version, projection.version);
  await initBuild(db.sql, db.store, projection, build.version);
  return build;
}

/** A parsed Persona inquiry event (`name`, the inquiry's status, the time it occurred). */
export function inquiryEvent(
  eventId: string,
  inquiryId: string,
  name: string,
  status: string,
  at: string,
): NewEvent {
  const parsed = parseDelivery(
    'persona',
    personaDelivery({
      id: eventId,
      name,
      createdAt: at,
      resource: inquiryResource({ id: inquiryId, status }),
    }),
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.event;
}

/** Every event in the global order, without bodies, with its checkpoint. */
export async function readAllEvents(store: EventStore): Promise<GlobalEvent[]> {
  const all: GlobalEvent[] = [];
  for await (const g of store.readAll({ raw: false })) all.push(g);
  return all;
}
