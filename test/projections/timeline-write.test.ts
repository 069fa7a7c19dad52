/**
 * Live timeline writes (timeline-write.ts): rows of events applied for the first time go in with
 * COPY on PostgreSQL. A row that exists already (which a build never leaves, forced here) must not
 * fail the batch: the same rows are upserted instead, and the row holds what the batch wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBatch } from '../../src/projections/build-steps.js';
import { projectionContext } from '../../src/projections/context.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { ProjectionSession } from '../../src/projections/session.js';
import { START } from '../../src/store/event-store.js';
import { probePostgres } from '../support/postgres.js';
import {
  emptyReadModelsBuild,
  inquiryEvent,
  openPglite,
  openPostgres,
  readAllEvents,
  type Db,
} from './harness.js';

const pg = await probePostgres();
const backends: [string, boolean, () => Promise<Db>][] = [
  ['PGlite (multi-row upsert)', true, () => openPglite()],
  ['PostgreSQL (COPY)', pg.available, () => openPostgres(pg.url)],
];

describe.each(backends)('live timeline rows on %s', (_name, available, open) => {
  let db: Db;
  beforeAll(async () => {
    if (available) db = await open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(!available)('a row that already exists is replaced by the batch, which commits', async () => {
    const projection = readModelsProjection;
    const build = await emptyReadModelsBuild(db);
    const event = inquiryEvent(
      'evt_tw_1',
      'inq_tw',
      'inquiry.completed',
      'completed',
      '2025-01-01T00:00:00.000Z',
    );
    await db.store.append(event.streamId, [event]);
    const all = await readAllEvents(db.store);
    const table = projectionContext(db.store, build.version).table('timeline_entries');
    await db.sql.query(
      `insert into ${table} (subject_kind, subject_id, event_id, occurred_at, recorded_at, position, stream_id,
         type, source, actor, summary, about_kind, about_id, changes, own)
       values ('inquiry', 'inq_tw', 'evt_tw_1', now(), now(), 0, 'stale', 'stale', 'stale', null, 'stale',
         'inquiry', 'inq_tw', '[]', false)`,
    );

    await applyBatch(db.sql, db.store, projection, build, START, all[0]!.checkpoint, [all[0]!.event], {
      session: new ProjectionSession(false),
    });

    const { rows } = await db.sql.query<{
      stream_id: string;
      type: string;
      own: boolean;
      changes: unknown[];
    }>(
      `select stream_id, type, own, changes from ${table} where subject_kind = 'inquiry' and subject_id = 'inq_tw'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ stream_id: 'inquiry-inq_tw', type: 'inquiry.completed', own: true });
    expect(rows[0]!.changes).toContainEqual({ path: 'status', before: null, after: 'completed' });
  });
});
