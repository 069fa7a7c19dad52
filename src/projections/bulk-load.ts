/**
 * Bulk path for a build filled from the first event into fresh tables (rebuild, or a runner
 * building beside an older version). Instead of the global order in batches, it:
 *
 * 1. records the head checkpoint first (in the build's checkpoint row, as `bulk:{head, after}`);
 * 2. reads every event at or below that head in (stream_id, stream_version) order, without `raw`
 *    (one keyset-paged range scan of the unique index), so each stream is folded exactly once, in
 *    full: no late-event refolds, no stored-state lookups (the tables are new and empty);
 * 3. writes whole streams in chunks into tables without keys or indexes, each chunk in one
 *    transaction with a compare-and-set of the checkpoint to `bulk:{head, after: last stream}`, so
 *    a killed load resumes after the last committed stream; while a chunk is written, the next is
 *    read and folded;
 * 4. in one transaction adds keys and indexes, runs the projection's finishing passes and moves the
 *    checkpoint to the head. The caller then catches up from the head on the ordinary path (events
 *    appended during the load) and switches over as before.
 *
 * A stream whose rows cannot be built (its fold throws) or written (refused for their content) is
 * written up to the event that does it, and that event and the stream's later ones are parked in
 * the build, in the chunk's transaction (parking/bulk-chunk.ts): one bad event does not fail the
 * load, and a replay applies them once the projection is fixed.
 *
 * Taken only when the event store can read streams in order below a checkpoint (the SQL store) and
 * the projection has a bulk path and no filter; otherwise the ordinary catch-up runs.
 */
import type { RecordedEvent } from '../events/types.js';
import { isOrderedStreamsReader } from '../store/capabilities.js';
import { START, type Checkpoint, type EventStore } from '../store/event-store.js';
import type { SqlClient } from '../db/sql-client.js';
import { clientCopies } from '../db/copy.js';
import { advanceCheckpoint } from './builds.js';
import { projectionContext } from './context.js';
import { insertParked, type NewParkedEvent } from './parking/parked-table.js';
import { BulkChunk } from './parking/bulk-chunk.js';
import type { Projection } from './projection.js';

const PREFIX = 'bulk:';
/** Streams folded between two turns of the event loop (a few milliseconds of work). */
const PREPARE_SLICE = 32;

interface BulkPosition {
  head: Checkpoint;
  /** Last stream whose events are all written; null before the first chunk. */
  after: string | null;
}

export function isBulkCheckpoint(checkpoint: Checkpoint): boolean {
  return checkpoint.startsWith(PREFIX);
}

function encode(position: BulkPosition): Checkpoint {
  return PREFIX + JSON.stringify(position);
}

function decode(checkpoint: Checkpoint): BulkPosition {
  return JSON.parse(checkpoint.slice(PREFIX.length)) as BulkPosition;
}

export function canBulkLoad(store: EventStore, projection: Projection): boolean {
  return projection.bulk !== undefined && projection.filter === undefined && isOrderedStreamsReader(store);
}

export interface BulkLoadOptions {
  /** Events per chunk transaction (rounded up to whole streams). */
  chunkEvents: number;
  /** Rows per read. Default max(chunkEvents, 5000). */
  pageSize?: number;
  signal?: AbortSignal;
  onChunk?: (events: number) => void;
  /** Write with COPY (default: when the client can, see db/copy.ts); false: multi-row INSERT. */
  copy?: boolean;
  /** Chunks commit without waiting for the WAL flush (the build is not active). */
  asyncCommit?: boolean;
  /** Events parked in a chunk (after it committed), with the errors thrown. */
  onParked?: (
    parked: readonly NewParkedEvent[],
    failures: readonly { event: RecordedEvent; error: unknown }[],
  ) => void;
}

class CheckpointMoved extends Error {}

/**
 * Loads the build from `checkpoint` (START or a bulk checkpoint) up to the recorded head and
 * returns the head checkpoint (now the build's checkpoint), the events applied (parked ones
 * included: the checkpoint is past them) and the events parked.
 */
