/**
 * Parking for the bulk path (bulk-load.ts): one chunk of whole streams, prepared and written so
 * that a stream whose rows cannot be built (its fold throws) or written (the database refuses
 * them for their content) is cut before the event that does it, and that event is parked with the
 * error, the stream's later events behind it: what the live path's isolation (isolate.ts) leaves
 * for the same events. Every other stream of the chunk is written as usual.
 *
 * The event is found by halving the stream (the prefix of `keep` events goes, the next one does
 * not), which is exact when a prefix that fails keeps failing as it grows, as a fold that throws
 * on an event does. Preparing is deterministic, so one attempt tells (`attempts: 1`). An outage
 * (db/errors.ts, isUnavailable) is never parked on: it fails the chunk, and a rerun resumes; nor
 * is a chunk whose every stream fails (a broken projection: ProjectionBrokenError).
 */
import { isUnavailable } from '../../db/errors.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import type { RecordedEvent } from '../../events/types.js';
import { summariseError } from '../error-summary.js';
import type { BulkProjection, ProjectionContext } from '../projection.js';
import type { NewParkedEvent } from './parked-table.js';
import { refuseWholesale } from './poison.js';

type Stream = readonly RecordedEvent[];

interface Cut {
  /** Events of the stream whose rows are written; the next one is parked. */
  keep: number;
  error: unknown;
}

/**
 * The largest prefix (below `failing`, which fails with `error`) that `probe` accepts, and the
 * error of the one after it. `probe(n)` answers undefined when the first n events go, else the
 * error; a prefix of none always goes.
 */
async function cut(failing: number, error: unknown, probe: (n: number) => Promise<unknown>): Promise<Cut> {
  let good = 0;
  let bad = failing;
  let badError = error;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    const e = await probe(mid);
    if (e === undefined) good = mid;
    else {
      bad = mid;
      badError = e;
    }
  }
  return { keep: good, error: badError };
}

function refused(error: unknown): unknown {
  if (isUnavailable(error)) throw error;
  return error ?? new Error('bulk path: undefined thrown');
}

export class BulkChunk {
  /** What `write` writes when nothing fails: one entry per prepared slice. */
  readonly prepared: unknown[] = [];
  readonly #cuts = new Map<Stream, Cut>();

  constructor(
    readonly projection: string,
    readonly bulk: BulkProjection,
    readonly copy: boolean,
  ) {}

  #prepare(streams: readonly Stream[]): unknown {
    return this.bulk.prepare(streams, { copy: this.copy });
  }

  #keep(stream: Stream): number {
    return this.#cuts.get(stream)?.keep ?? stream.length;
  }

  /** Prepares a slice of the chunk; a slice that throws is prepared again stream by stream. */
  async prepareSlice(slice: readonly Stream[]): Promise<void> {
    let failed: unknown;
    try {
      this.prepared.push(this.#prepare(slice));
      return;
    } catch (error) {
      failed = refused(error);
    }
    const tryPrepare = async (stream: Stream, n: number): Promise<unknown> => {
      try {
        this.#prepare([stream.slice(0, n)]);
        return undefined;
      } catch (error) {
        return refused(error);
      }
    };
    for (const stream of slice) {
      const error = slice.length === 1 ? failed : await tryPrepare(stream, stream.length);
      if (error === undefined) {
        this.prepared.push(this.#prepare([stream]));
        continue;
      }
      const c = await cut(stream.length, error, (n) => tryPrepare(stream, n));
      this.#cuts.set(stream, c);
      if (c.keep > 0) this.prepared.push(this.#prepare([stream.slice(0, c.keep)]));
    }
  }

  /**
   * Writes the chunk's rows inside its transaction, under a savepoint; rows the database refuses
   * are written again in halves down to the stream, and that stream cut as above.
   */
  async write(streams: readonly Stream[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
    const error = await this.#attempt(tx, true, () => this.bulk.write(this.prepared, tx, ctx));
    if (error !== undefined)
      await this.#writeGroup(
        streams.filter((s) => this.#keep(s) > 0),
        tx,
        ctx,
        error,
      );
    // Every stream of the chunk failing is a broken projection, not poison: fail the load.
    refuseWholesale(this.projection, streams.length, [...this.#cuts.values()]);
  }

  /** Runs `fn` under a savepoint, released (`keep`) or rolled back after; the error it threw, if any. */
  async #attempt(tx: SqlExecutor, keep: boolean, fn: () => Promise<void>): Promise<unknown> {
    await tx.query('savepoint bulk_chunk');
    try {
      await fn();
    } catch (error) {
      await tx.query('rollback to savepoint bulk_chunk');
      return refused(error);
    }
    await tx.query(keep ? 'release savepoint bulk_chunk' : 'rollback to savepoint bulk_chunk');
    return undefined;
  }

  #writePrefixes(group: readonly Stream[], tx: SqlExecutor, ctx: ProjectionContext): Promise<void> {
    const prepared = this.#prepare(group.map((s) => s.slice(0, this.#keep(s))));
    return this.bulk.write([prepared], tx, ctx);
  }

  /** `failed`: the error this group's rows were just refused with (no need to try them again). */
  async #writeGroup(
    group: readonly Stream[],
    tx: SqlExecutor,
    ctx: ProjectionContext,
    failed?: unknown,
  ): Promise<void> {
    if (group.length === 0) return;
    const error = failed ?? (await this.#attempt(tx, true, () => this.#writePrefixes(group, tx, ctx)));
    if (error === undefined) return;
    if (group.length > 1) {
      const half = group.length >> 1;
      await this.#writeGroup(group.slice(0, half), tx, ctx);
      await this.#writeGroup(group.slice(half), tx, ctx);
      return;
    }
    const stream = group[0]!;
    const c = await cut(this.#keep(stream), error, (n) =>
      this.#attempt(tx, false, () => this.bulk.write([this.#prepare([stream.slice(0, n)])], tx, ctx)),
    );
    this.#cuts.set(stream, c);
    if (c.keep === 0) return;
    const again = await this.#attempt(tx, true, () => this.#writePrefixes([stream], tx, ctx));
    if (again !== undefined) throw again;
  }

  /** The chunk's parked events (each cut stream's event and those behind it), and the errors. */
  parked(): { parked: NewParkedEvent[]; failures: { event: RecordedEvent; error: unknown }[] } {
    const parked: NewParkedEvent[] = [];
    const failures: { event: RecordedEvent; error: unknown }[] = [];
    for (const [stream, { keep, error }] of this.#cuts) {
      const poison = stream[keep]!;
      failures.push({ event: poison, error });
      parked.push({ event: poison, error: summariseError(error), attempts: 1 });
      for (const event of stream.slice(keep + 1))
        parked.push({
          event,
          error: `waits behind parked event ${poison.eventId}`,
          blockedBy: poison.eventId,
          attempts: 0,
        });
    }
    return { parked, failures };
  }
}
