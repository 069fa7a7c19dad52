/**
 * How a live batch writes its timeline rows. A row of an event the build applies for the first
 * time cannot exist yet: each event is applied once per build (the checkpoint's compare-and-set
 * guards every batch), and its rows are keyed by the event. On PostgreSQL those rows go in with
 * COPY, which costs the server about half of what an upsert from a JSON document does per row.
 * Rows that a refold writes again (a stream folded anew after a late event or a redaction) replace
 * the stored ones, so they are upserted. Should a first-time row exist after all, the COPY is rolled
 * back to its savepoint and the same rows are upserted: the batch never fails for it.
 *
 * Partitioned workers (ProjectionContext.concurrentWriters) upsert everything: their fencing needs
 * a paused worker's transaction to be ended by the server's idle-in-transaction timeout, and a
 * worker paused in the middle of a COPY leaves its backend waiting for the data instead, holding
 * the partition's row lock (test/reliability/partitioned-projectors.test.ts pauses one).
 */
import { copyExecutor, type CopyExecutor } from '../../db/copy.js';
import { sqlState } from '../../db/errors.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import { columnNames, TIMELINE_ENTRIES } from './columns.js';
import type { Outcome } from './plan.js';
import { TIMELINE_COPY, TIMELINE_JSON, type TimelineRowFormat } from './rows.js';
import { upsertTimeline } from './statements.js';

/** Appends an outcome's rows to `out` in `format`, leaving out rows already in `written`. */
export type TimelineRowsOf = (
  o: Outcome,
  out: string[],
  format: TimelineRowFormat,
  written: Set<string>,
) => void;

const SAVEPOINT = 'timeline_copy';

export async function writeTimeline(
  tx: SqlExecutor,
  table: string,
  outcomes: readonly Outcome[],
  refolded: ReadonlySet<Outcome>,
  rowsOf: TimelineRowsOf,
  options: { copy: boolean },
): Promise<void> {
  const copy = options.copy ? copyExecutor(tx) : undefined;
  const written = new Set<string>();
  const upserts: string[] = [];
  const lines: string[] = [];
  const copied: Outcome[] = [];
  for (const o of outcomes) {
    if (copy && !refolded.has(o)) {
      rowsOf(o, lines, TIMELINE_COPY, written);
      copied.push(o);
    } else rowsOf(o, upserts, TIMELINE_JSON, written);
  }
  if (upserts.length > 0) await tx.query(upsertTimeline(table), [`[${upserts.join(',')}]`]);
  if (lines.length === 0 || (await copyFirstTime(copy!, table, lines.join('')))) return;
  const again: string[] = [];
  const once = new Set<string>();
  for (const o of copied) rowsOf(o, again, TIMELINE_JSON, once);
  await tx.query(upsertTimeline(table), [`[${again.join(',')}]`]);
}

/** COPYs the rows; false when one of them already existed (nothing of the COPY is left then). */
async function copyFirstTime(copy: CopyExecutor, table: string, text: string): Promise<boolean> {
  await copy.query(`savepoint ${SAVEPOINT}`);
  try {
    await copy.copyFrom(table, columnNames(TIMELINE_ENTRIES), text);
  } catch (error) {
    if (sqlState(error) !== '23505') throw error;
    await copy.query(`rollback to savepoint ${SAVEPOINT}`);
    return false;
  }
  await copy.query(`release savepoint ${SAVEPOINT}`);
  return true;
}
