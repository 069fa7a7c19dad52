/**
 * Wake-ups for subscribers, sent after an append has committed rather than from inside it. A
 * NOTIFY in the appending transaction holds PostgreSQL's database-wide notify lock from pre-commit
 * until the commit is flushed, so concurrent appends commit one at a time instead of sharing WAL
 * flushes (docs/performance.md). After the commit:
 *
 * - subscriptions of this process on the same client and channel are woken at once, in memory;
 * - other processes get one NOTIFY in its own statement, coalesced and spaced: the first commit
 *   after a quiet spell is announced at once; commits while a NOTIFY is in flight or within the
 *   spacing after it (default 50 ms) are announced by exactly one more, when the spacing is up.
 *   Each NOTIFY is a statement and a transaction of its own (one that takes a transaction id), so
 *   under a steady stream of group commits one per commit would double the statements intake
 *   runs; spaced, a burst of appends costs one or two per interval, and a remote subscriber
 *   learns of a commit at most the spacing late.
 *
 * A wake-up only starts a read pass; what a pass may return is still decided by the xid8
 * visibility rule (docs/store.md, "Ordering"), and a lost wake-up only waits for the polling
 * interval. Each (client, channel) pair signs its NOTIFYs with a random token, so its own
 * listener ignores the echo of a wake-up it already delivered in memory.
 */
import { randomBytes } from 'node:crypto';
import type { SqlClient } from '../../db/sql-client.js';

const NOTIFY = 'select pg_notify($1, $2)';

/** Default spacing between two NOTIFYs of one channel, ms. */
export const NOTIFY_SPACING_MS = 50;

interface Channel {
  readonly token: string;
  readonly wakes: Set<() => void>;
  /** The sender loop, while one runs. */
  notifying: Promise<void> | null;
  /** A commit not announced yet. */
  again: boolean;
  /** When the last NOTIFY went out (performance.now()). */
  lastSent: number;
  /** Ends the sender's wait for the spacing (settled(): the store is closing). */
  hurry: (() => void) | null;
}

/** Per client, so two pools in one process (or two databases) never share a token or wake-ups. */
const channels = new WeakMap<SqlClient, Map<string, Channel>>();

function channelOf(client: SqlClient, name: string): Channel {
  let byName = channels.get(client);
  if (!byName) {
    byName = new Map();
    channels.set(client, byName);
  }
  let channel = byName.get(name);
  if (!channel) {
    channel = {
      token: randomBytes(8).toString('hex'),
      wakes: new Set(),
      notifying: null,
      again: false,
      lastSent: -Infinity,
      hurry: null,
    };
    byName.set(name, channel);
  }
  return channel;
}

export class CommitNotifier {
  readonly #client: SqlClient;
  readonly #name: string;
  readonly #channel: Channel;
  readonly #spacingMs: number;

  constructor(client: SqlClient, channel: string, options: { spacingMs?: number } = {}) {
    this.#client = client;
    this.#name = channel;
    this.#channel = channelOf(client, channel);
    this.#spacingMs = options.spacingMs ?? NOTIFY_SPACING_MS;
  }

  /** Call after an append committed new events. Never throws; polling covers a failed NOTIFY. */
  committed(): void {
    for (const wake of this.#channel.wakes) wake();
    // PGlite runs in this thread with one connection: no other process can be listening.
    if (this.#client.dialect === 'pglite') return;
    const channel = this.#channel;
    channel.again = true;
    channel.notifying ??= this.#send(channel);
  }

  async #send(channel: Channel): Promise<void> {
    while (channel.again) {
      const wait = channel.lastSent + this.#spacingMs - performance.now();
      if (wait > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, wait);
          function done(): void {
            clearTimeout(timer);
            channel.hurry = null;
            resolve();
          }
          channel.hurry = done;
        });
      }
      channel.again = false;
      channel.lastSent = performance.now();
      await this.#client.query(NOTIFY, [this.#name, channel.token]).catch(() => undefined);
    }
    channel.notifying = null;
  }

  /** Resolves once every commit so far is announced, without waiting out the spacing (before the client closes). */
  async settled(): Promise<void> {
    while (this.#channel.notifying) {
      this.#channel.hurry?.();
      await this.#channel.notifying;
    }
  }

  /**
   * Registers `wake` for this process's commits and LISTENs for other processes' (and for
   * NOTIFYs sent inside a caller's transaction, which carry no token of ours).
   */
  async onWake(wake: () => void): Promise<() => Promise<void>> {
    const channel = this.#channel;
    const unlisten = await this.#client.listen(this.#name, (payload) => {
      if (payload !== channel.token) wake();
    });
    channel.wakes.add(wake);
    return async () => {
      channel.wakes.delete(wake);
      await unlisten();
    };
  }
}
