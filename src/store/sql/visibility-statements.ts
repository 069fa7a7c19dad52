/**
 * The visibility rule of the global order, in SQL: a row is readable once its transaction is
 * older than every transaction still running (docs/store.md, "Ordering").
 */

/** Rows a reader of the global order may return: their transaction finished before every running one. */
export const VISIBLE = 'txid < pg_snapshot_xmin(pg_current_snapshot())';

/** The txid of the newest row, committed or not yet readable; null when there are no events. */
const NEWEST_TXID = 'select txid::text from events order by events.txid desc, events.position desc limit 1';

export const SELECT_NEWEST_TXID = `select (${NEWEST_TXID}) as txid`;

export const SELECT_SNAPSHOT_XMIN = 'select pg_snapshot_xmin(pg_current_snapshot())::text as xmin';

/** The newest row and the snapshot horizon, taken together. */
export const SELECT_NEWEST_AND_XMIN = `select (${NEWEST_TXID}) as newest,
       pg_snapshot_xmin(pg_current_snapshot())::text as xmin`;

/** The newest readable row: what a checkpoint after everything readable names. */
export const SELECT_VISIBLE_HEAD = `select txid::text as txid, position::text as position from events
  where ${VISIBLE} order by events.txid desc, events.position desc limit 1`;
