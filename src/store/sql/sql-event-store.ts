/**
 * The EventStore on PostgreSQL and PGlite: one implementation over the SqlClient seam. Each
 * operation lives in its own module (append.ts, read.ts, visibility.ts) with its statements beside
 * it; this class holds the options and wires them.
 */
import type { NewEvent, RecordedEvent } from '../../events/types.js';
import { runMigrations } from '../../db/migrations.js';
import { assertIdentifier } from '../../db/identifiers.js';
import type { SqlClient, SqlExecutor } from '../../db/sql-client.js';
import type {
  EventCounter,
  MultiStreamReader,
  OrderedStreamsPage,
  OrderedStreamsReader,
  OrderedStreamsRequest,
} from '../capabilities.js';
import {
  START,
  type AppendBatchItem,
  type AppendOptions,
  type AppendResult,
  type Checkpoint,
  type EventBatch,
  type EventFilter,
  type EventStore,
  type GlobalEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.js';
import { SubscriptionRegistry } from '../subscription-registry.js';
import { SqlAppender } from './append.js';
import { CommitNotifier } from './commit-notifier.js';
import { YoungTables } from './young-tables.js';
import { eventsChannel } from './channel.js';
import { EVENT_STORE_COMPONENT, eventStoreMigrations } from './event-store-migrations.js';
import * as read from './read.js';
import { SELECT_HAS_EVENT, SELECT_STREAM_VERSION } from './read-statements.js';
import { headCheckpoint, pollSource, waitReadable } from './visibility.js';

export interface SqlEventStoreOptions {
  /** Schema the tables live in (the client's search_path must point there). Default `public`. */
  schema?: string;
  /** Close the client when the store closes. Default false. */
  ownsClient?: boolean;
  /** Polling fallback for subscriptions, in case a wake-up is missed. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Rows per multi-row INSERT. Default 1000. */
  insertChunk?: number;
  /** How long headCheckpoint waits for older open transactions before answering. Default 10 s. */
  headWaitMs?: number;
  /**
   * readAll fetches the next page (on another pooled connection) while the caller consumes the
   * current one. Default off: node-postgres already streams a page's rows while the server
   * produces them, so on loopback it does not pay (docs/performance.md); it may where each page
   * waits for a network round trip. No use on PGlite (one connection, in this thread).
   */
  readAhead?: boolean;
}

export class SqlEventStore implements EventStore, OrderedStreamsReader, EventCounter, MultiStreamReader {
  readonly client: SqlClient;
  readonly schema: string;
  readonly #channel: string;
  readonly #ownsClient: boolean;
  readonly #pollIntervalMs: number;
  readonly #headWaitMs: number;
  readonly #readAhead: boolean;
  readonly #appender: SqlAppender;
  readonly #notifier: CommitNotifier;
  #youngTables: YoungTables | null = null;
  readonly #subscriptions = new SubscriptionRegistry();

  private constructor(client: SqlClient, options: SqlEventStoreOptions) {
    this.client = client;
    this.schema = assertIdentifier(options.schema ?? 'public', 'schema');
    this.#channel = eventsChannel(this.schema);
    this.#ownsClient = options.ownsClient ?? false;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#headWaitMs = options.headWaitMs ?? 10_000;
    this.#readAhead = options.readAhead ?? false;
    this.#notifier = new CommitNotifier(client, this.#channel);
    this.#appender = new SqlAppender({
      client,
      channel: this.#channel,
      notifier: this.#notifier,
      appended: (events) => this.#youngTables?.appended(events),
      insertChunk: options.insertChunk ?? 1000,
    });
  }

  /** Runs the event store's migrations (safe from many processes at once) and returns the store. */
  static async open(client: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    const store = new SqlEventStore(client, options);
    await runMigrations(client, {
      component: EVENT_STORE_COMPONENT,
      migrations: eventStoreMigrations,
      schema: store.schema,
    });
    store.#youngTables = await YoungTables.open(client);
    return store;
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendBatch([{ streamId, events, expectedVersion: options.expectedVersion }]);
    return result!;
  }

  appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    return this.#appender.appendBatch(items);
  }

  /**
   * Appends inside a transaction the caller owns (e.g. writing its own rows atomically with the
   * events). No retry here: on a unique violation the caller's transaction must be retried.
   */
  appendInTransaction(tx: SqlExecutor, items: AppendBatchItem[]): Promise<AppendResult[]> {
    return this.#appender.appendInTransaction(tx, items);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    return read.readStream(this.client, streamId, options);
  }

  /** See MultiStreamReader: a projection refolding many streams of a batch pays one round trip. */
  readStreams(
    streams: readonly { streamId: string; to?: number }[],
    executor: SqlExecutor = this.client,
  ): Promise<Map<string, RecordedEvent[]>> {
    return read.readStreams(executor, streams);
  }

  /** See OrderedStreamsReader. */
  readStreamsOrdered(request: OrderedStreamsRequest): Promise<OrderedStreamsPage> {
    return read.readStreamsOrdered(this.client, request);
  }

  /** How many events readAll({ after, filter }) would return now (one COUNT, same visibility rule). */
  countEvents(options: { after?: Checkpoint; filter?: EventFilter } = {}): Promise<number> {
    return read.countEvents(this.client, options);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<GlobalEvent> {
    const batchSize = options.batchSize ?? read.DEFAULT_BATCH;
    const raw = options.raw ?? true;
    // Everything committed before the call is returned, not only what happens to be readable.
    if (!(await waitReadable(this.client, this.#headWaitMs))) return;
    yield* read.readPages(
      (after) => this.#page(after, options.filter, batchSize, raw),
      options.after ?? START,
      batchSize,
      this.#readAhead,
    );
  }

  #page(after: Checkpoint, filter: EventFilter | undefined, limit: number, raw: boolean) {
    return read.readPage(this.client, after, filter, limit, raw);
  }

  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription {
    return this.#subscriptions.start(
      pollSource(this.client, this.#notifier, (...args) => this.#page(...args)),
      options,
      { batchSize: read.DEFAULT_BATCH, pollIntervalMs: this.#pollIntervalMs },
      handler,
    );
  }

  async streamVersion(streamId: string): Promise<number> {
    const { rows } = await this.client.query<{ version: string }>(SELECT_STREAM_VERSION, [streamId]);
    return rows[0] ? Number(rows[0].version) : 0;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    const { rows } = await this.client.query(SELECT_HAS_EVENT, [eventId]);
    return rows.length > 0;
  }

  /** The checkpoint after every event committed before the call; after `headWaitMs`, the readable head. */
  headCheckpoint(): Promise<Checkpoint> {
    return headCheckpoint(this.client, this.#headWaitMs);
  }

  async ping(): Promise<boolean> {
    try {
      await this.client.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.#subscriptions.stopAll();
    await this.#notifier.settled();
    await this.#youngTables?.settled();
    if (this.#ownsClient) await this.client.close();
  }
}
