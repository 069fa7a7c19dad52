/**
 * Group commit for single-event appends. Deliveries that arrive while earlier appends are in
 * flight are written together in one appendBatch transaction, so under load one commit (and one
 * WAL flush) serves many deliveries; with no load each append goes out alone at once, adding no
 * wait. Every caller still learns its own outcome (appended or duplicate), and a store failure
 * rejects exactly the callers whose events were in the failed transaction (nothing was written).
 */
import type { NewEvent } from '../events/types.js';
import { StoreUnavailableError, type AppendBatchItem, type EventStore } from '../store/event-store.js';

export type AppendOutcome = 'appended' | 'duplicate';

export interface GroupAppendOptions {
  /** Events per transaction at most. Default 256. */
  maxBatch?: number;
  /** Transactions in flight at once; further appends queue behind them. Default 2 (bench/intake.ts: larger batches beat more parallel commits). */
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
  #queue = new Map<string, Waiter>();
  #inFlight = 0;

  constructor(store: Pick<EventStore, 'appendBatch'>, options: GroupAppendOptions = {}) {
    this.#store = store;
    this.#maxBatch = Math.max(1, options.maxBatch ?? 256);
    this.#maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  }

  append(event: NewEvent): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      const waiter: Waiter = { event, resolve, reject, followers: [] };
      const leader = this.#queue.get(event.eventId);
      if (leader) leader.followers.push(waiter);
      else this.#queue.set(event.eventId, waiter);
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.size > 0) {
      const batch: Waiter[] = [];
      for (const [id, waiter] of this.#queue) {
        batch.push(waiter);
        this.#queue.delete(id);
        if (batch.length >= this.#maxBatch) break;
      }
      this.#inFlight += 1;
      void this.#write(batch).finally(() => {
        this.#inFlight -= 1;
        this.#pump();
      });
    }
  }

  async #write(batch: Waiter[]): Promise<void> {
    try {
      const appended = await this.#appendAll(batch.map((w) => w.event));
      for (const w of batch) settle(w, appended.has(w.event.eventId) ? 'appended' : 'duplicate');
    } catch (error) {
      if (batch.length > 1 && !(error instanceof StoreUnavailableError)) {
        // One bad event must not fail its neighbours: write them one by one to isolate it.
        for (const w of batch) await this.#write([w]);
        return;
      }
      for (const w of batch) fail(w, error);
    }
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

function settle(waiter: Waiter, outcome: AppendOutcome): void {
  waiter.resolve(outcome);
  for (const f of waiter.followers) f.resolve('duplicate');
}

function fail(waiter: Waiter, error: unknown): void {
  waiter.reject(error);
  for (const f of waiter.followers) f.reject(error);
}
