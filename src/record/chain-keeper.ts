/**
 * The chain keeper follows the store's global order like a projection and writes one
 * `record_chain` link per event, so appends pay nothing for the chain: the cost is a reader
 * behind them. One keeper per installation (advisory lock `record:chain`; other processes stand by
 * and take the lock over when its holder stops or dies); each batch
 * compare-and-sets the head row in the same transaction as its links, so a crash or a second
 * keeper never chains an event twice or skips one.
 *
 * The keeper reads the store it is given with the delivery bodies (`raw`): given the inner store
 * under the sealing decorator, it hashes what is stored (ciphertext), not what readers are shown.
 */
import type { SqlClient } from '../db/sql-client.js';
import type { EventBatch, EventStore, Subscription } from '../store/event-store.js';
import { acquireLock, ProjectionLockedError, type HeldLock } from '../projections/lock.js';
import { chainHash } from './chain-hash.js';
import { readHead, writeLinks, type ChainLink } from './chain-statements.js';

export interface ChainKeeperOptions {
  store: EventStore;
  sql: SqlClient;
  /** Events per transaction. Default 1000. */
  batchSize?: number;
  /** Errors the keeper recovered from (the subscription retries with backoff). */
  onError?: (error: unknown) => void;
  /** How often a process whose keeper lock is held elsewhere tries to take it over. Default 5000 ms. */
  standbyRetryMs?: number;
  /**
   * Least time between two of the keeper's transactions at the tail. Default 200 ms: under a stream of
   * webhook-sized appends the keeper chains what arrived meanwhile in one transaction instead of
   * one per append, so it takes less from the appends; the chain trails by at most that much.
   */
  paceMs?: number;
}

export interface ChainKeeper {
  /** False when another process holds the keeper's lock and keeps the chain. */
  readonly local: boolean;
  /** Resolves once every event committed before the call is chained (at once when not local). */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

/** The links for one batch after `head`: pure, so the keeper and the bench share it. */
export function linksFor(
  batch: EventBatch,
  head: { seq: number; hash: string },
): { links: ChainLink[]; seq: number; hash: string } {
  let { seq, hash } = head;
  const links: ChainLink[] = [];
  for (const event of batch.events) {
    seq += 1;
    hash = chainHash(hash, event);
    links.push({ seq, position: event.position.toString(), eventId: event.eventId, hash });
  }
  return { links, seq, hash };
}

class Keeper implements ChainKeeper {
  readonly local = true;
  #subscription: Subscription | undefined;
  #checkpoint = '';
  #stopped = false;
  #restarting: Promise<void> | undefined;
  #lastBatchAt = 0;
  #endPause: (() => void) | undefined;

  constructor(
    private readonly options: ChainKeeperOptions,
    private readonly lock: HeldLock,
  ) {}

  async follow(): Promise<void> {
    const head = await readHead(this.options.sql);
    this.#checkpoint = head.checkpoint;
    const subscription = this.options.store.subscribe(
      {
        after: head.checkpoint,
        raw: true,
        batchSize: this.options.batchSize ?? 1000,
        ...(this.options.onError ? { onError: this.options.onError } : {}),
      },
      (batch) => this.#apply(subscription, batch),
    );
    this.#subscription = subscription;
  }

  async #apply(subscription: Subscription, batch: EventBatch): Promise<void> {
    if (subscription !== this.#subscription || this.#stopped) return;
    // Only at the tail: a full batch means the keeper is behind and catches up at full speed.
    if (batch.events.length < (this.options.batchSize ?? 1000)) await this.#pace();
    else this.#lastBatchAt = Date.now();
    if (subscription !== this.#subscription || this.#stopped) return;
    const moved = await this.options.sql.transaction(async (tx) => {
      const head = await readHead(tx, { lock: true });
      if (head.checkpoint !== this.#checkpoint) return true;
      const next = linksFor(batch, head);
      await writeLinks(tx, next.links, { seq: next.seq, hash: next.hash, checkpoint: batch.checkpoint });
      return false;
    });
    if (!moved) {
      this.#checkpoint = batch.checkpoint;
      return;
    }
    // Someone else moved the head (this keeper's lock was lost meanwhile): follow again from it.
    // Not awaited here: stopping a subscription waits for its handler.
    this.#restarting = Promise.resolve().then(async () => {
      await subscription.stop();
      if (!this.#stopped) await this.follow();
    });
  }

  /** Waits out what is left of paceMs since the last batch (cut short by stop()). */
  async #pace(): Promise<void> {
    const wait = this.#lastBatchAt + (this.options.paceMs ?? 200) - Date.now();
    if (wait > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.#endPause = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    this.#endPause = undefined;
    this.#lastBatchAt = Date.now();
  }

  async caughtUp(): Promise<void> {
    for (;;) {
      const restarting = this.#restarting;
      if (restarting) {
        await restarting;
        if (this.#restarting === restarting) this.#restarting = undefined;
        continue;
      }
      await this.#subscription?.caughtUp();
      if (!this.#restarting) return;
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#endPause?.();
    await this.#restarting;
    await this.#subscription?.stop();
    await this.lock.release();
  }
}

/**
 * A keeper in a process where another one holds the lock: it tries to take the lock over every
 * `standbyRetryMs`, so the chain goes on when that process stops or dies.
 */
class Standby implements ChainKeeper {
  #active: Keeper | undefined;
  #timer: NodeJS.Timeout | undefined;
  #attempt: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly options: ChainKeeperOptions) {
    this.#schedule();
  }

  get local(): boolean {
    return this.#active !== undefined;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#attempt = takeOver(this.options)
        .then((keeper) => {
          if (keeper && this.#stopped) return keeper.stop();
          if (keeper) this.#active = keeper;
          else this.#schedule();
        })
        .catch((error: unknown) => {
          this.options.onError?.(error);
          this.#schedule();
        });
    }, this.options.standbyRetryMs ?? 5_000);
    this.#timer.unref();
  }

  async caughtUp(): Promise<void> {
    await this.#active?.caughtUp();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#attempt;
    await this.#active?.stop();
  }
}

/** The lock and a following keeper, or null when another process holds the lock. */
async function takeOver(options: ChainKeeperOptions): Promise<Keeper | null> {
  let lock: HeldLock;
  try {
    lock = await acquireLock(options.sql, 'record:chain', { whenLocked: 'fail' });
  } catch (error) {
    if (error instanceof ProjectionLockedError) return null;
    throw error;
  }
  const keeper = new Keeper(options, lock);
  try {
    await keeper.follow();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return keeper;
}

/** Starts the keeper, or a standby one when another process already keeps the chain. */
export async function startChainKeeper(options: ChainKeeperOptions): Promise<ChainKeeper> {
  return (await takeOver(options)) ?? new Standby(options);
}
