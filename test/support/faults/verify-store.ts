/**
 * What a reliability test checks after a fault, straight from the database the service used:
 * every event stored exactly once, the projections caught up, and every read-model state equal to a
 * fresh fold of its stream (so nothing was applied twice or skipped across crashes).
 */
import { isDeepStrictEqual } from 'node:util';
import { fold } from '../../../src/aggregates/fold.js';
import { aggregateForStream } from '../../../src/aggregates/registry.js';
import type { RecordedEvent } from '../../../src/events/types.js';
import type { PgSqlClient } from '../../../src/db/pg-client.js';
import { SqlEventStore } from '../../../src/store/sql/sql-event-store.js';
import { expect, vi } from 'vitest';

const AGGREGATE_CATEGORIES = ['account', 'case', 'inquiry', 'user-profile'];

export interface StoreCounts {
  events: number;
  distinctEventIds: number;
  /** Event ids stored more than once (must be 0; the schema also forbids it). */
  repeatedEventIds: number;
  /** Streams whose version differs from their event count or that have a gap. */
  streamsWithGaps: number;
}

export async function storeCounts(sql: PgSqlClient): Promise<StoreCounts> {
  const { rows } = await sql.query<{ events: string; ids: string }>(
    'select count(*) as events, count(distinct event_id) as ids from events',
  );
  const repeated = await sql.query('select event_id from events group by event_id having count(*) > $1', [1]);
  const gaps = await sql.query(
    `select s.stream_id from streams s left join events e on e.stream_id = s.stream_id
      group by s.stream_id, s.version having count(e.position) <> s.version or coalesce(max(e.stream_version), 0) <> s.version`,
  );
  return {
    events: Number(rows[0]!.events),
    distinctEventIds: Number(rows[0]!.ids),
    repeatedEventIds: repeated.rowCount,
    streamsWithGaps: gaps.rowCount,
  };
}

/** Aggregate streams whose read-model row is missing or behind the stream (0 = caught up). */
export async function projectionLag(sql: PgSqlClient): Promise<number> {
  const { rows } = await sql.query<{ behind: string }>(
    `select count(*) as behind from streams s
       left join aggregate_state a on a.stream_id = s.stream_id
      where s.category = any($1::text[]) and (a.stream_id is null or a.stream_version <> s.version)`,
    [AGGREGATE_CATEGORIES],
  );
  return Number(rows[0]!.behind);
}

/** Polls until the read models cover every aggregate stream; throws with the lag after `timeoutMs`. */
export async function waitForProjections(sql: PgSqlClient, timeoutMs = 60_000): Promise<void> {
  // Until the first start has created the views, the lag query fails: that is a wait too.
  await vi.waitFor(async () => expect(await projectionLag(sql)).toBe(0), {
    timeout: timeoutMs,
    interval: 200,
  });
}

export interface FoldComparison {
  rows: number;
  mismatches: { streamId: string; expected: unknown; actual: unknown }[];
}

/** Every aggregate_state row against fold() of its stream, read from the event store. */
export async function compareWithFreshFold(sql: PgSqlClient): Promise<FoldComparison> {
  const store = await SqlEventStore.open(sql, sql.schema ? { schema: sql.schema } : {});
  const { rows } = await sql.query<{ stream_id: string; state: unknown }>(
    'select stream_id, state from aggregate_state order by stream_id',
  );
  const mismatches: FoldComparison['mismatches'] = [];
  for (const row of rows) {
    const events: RecordedEvent[] = [];
    for await (const e of store.readStream(row.stream_id)) events.push(e);
    const definition = aggregateForStream(row.stream_id);
    const expected = definition ? JSON.parse(JSON.stringify(fold(definition, events))) : undefined;
    const actual = typeof row.state === 'string' ? JSON.parse(row.state) : row.state;
    if (!isDeepStrictEqual(expected, actual)) mismatches.push({ streamId: row.stream_id, expected, actual });
  }
  await store.close();
  return { rows: rows.length, mismatches };
}

/** Distinct events that reached the timeline read model (every stored event should). */
export async function timelineEventCount(sql: PgSqlClient): Promise<number> {
  const { rows } = await sql.query<{ n: string }>(
    'select count(distinct event_id) as n from timeline_entries',
  );
  return Number(rows[0]!.n);
}
