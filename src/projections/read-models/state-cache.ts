/**
 * aggregate_state rows remembered between batches of one locked run (ProjectionSession), so a
 * batch does not read back what earlier batches wrote. An LRU of at most MAX_CACHED rows; once one
 * is evicted the cache no longer holds every row, and rows missing here are loaded from the table.
 */
import { LRUCache } from 'lru-cache';
import type { ProjectionContext } from '../projection.js';
import type { StoredRow } from './plan.js';

const CACHE_KEY = 'read-models:aggregate_state';
export const MAX_CACHED = 200_000;

export class StateCache {
  readonly #rows: LRUCache<string, StoredRow>;
  #complete: boolean;

  /** @param complete the table holds no row yet (the run began on an empty build). */
  constructor(complete: boolean) {
    this.#complete = complete;
    // Bounded by count through maxSize rather than max: with max, lru-cache allocates storage for
    // every entry up front (about 20 ms for this bound), and a run starts a cache at each start
    // and after each failed batch.
    this.#rows = new LRUCache<string, StoredRow>({
      maxSize: MAX_CACHED,
      sizeCalculation: () => 1,
      dispose: (_row, _key, reason) => {
        if (reason === 'evict') this.#complete = false;
      },
    });
  }

  /** Every row of the table is here: a key that is missing has no row. */
  get complete(): boolean {
    return this.#complete;
  }

  get(key: string): StoredRow | undefined {
    return this.#rows.get(key);
  }

  /** Rows a batch wrote; call once it has committed. */
  remember(rows: readonly (readonly [string, StoredRow])[]): void {
    for (const [key, row] of rows) this.#rows.set(key, row);
  }
}

/** The run's cache, or none outside a locked run. */
export function stateCacheOf(ctx: ProjectionContext): StateCache | undefined {
  const session = ctx.session;
  if (!session) return undefined;
  let cache = session.memo.get(CACHE_KEY) as StateCache | undefined;
  if (!cache) {
    cache = new StateCache(session.startedEmpty);
    session.memo.set(CACHE_KEY, cache);
  }
  return cache;
}
