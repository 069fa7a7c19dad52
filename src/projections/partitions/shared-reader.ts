/**
 * One read of the global order per member, whatever number of partitions it holds: each pass
 * reads a page after the lowest checkpoint of the held partitions (the SQL store's page read,
 * with the same visibility rule as every reader of the global order: only rows below the oldest
 * running transaction, in (txid, position) order, so nothing is ever skipped, docs/store.md), and
 * hands every partition the page's events of its streams that lie after its own checkpoint. The
 * partitions' transactions run side by side, each on its own pooled connection.
 *
 * When a page is empty it waits for the store's NOTIFY (or `idleMs`). A partition whose apply
 * fails keeps its checkpoint and is retried with the next pass, after a backoff.
 */
import type { SqlClient } from '../../db/sql-client.js';
import { backoffMs } from '../../db/retry.js';
import type { RecordedEvent } from '../../events/types.js';
import type { EventFilter } from '../../store/event-store.js';
import { eventsChannel } from '../../store/sql/channel.js';
import { readPage } from '../../store/sql/read.js';
import type { SqlEventStore } from '../../store/sql/sql-event-store.js';
import { reached } from './caught-up.js';
import { partitionOf } from './partition-of.js';
import type { PartitionWorker } from './partition-worker.js';

export interface SharedReaderOptions {
  store: SqlEventStore;
  /** Turns the SQL store's events into what the projection reads (the record's sealing decorator). */
  open?: (events: readonly RecordedEvent[]) => Promise<RecordedEvent[]>;
  partitions: number;
  filter?: EventFilter;
  batchSize: number;
  /** The partitions held now (read at the start of each pass). */
  held: () => readonly PartitionWorker[];
  onError: (error: unknown, partition?: number) => void;
  idleMs?: number;
}

export class SharedReader {
  #stopped = false;
  #wake: (() => void) | undefined;
  /** A NOTIFY (or poke) came while a pass was running: the next sleep returns at once. */
  #signalled = false;
  #loop: Promise<void> | undefined;
  #pass: Promise<void> = Promise.resolve();
  #unlisten: (() => Promise<void>) | undefined;

  constructor(readonly options: SharedReaderOptions) {}

  async start(): Promise<void> {
    const client: SqlClient = this.options.store.client;
    this.#unlisten = await client.listen(eventsChannel(this.options.store.schema), () => this.poke());
    this.#loop = this.#run();
  }

  /** Wakes an idle reader (a partition was claimed: it may be behind). */
  poke(): void {
    this.#signalled = true;
    this.#wake?.();
  }

  /** Resolves once the pass in flight (if any) has finished: a worker removed before this is never applied again. */
  settled(): Promise<void> {
    return this.#pass;
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      let pass!: () => void;
      this.#pass = new Promise<void>((r) => (pass = r));
      this.#signalled = false;
      let read = 0;
      let failed = false;
      try {
        read = await this.#onePass((error, partition) => {
          failed = true;
          this.options.onError(error, partition);
        });
      } catch (error) {
        failed = true;
        this.options.onError(error);
      } finally {
        pass();
      }
      if (this.#stopped) break;
      failures = failed ? failures + 1 : 0;
      if (failed) await this.#sleep(backoffMs(failures));
      else if (read === 0) await this.#sleep(this.options.idleMs ?? 1_000);
    }
  }

  /** One page for every held partition; returns how many events the page had. */
  async #onePass(onError: (error: unknown, partition: number) => void): Promise<number> {
    const workers = this.options.held().filter((w) => !w.fenced);
    if (workers.length === 0) return 0;
    let from = workers[0]!.checkpoint;
    for (const w of workers) if (!reached(w.checkpoint, from)) from = w.checkpoint;
    const { store, filter, batchSize, partitions } = this.options;
    const read = await readPage(store.client, from, filter, batchSize, false);
    if (read.length === 0) return 0;
    const { open } = this.options;
    const opened = open ? await open(read.map((g) => g.event)) : undefined;
    const page = opened ? read.map((g, i) => ({ ...g, event: opened[i]! })) : read;
    const end = page.at(-1)!.checkpoint;
    await Promise.all(
      workers.map(async (w) => {
        if (reached(w.checkpoint, end)) return;
        const mine = page
          .filter(
            (g) =>
              partitionOf(g.event.streamId, partitions) === w.partition &&
              !reached(w.checkpoint, g.checkpoint),
          )
          .map((g) => g.event);
        try {
          await w.apply(mine, end);
        } catch (error) {
          onError(error, w.partition);
        }
      }),
    );
    return page.length;
  }

  #sleep(ms: number): Promise<void> {
    if (this.#signalled || this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    await this.#loop;
    await this.#unlisten?.().catch(() => undefined);
  }
}
