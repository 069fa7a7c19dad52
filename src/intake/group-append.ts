/**
 * Group commit for single-event appends. Deliveries that arrive while earlier appends are in
 * flight are written together in one appendBatch transaction, so under load one commit (and one
 * WAL flush) serves many deliveries; with no load each append goes out alone at once, adding no
 * wait. Every caller still learns its own outcome (appended or duplicate), and a store failure
 * rejects exactly the callers whose events were in the failed transaction (nothing was written).
 *
 * With several transactions in flight (maxInFlight > 1), two never share a stream or an event id: an event whose stream is being
 * written waits for the next batch, and a repeat of an event id already queued or in flight waits
 * on that one. Otherwise the second transaction would block on the first's row locks or unique
 * index entries and then be retried whole, which is where latency tails come from.
 */
import type { NewEvent } from '../events/types.js';
import { StoreUnavailableError, type AppendBatchItem, type EventStore } from '../store/event-store.js';

export type AppendOutcome = 'appended' | 'duplicate';

export interface GroupAppendOptions {
  /** Events per transaction at most. Default 256. */
  maxBatch?: number;
  /**
   * Transactions in flight at once; further appends queue behind them. Default 1: one transaction
   * at a time makes the batches larger, so each delivery costs the database less at the same
   * throughput (figures in docs/performance.md). The batch grows with the load, up to maxBatch.
   */
  maxInFlight?: number;
}

interface Waiter {
  event: NewEvent;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
  /** Later callers with the same event id in the same queue: they are duplicates of this one. */
  followers: Waiter[];
}

export class GroupAppender {
  readonly #store: Pick<EventStore, 'appendBatch'>;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  /** Waiting to be written, in arrival order, by event id. */
  #queue = new Map<string, Waiter>();
  /** Queued or in flight, by event id: where a repeat finds its leader. */
  #pending = new Map<string, Waiter>();
  /** Streams written by a transaction in flight. */
  #busyStreams = new Set<string>();
  #inFlight = 0;
  #scheduled = false;

  constructor(store: Pick<EventStore, 'appendBatch'>, options: GroupAppendOptions = {}) {
    this.#store = store;
    this.#maxBatch = Math.max(1, options.maxBatch ?? 256);
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 1);
  }

  append(event: NewEvent): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      const waiter: Waiter = { event, resolve, reject, followers: [] };
      const leader = this.#pending.get(event.eventId);
      if (leader) {
        leader.followers.push(waiter);
        return;
      }
      this.#queue.set(event.eventId, waiter);
      this.#pending.set(event.eventId, waiter);
      this.#schedule();
    });
  }

  /**
   * Batches go out on the next turn of the event loop, not in the caller's tick: every delivery whose
   * I/O is already waiting gets queued first. On PGlite a transaction runs without ever yielding to
   * I/O, so dispatching at once would write every delivery alone however many are waiting.
   */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.size > 0) {
      const batch: Waiter[] = [];
      const streams = new Set<string>();
      for (const [id, waiter] of this.#queue) {
        const stream = waiter.event.streamId;
        // Skipping keeps order within a stream: every later event of a busy stream is skipped too.
        if (this.#busyStreams.has(stream)) continue;
        batch.push(waiter);
        streams.add(stream);
        this.#queue.delete(id);
        if (batch.length >= this.#maxBatch) break;
      }
      if (batch.length === 0) return;
      for (const stream of streams) this.#busyStreams.add(stream);
      this.#inFlight += 1;
      void this.#write(batch).finally(() => {
        for (const stream of streams) this.#busyStreams.delete(stream);
        this.#inFlight -= 1;
        this.#schedule();
      });
    }
  }

  async #write(batch: Waiter[]): Promise<void> {
    try {
      const appended = await this.#appendAll(batch.map((w) => w.event));
      for (const w of batch) this.#settle(w, appended.has(w.event.eventId) ? 'appended' : 'duplicate');
    } catch (error) {
      if (batch.length > 1 && !(error instanceof StoreUnavailableError)) {
        // One bad event must not fail its neighbours: write them one by one to isolate it.
        for (const w of batch) await this.#write([w]);
        return;
      }
      for (const w of batch) this.#fail(w, error);
    }
  }

  // Leaving #pending in the same tick as settling, so no repeat can attach to a settled leader.
  #settle(waiter: Waiter, outcome: AppendOutcome): void {
    this.#pending.delete(waiter.event.eventId);
    waiter.resolve(outcome);
    for (const f of waiter.followers) f.resolve('duplicate');
  }

  #fail(waiter: Waiter, error: unknown): void {
    this.#pending.delete(waiter.event.eventId);
    waiter.reject(error);
    for (const f of waiter.followers) f.reject(error);
  }

  async #appendAll(events: NewEvent[]): Promise<Set<string>> {
    const items = new Map<string, AppendBatchItem>();
    for (const event of events) {
      const item = items.get(event.streamId);
      if (item) item.events.push(event);
      else items.set(event.streamId, { streamId: event.streamId, events: [event] });
    }
    const results = await this.#store.appendBatch([...items.values()]);
    const appended = new Set<string>();
    for (const r of results) for (const a of r.appended) appended.add(a.eventId);
    return appended;
  }
}
