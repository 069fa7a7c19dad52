/**
 * The sealing EventStore decorator: with a master key, appends store each event's `data` and `raw` sealed under its
 * stream's data key (sealed-event.ts), reads open them again, or return them erased once the key
 * is destroyed. Everything else passes through, and so do the inner store's optional capabilities
 * (capabilities.ts), so rebuilds keep their fast paths. Appends also note which streams name which
 * subjects (`record_relations`, for erasure) and hand redaction signals to `onRedaction`.
 */
import { LRUCache } from 'lru-cache';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type { NewEvent, RecordedEvent } from '../../events/types.js';
import {
  isEventCounter,
  isMultiStreamReader,
  isOrderedStreamsReader,
  type EventCounter,
  type MultiStreamReader,
  type OrderedStreamsReader,
} from '../../store/capabilities.js';
import type {
  AppendBatchItem,
  AppendOptions,
  AppendResult,
  EventBatch,
  EventStore,
  GlobalEvent,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../../store/event-store.js';
import type { KeyStore } from './key-store.js';
import { openEvent, sealEvent } from './sealed-event.js';

export interface SealingOptions {
  /** Called after an append with the events (appended or duplicate) that carry a redaction signal. */
  onRedaction?: (events: NewEvent[]) => Promise<void>;
  /** Which events carry a redaction signal. */
  isRedaction?: (event: NewEvent) => boolean;
}

/** Events read from the inner store are opened in pages of this many (one key query per page). */
const OPEN_PAGE = 500;

export class SealingEventStore implements EventStore {
  // Bounded by count through maxSize, as the key cache is: with max, lru-cache would allocate all
  // 100,000 entries up front, which a process that only reads (a CLI query) should not pay for.
  readonly #related = new LRUCache<string, true>({ maxSize: 100_000, sizeCalculation: () => 1 });

  constructor(
    readonly inner: EventStore,
    private readonly sql: SqlClient,
    /** Null without a master key: events are stored as they come (relations are still noted). */
    private readonly keys: KeyStore | null,
    private readonly options: SealingOptions = {},
  ) {}

  async append(streamId: string, events: NewEvent[], options?: AppendOptions): Promise<AppendResult> {
    const sealed = await this.#seal(events);
    const result = await this.inner.append(streamId, sealed, options);
    await this.#afterAppend(events);
    return result;
  }

  async appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    const sealed = await this.#seal(items.flatMap((i) => i.events));
    let at = 0;
    const results = await this.inner.appendBatch(
      items.map((item) => ({ ...item, events: sealed.slice(at, (at += item.events.length)) })),
    );
    await this.#afterAppend(items.flatMap((i) => i.events));
    return results;
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    const key = this.keys ? (await this.keys.forRead([streamId])).get(streamId) : undefined;
    for await (const event of this.inner.readStream(streamId, options)) yield openEvent(event, key);
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<GlobalEvent> {
    let page: GlobalEvent[] = [];
    for await (const item of this.inner.readAll(options)) {
      page.push(item);
      if (page.length >= OPEN_PAGE) {
        yield* await this.#openGlobal(page);
        page = [];
      }
    }
    if (page.length > 0) yield* await this.#openGlobal(page);
  }

  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription {
    return this.inner.subscribe(options, async (batch) =>
      handler({ events: await this.openAll(batch.events), checkpoint: batch.checkpoint }),
    );
  }

  streamVersion(streamId: string): Promise<number> {
    return this.inner.streamVersion(streamId);
  }
  hasEvent(eventId: string): Promise<boolean> {
    return this.inner.hasEvent(eventId);
  }
  headCheckpoint(): Promise<string> {
    return this.inner.headCheckpoint();
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Opens stored events with their streams' keys; `db`: read keys inside that transaction. */
  async openAll(events: readonly RecordedEvent[], db?: SqlExecutor): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    if (!this.keys) return events.map((e) => openEvent(e, undefined));
    const keys = await this.keys.forRead([...new Set(events.map((e) => e.streamId))], db);
    return events.map((e) => openEvent(e, keys.get(e.streamId)));
  }

  async #openGlobal(page: GlobalEvent[]): Promise<GlobalEvent[]> {
    const opened = await this.openAll(page.map((p) => p.event));
    return page.map((p, i) => ({ event: opened[i]!, checkpoint: p.checkpoint }));
  }

  async #seal(events: readonly NewEvent[]): Promise<NewEvent[]> {
    if (events.length === 0) return [];
    const streams = [...new Set(events.map((e) => e.streamId))];
    await this.#noteRelations(events);
    if (!this.keys) return [...events];
    const keys = await this.keys.forWrite(streams);
    return events.map((e) => sealEvent(e, keys.get(e.streamId) ?? null));
  }

  async #noteRelations(events: readonly NewEvent[]): Promise<void> {
    const rows: [string, string, string][] = [];
    for (const e of events)
      for (const r of e.related) {
        const key = `${r.kind}\0${r.id}\0${e.streamId}`;
        if (this.#related.has(key)) continue;
        rows.push([r.kind, r.id, e.streamId]);
      }
    if (rows.length === 0) return;
    await this.sql.query(
      `insert into record_relations (kind, id, stream_id)
       select * from unnest($1::text[], $2::text[], $3::text[]) on conflict do nothing`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
    );
    for (const r of rows) this.#related.set(`${r[0]}\0${r[1]}\0${r[2]}`, true);
  }

  async #afterAppend(events: readonly NewEvent[]): Promise<void> {
    const { onRedaction, isRedaction } = this.options;
    if (!onRedaction || !isRedaction) return;
    // Duplicates too: a redelivery after a failed erasure retries it (erasure is idempotent).
    const signals = events.filter(isRedaction);
    if (signals.length > 0) await onRedaction(signals);
  }
}

/** The decorator, with the inner store's optional capabilities wrapped so their events are opened. */
export function sealingStore(
  inner: EventStore,
  sql: SqlClient,
  keys: KeyStore | null,
  options: SealingOptions = {},
): SealingEventStore {
  const store = new SealingEventStore(inner, sql, keys, options);
  if (isOrderedStreamsReader(inner)) {
    const ordered: OrderedStreamsReader = {
      async readStreamsOrdered(request) {
        const page = await inner.readStreamsOrdered(request);
        return { ...page, events: await store.openAll(page.events) };
      },
    };
    Object.assign(store, ordered);
  }
  if (isEventCounter(inner)) {
    const counter: EventCounter = { countEvents: (options) => inner.countEvents(options) };
    Object.assign(store, counter);
  }
  if (isMultiStreamReader(inner)) {
    const multi: MultiStreamReader = {
      async readStreams(streams, executor) {
        const read = await inner.readStreams(streams, executor);
        const all = await store.openAll([...read.values()].flat(), executor);
        const opened = new Map<string, RecordedEvent[]>();
        let at = 0;
        for (const [id, events] of read) opened.set(id, all.slice(at, (at += events.length)));
        return opened;
      },
      ...(inner.client ? { client: inner.client } : {}),
    };
    Object.assign(store, multi);
  }
  return store;
}
