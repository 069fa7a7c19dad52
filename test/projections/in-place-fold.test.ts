/**
 * A live run folds onto the states its cache owns in place (plan.ts, StoredRow.owned). A batch
 * that fails after such a fold must leave nothing of it behind: the retry folds onto the state
 * the table holds, so the row and the timeline's changes are those of one clean application.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBatch } from '../../src/projections/build-steps.js';
import { projectionContext } from '../../src/projections/context.js';
import type { Projection } from '../../src/projections/projection.js';
import { readModelsProjection } from '../../src/projections/read-models/read-models.js';
import { ProjectionSession } from '../../src/projections/session.js';
import { START, type GlobalEvent } from '../../src/store/event-store.js';
import { emptyReadModelsBuild, inquiryEvent, openPglite, readAllEvents, type Db } from './harness.js';

describe('read models: folding in place onto cached states', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openPglite();
  });
  afterAll(async () => {
    await db.close();
  });

  it('a batch that fails after folding a cached state in place leaves the retry a clean fold', async () => {
    const projection = readModelsProjection;
    const build = await emptyReadModelsBuild(db);
    const created = inquiryEvent(
      'evt_inplace_1',
      'inq_inplace',
      'inquiry.created',
      'created',
      '2025-01-01T00:00:00.000Z',
    );
    const completed = inquiryEvent(
      'evt_inplace_2',
      'inq_inplace',
      'inquiry.completed',
      'completed',
      '2025-01-01T00:01:00.000Z',
    );
    await db.store.append(created.streamId, [created]);
    await db.store.append(completed.streamId, [completed]);
    const [first, second] = (await readAllEvents(db.store)) as [GlobalEvent, GlobalEvent];

    const session = new ProjectionSession(true);
    await applyBatch(db.sql, db.store, projection, build, START, first.checkpoint, [first.event], {
      session,
    });
    // The write after the fold fails (as a refused statement or a lost connection would).
    const failing: Projection = {
      ...projection,
      apply: async (batch, tx, ctx) => {
        await projection.apply(batch, tx, ctx);
        throw new Error('injected failure after the fold');
      },
    };
    await expect(
      applyBatch(db.sql, db.store, failing, build, first.checkpoint, second.checkpoint, [second.event], {
        session,
      }),
    ).rejects.toThrow('injected failure after the fold');
    await applyBatch(
      db.sql,
      db.store,
      projection,
      build,
      first.checkpoint,
      second.checkpoint,
      [second.event],
      {
        session,
      },
    );

    const ctx = projectionContext(db.store, build.version);
    const state = await db.sql.query<{ status: string; version: number; stream_version: number }>(
      `select status, version, stream_version from ${ctx.table('aggregate_state')} where kind = 'inquiry' and id = $1`,
      ['inq_inplace'],
    );
    expect(state.rows).toEqual([{ status: 'completed', version: 2, stream_version: 2 }]);
    const timeline = await db.sql.query<{ changes: { path: string; before: unknown; after: unknown }[] }>(
      `select changes from ${ctx.table('timeline_entries')} where subject_kind = 'inquiry' and event_id = $1`,
      ['evt_inplace_2'],
    );
    expect(timeline.rows).toHaveLength(1);
    expect(timeline.rows[0]!.changes).toContainEqual({
      path: 'status',
      before: 'created',
      after: 'completed',
    });
  });
});
