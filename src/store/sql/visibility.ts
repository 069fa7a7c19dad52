/**
 * When events become readable in the global order, and what "everything committed" means for a
 * reader: while an older transaction (anywhere in the database) is open, newer commits are not
 * readable yet, since they could otherwise be skipped (docs/store.md, "Ordering").
 */
import type { SqlClient } from '../../db/sql-client.js';
import { START, type Checkpoint, type EventFilter, type GlobalEvent } from '../event-store.js';
import type { PollSource } from '../subscription-loop.js';
import type { CommitNotifier } from './commit-notifier.js';
import { encodeCheckpoint } from './checkpoint.js';
import {
  SELECT_NEWEST_AND_XMIN,
  SELECT_NEWEST_TXID,
  SELECT_SNAPSHOT_XMIN,
  SELECT_VISIBLE_HEAD,
} from './visibility-statements.js';

async function newestAndXmin(client: SqlClient): Promise<{ newest: bigint | null; xmin: bigint }> {
  const { rows } = await client.query<{ newest: string | null; xmin: string }>(SELECT_NEWEST_AND_XMIN);
  const row = rows[0]!;
  return { newest: row.newest === null ? null : BigInt(row.newest), xmin: BigInt(row.xmin) };
}

/**
 * Read-your-writes for the global order: waits, up to `waitMs`, until the newest commit at call
 * time is readable. False when there are no events.
 */
export async function waitReadable(client: SqlClient, waitMs: number): Promise<boolean> {
  const first = await newestAndXmin(client);
  if (first.newest === null) return false;
  const target = first.newest;
  let xmin = first.xmin;
  const deadline = Date.now() + waitMs;
  for (let delay = 1; target >= xmin && Date.now() < deadline; delay = Math.min(delay * 2, 50)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const { rows } = await client.query<{ xmin: string }>(SELECT_SNAPSHOT_XMIN);
    xmin = BigInt(rows[0]!.xmin);
  }
  return true;
}

/**
 * The checkpoint after every event committed before the call (see waitReadable). After `waitMs`
 * it answers with the readable head, which is safe but lags.
 */
export async function headCheckpoint(client: SqlClient, waitMs: number): Promise<Checkpoint> {
  if (!(await waitReadable(client, waitMs))) return START;
  const { rows } = await client.query<{ txid: string; position: string }>(SELECT_VISIBLE_HEAD);
  return rows[0] ? encodeCheckpoint(rows[0].txid, rows[0].position) : START;
}

/**
 * What the subscription loop needs from this store: a mark is the snapshot horizon (xmin) taken
 * before a pass, and a drained pass taken after xmin M has returned every row of every transaction
 * below M.
 */
export function pollSource(
  client: SqlClient,
  notifier: CommitNotifier,
  readPage: (
    after: Checkpoint,
    filter: EventFilter | undefined,
    limit: number,
    raw: boolean,
  ) => Promise<GlobalEvent[]>,
): PollSource<bigint> {
  let lagging = false;
  return {
    mark: async () => {
      const { newest, xmin } = await newestAndXmin(client);
      // A wake-up may arrive while an older transaction keeps the new rows unreadable.
      lagging = newest !== null && newest >= xmin;
      return xmin;
    },
    lagging: () => lagging,
    target: async () => {
      const { rows } = await client.query<{ txid: string | null }>(SELECT_NEWEST_TXID);
      return rows[0]?.txid ? BigInt(rows[0].txid) : null;
    },
    covers: (mark, target) => target < mark,
    readPage,
    onWake: (wake) => notifier.onWake(wake),
  };
}