export async function bulkLoad(
  sql: SqlClient,
  eventStore: EventStore,
  projection: Projection,
  build: { name: string; version: number },
  checkpoint: Checkpoint,
  options: BulkLoadOptions,
): Promise<{ checkpoint: Checkpoint; applied: number; parked: number }> {
  if (!isOrderedStreamsReader(eventStore))
    throw new Error('bulkLoad needs a store that reads streams in order');
  const store = eventStore;
  const bulk = projection.bulk!;
  const ctx = projectionContext(eventStore, build.version);
  let expected = checkpoint;
  if (expected === START) {
    // The head first: everything at or below it is loaded in bulk, the rest by the ordinary catch-up.
    const next = encode({ head: await store.headCheckpoint(), after: null });
    await cas(sql, build, expected, next, 0, async () => undefined);
    expected = next;
  }
  const { head, after } = decode(expected);
  const copy = options.copy ?? clientCopies(sql);
  const pageSize = options.pageSize ?? Math.max(options.chunkEvents, 5000);
  let applied = 0;
  let parkedCount = 0;

  // Reads run one page ahead; `carry` holds the last (maybe incomplete) stream of a page.
  let keyset: { streamId: string; streamVersion?: number } | undefined =
    after === null ? undefined : { streamId: after };
  let exhausted = head === START;
  const readPage = async (): Promise<RecordedEvent[]> => {
    if (exhausted) return [];
    const page = await store.readStreamsOrdered({ below: head, after: keyset, limit: pageSize });
    if (page.done) exhausted = true;
    if (page.after) keyset = page.after;
    return page.events;
  };
  let ahead: Promise<RecordedEvent[]> | undefined = readPage();
  let carry: RecordedEvent[] = [];
  let writing: Promise<void> | undefined;

  const flush = async (streams: RecordedEvent[][], events: number): Promise<void> => {
    // Folds in slices, letting the event loop go between them: the previous chunk's transaction
    // needs it for each of its round trips, so the database writes while this process folds.
    const chunk = new BulkChunk(projection.name, bulk, copy);
    for (let i = 0; i < streams.length; i += PREPARE_SLICE) {
      await chunk.prepareSlice(streams.slice(i, i + PREPARE_SLICE));
      if (writing) await new Promise((resolve) => setImmediate(resolve));
    }
    const next = encode({ head, after: streams.at(-1)![0]!.streamId });
    const from = expected;
    expected = next;
    if (writing) await writing;
    options.signal?.throwIfAborted();
    writing = cas(
      sql,
      build,
      from,
      next,
      events,
      async (tx) => {
        await chunk.write(streams, tx, ctx);
        await insertParked(tx, build, chunk.parked().parked);
      },
      options.asyncCommit,
    ).then(() => {
      const { parked, failures } = chunk.parked();
      applied += events;
      parkedCount += parked.length;
      options.onChunk?.(events);
      if (parked.length > 0) options.onParked?.(parked, failures);
    });
    writing.catch(() => undefined);
  };

  try {
    let streams: RecordedEvent[][] = [];
    let events = 0;
    for (;;) {
      const page = ahead ? await ahead : [];
      ahead = exhausted ? undefined : readPage();
      ahead?.catch(() => undefined);
      const done = ahead === undefined;
      let i = 0;
      while (i < page.length) {
        const streamId = page[i]!.streamId;
        let j = i;
        while (j < page.length && page[j]!.streamId === streamId) j++;
        if (carry.length > 0 && carry[0]!.streamId !== streamId) {
          streams.push(carry);
          events += carry.length;
          carry = [];
        }
        carry = carry.length > 0 ? carry.concat(page.slice(i, j)) : page.slice(i, j);
        i = j;
        if (events >= options.chunkEvents) {
          await flush(streams, events);
          streams = [];
          events = 0;
        }
      }
      if (done) {
        if (carry.length > 0) {
          streams.push(carry);
          events += carry.length;
          carry = [];
        }
        if (streams.length > 0) await flush(streams, events);
        break;
      }
    }
    if (writing) await writing;
  } finally {
    await ahead?.catch(() => undefined);
    await writing?.catch(() => undefined);
  }
  options.signal?.throwIfAborted();
  await cas(sql, build, expected, head, 0, (tx) => bulk.finish(tx, ctx));
  return { checkpoint: head, applied, parked: parkedCount };
}

async function cas(
  sql: SqlClient,
  build: { name: string; version: number },
  expected: Checkpoint,
  next: Checkpoint,
  events: number,
  fn: (tx: Parameters<Parameters<SqlClient['transaction']>[0]>[0]) => Promise<void>,
  asyncCommit = false,
): Promise<void> {
  await sql.transaction(async (tx) => {
    if (asyncCommit) await tx.query('set local synchronous_commit = off');
    if (!(await advanceCheckpoint(tx, build, expected, next, events))) throw new CheckpointMoved();
    await fn(tx);
  });
}

export { CheckpointMoved as BulkCheckpointMovedError };
