/**
 * Master-key rotation: rewraps every data key that is still wrapped by a previous master key with
 * the current one. The data keys themselves, and so every sealed event and quarantine body, stay as
 * they are: rotation rewrites one short row per stream, never the events. Run it with the new key as
 * RECORD_MASTER_KEY and the old one in RECORD_MASTER_KEY_PREVIOUS; processes configured the same way
 * read and write throughout, and once it reports nothing left, the previous key can be dropped.
 *
 * Each row is updated only if it still holds what was read (a compare-and-set), so a key destroyed
 * by an erasure meanwhile stays destroyed. Pages by stream id: resumable, and safe to run twice.
 */
import type { SqlExecutor } from '../../db/sql-client.js';
import { seal } from './cipher.js';
import { unwrapKeyWith, UnknownMasterKeyError } from './key-store.js';

export interface RotationReport {
  /** Keys rewrapped by the current master key now. */
  rewrapped: number;
  /** Keys already wrapped by the current master key. */
  current: number;
  /** Destroyed keys (erased streams): nothing to rewrap. */
  destroyed: number;
  /** Streams whose key none of the configured master keys opens (left as they are). */
  unopenable: string[];
  /** Keys that changed while this ran (an erasure destroyed them, or another run rewrapped them). */
  changedMeanwhile: number;
}

const PAGE = 500;

export async function rotateMasterKey(
  db: SqlExecutor,
  masters: readonly Buffer[],
  onProgress?: (report: RotationReport) => void,
): Promise<RotationReport> {
  const [current] = masters;
  if (!current) throw new RangeError('rotation needs the current master key');
  const report: RotationReport = {
    rewrapped: 0,
    current: 0,
    destroyed: 0,
    unopenable: [],
    changedMeanwhile: 0,
  };
  let after = '';
  for (;;) {
    const { rows } = await db.query<{ stream_id: string; wrapped: string | null }>(
      'select stream_id, wrapped from record_keys where stream_id > $1 order by stream_id limit $2',
      [after, PAGE],
    );
    if (rows.length === 0) return report;
    const ids: string[] = [];
    const before: string[] = [];
    const next: string[] = [];
    for (const row of rows) {
      if (row.wrapped === null) {
        report.destroyed += 1;
        continue;
      }
      let opened: { key: Buffer; by: number };
      try {
        opened = unwrapKeyWith(masters, row.wrapped, row.stream_id);
      } catch (error) {
        if (!(error instanceof UnknownMasterKeyError)) throw error;
        report.unopenable.push(row.stream_id);
        continue;
      }
      if (opened.by === 0) {
        report.current += 1;
        continue;
      }
      ids.push(row.stream_id);
      before.push(row.wrapped);
      next.push(seal(current, opened.key, row.stream_id));
    }
    if (ids.length > 0) {
      const { rows: updated } = await db.query<{ stream_id: string }>(
        `update record_keys k set wrapped = n.next
           from unnest($1::text[], $2::text[], $3::text[]) as n(stream_id, before, next)
          where k.stream_id = n.stream_id and k.wrapped = n.before
          returning k.stream_id`,
        [ids, before, next],
      );
      report.rewrapped += updated.length;
      report.changedMeanwhile += ids.length - updated.length;
    }
    after = rows[rows.length - 1]!.stream_id;
    onProgress?.(report);
  }
}
