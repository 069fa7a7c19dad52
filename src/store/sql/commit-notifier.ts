/**
 * Wake-ups for subscribers, sent after an append has committed rather than from inside it. A
 * NOTIFY in the appending transaction holds PostgreSQL's database-wide notify lock from pre-commit
 * until the commit is flushed, so concurrent appends commit one at a time instead of sharing WAL
 * flushes (docs/performance.md). After the commit:
 *
 * - subscriptions of this process on the same client and channel are woken at once, in memory;
 * - other processes get one NOTIFY in its own statement, coalesced: while one is in flight, any
 *   number of further commits cause exactly one more, so a burst of appends costs one or two.
 *
 * A wake-up only starts a read pass; what a pass may return is still decided by the xid8
 * visibility rule (docs/store.md, "Ordering"), and a lost wake-up only waits for the polling
 * interval. Each (client, channel) pair signs its NOTIFYs with a random token, so its own
 * listener ignores the echo of a wake-up it already delivered in memory.
 */
import { randomBytes } from 'node:crypto';
import { CoalescedRun } from '../../db/coalesced-run.js';
import type { SqlClient } from '../../db/sql-client.js';

const NOTIFY = 'select pg_notify($1, $2)';

interface Channel {
  readonly token: string;
  readonly wakes: Set<() => void>;
  /** The NOTIFY to other processes; polling covers a failed one. */
  readonly notify: CoalescedRun;
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
    const token = randomBytes(8).toString('hex');
    const notify = new CoalescedRun(() =>
      client.query(NOTIFY, [name, token]).then(
        () => undefined,
        () => undefined,
      ),
    );
    channel = { token, wakes: new Set(), notify };
    byName.set(name, channel);
  }
  return channel;
}

export class CommitNotifier {
  readonly #client: SqlClient;
  readonly #name: string;
  readonly #channel: Channel;

  constructor(client: SqlClient, channel: string) {
    this.#client = client;
    this.#name = channel;
    this.#channel = channelOf(client, channel);
  }

  /** Call after an append committed new events. Never throws; polling covers a failed NOTIFY. */
  committed(): void {
    for (const wake of this.#channel.wakes) wake();
    // PGlite runs in this thread with one connection: no other process can be listening.
    if (this.#client.dialect === 'pglite') return;
    this.#channel.notify.request();
  }

  /** Resolves when no NOTIFY is in flight (before the client closes). */
  settled(): Promise<void> {
    return this.#channel.notify.settled();
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
