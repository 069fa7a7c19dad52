/**
 * Per-stream data keys in `record_keys`, wrapped (AES-256-GCM, associated data = the stream id) by
 * the master key. Unwrapped keys are cached in memory; a destroyed key is cached as `null`, so a
 * read of an erased stream costs no query after the first. Destroying sets `wrapped` to null in
 * one statement: no copy of the key is kept anywhere this product writes.
 *
 * During a master-key rotation (rotate-master-key.ts) keys may still be wrapped by a previous
 * master key: reads open them with the previous keys they are given; new keys are always wrapped
 * by the current one.
 */
import { LRUCache } from 'lru-cache';
import type { SqlExecutor } from '../../db/sql-client.js';
import { newDataKey, open, seal } from './cipher.js';

/** A stored data key that none of the configured master keys opens (the key is not configured). */
export class UnknownMasterKeyError extends Error {
  override readonly name = 'UnknownMasterKeyError';
  constructor(readonly streamId: string) {
    super(
      `the data key of ${streamId} opens with none of the configured master keys: set RECORD_MASTER_KEY_PREVIOUS to the key it was wrapped with`,
    );
  }
}

/**
 * Opens a wrapped data key with the one of `masters` that wrapped it; `by` is that master's index
 * (0: the current one).
 */
export function unwrapKeyWith(
  masters: readonly Buffer[],
  wrapped: string,
  streamId: string,
): { key: Buffer; by: number } {
  for (let by = 0; by < masters.length; by++) {
    try {
      return { key: open(masters[by]!, wrapped, streamId), by };
    } catch {
      // Authentication failed: wrapped by another master key.
    }
  }
  throw new UnknownMasterKeyError(streamId);
}

/** A stream's key, or null once destroyed. */
export type StreamKey = Buffer | null;

export class KeyStore {
  // Bounded by count through maxSize: with max, lru-cache allocates all 50,000 entries up front,
  // which every process that opens the record (a CLI query too) would pay for.
  readonly #cache = new LRUCache<string, { key: StreamKey }>({ maxSize: 50_000, sizeCalculation: () => 1 });

  readonly #masters: readonly Buffer[];

  constructor(
    private readonly db: SqlExecutor,
    private readonly master: Buffer,
    /** Master keys of before a rotation, for keys not rewrapped yet. */
    previous: readonly Buffer[] = [],
  ) {
    this.#masters = [master, ...previous];
  }

  /** The current master key first, then the previous ones. */
  get masters(): readonly Buffer[] {
    return this.#masters;
  }

  /** Keys of these streams, creating the missing ones (appends). */
  async forWrite(streamIds: readonly string[]): Promise<Map<string, StreamKey>> {
    const keys = this.#cached(streamIds);
    const missing = streamIds.filter((s) => !keys.has(s));
    if (missing.length === 0) return keys;
    const fresh = missing.map((s) => [s, seal(this.master, newDataKey(), s)] as const);
    await this.db.query(
      `insert into record_keys (stream_id, wrapped)
       select * from unnest($1::text[], $2::text[]) on conflict (stream_id) do nothing`,
      [fresh.map(([s]) => s), fresh.map(([, w]) => w)],
    );
    // Read back: a concurrent writer may have created the key first, or it may be destroyed.
    for (const [s, k] of await this.#load(missing)) keys.set(s, k);
    return keys;
  }

  /** Keys of these streams; a stream without a key row reads as having none (undefined). */
  async forRead(streamIds: readonly string[], db: SqlExecutor = this.db): Promise<Map<string, StreamKey>> {
    const keys = this.#cached(streamIds);
    const missing = streamIds.filter((s) => !keys.has(s));
    if (missing.length > 0) for (const [s, k] of await this.#load(missing, db)) keys.set(s, k);
    return keys;
  }

  /** Destroys the keys of these streams (creating destroyed rows for streams that had none). */
  async destroy(db: SqlExecutor, streamIds: readonly string[], erasureId: string): Promise<void> {
    await db.query(
      `insert into record_keys (stream_id, wrapped, destroyed_at, erasure_id)
       select s, null, now(), $2 from unnest($1::text[]) as s
       on conflict (stream_id) do update set wrapped = null,
         destroyed_at = coalesce(record_keys.destroyed_at, now()),
         erasure_id = coalesce(record_keys.erasure_id, excluded.erasure_id)`,
      [streamIds, erasureId],
    );
    for (const s of streamIds) this.#cache.set(s, { key: null });
  }

  #cached(streamIds: readonly string[]): Map<string, StreamKey> {
    const keys = new Map<string, StreamKey>();
    for (const s of streamIds) {
      const hit = this.#cache.get(s);
      if (hit) keys.set(s, hit.key);
    }
    return keys;
  }

  async #load(streamIds: readonly string[], db: SqlExecutor = this.db): Promise<Map<string, StreamKey>> {
    const { rows } = await db.query<{ stream_id: string; wrapped: string | null }>(
      'select stream_id, wrapped from record_keys where stream_id = any($1)',
      [streamIds],
    );
    const keys = new Map<string, StreamKey>();
    for (const row of rows) {
      const key = row.wrapped === null ? null : unwrapKeyWith(this.#masters, row.wrapped, row.stream_id).key;
      keys.set(row.stream_id, key);
      this.#cache.set(row.stream_id, { key });
    }
    return keys;
  }
}
