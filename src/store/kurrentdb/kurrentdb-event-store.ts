/**
 * EventStore on KurrentDB (EventStoreDB) via @kurrent/kurrentdb-client.
 *
 * - Event ids: each event's KurrentDB id is a v5 UUID of the vendor id. KurrentDB only dedupes
 *   per stream, so every append also writes a marker stream `pp-eventid-<uuid>` expected to be
 *   new, in one atomic multi-stream append: a marker that already exists means a duplicate.
 * - Expected versions: versions are checked against a fresh read and sent as exact revisions,
 *   so the server does the compare-and-set; a conflict re-reads and decides again.
 * - Global order: `$all` in commit order; the checkpoint is `<commit>/<prepare>`. Reads filter on
 *   the server by stream-name prefix (`<category>-`), or exclude `$` and marker streams.
 */
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START as KURRENT_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  ErrorType,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendStreamRequest,
  type AppendStreamState,
  type Filter,
  type Position,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import type { NewEvent, RecordedEvent } from '../../events/types.js';
import { retryRaces } from '../../db/retry.js';
import { appendResults, canonicalTime, checkAppendItems, planAppend } from '../append-input.js';
import {
  START,
  StoreUnavailableError,
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
import type { PollSource } from '../subscription-loop.js';
import { SubscriptionRegistry } from '../subscription-registry.js';
import { eventUuid, MARKER_PREFIX, markerStream, projectUuid } from './event-uuid.js';

export interface KurrentDbEventStoreOptions {
  /** Fallback polling interval for subscriptions. Default 1000 ms. */
  pollIntervalMs?: number;
}

/** What is stored as the KurrentDB event's JSON data: everything but the stream and type. */
type StoredBody = Omit<NewEvent, 'streamId' | 'type' | 'category'>;

const DEFAULT_BATCH = 500;
/** Everything but system streams and our id markers, for unfiltered reads. */
const USER_STREAMS = `^(?!\\$|${MARKER_PREFIX})`;

function encode(position: Position): Checkpoint {
  return `${position.commit}/${position.prepare}`;
}

function decode(checkpoint: Checkpoint): Position | null {
  if (checkpoint === START) return null;
  const match = /^(\d+)\/(\d+)$/.exec(checkpoint);
  if (!match) throw new TypeError(`not a KurrentDB checkpoint: ${JSON.stringify(checkpoint)}`);
  return { commit: BigInt(match[1]!), prepare: BigInt(match[2]!) };
}

function serverFilter(filter: EventFilter | undefined): Filter {
  return filter?.categories
    ? streamNameFilter({ prefixes: filter.categories.map((c) => `${c}-`) })
    : streamNameFilter({ regex: USER_STREAMS });
}

function isUnavailable(error: unknown): boolean {
  const type = (error as { type?: unknown } | null)?.type;
  return type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.TIMEOUT;
}

function mapError(error: unknown, what: string): unknown {
  return isUnavailable(error)
    ? new StoreUnavailableError(`${what}: KurrentDB unavailable`, { cause: error })
    : error;
}

export class KurrentDbEventStore implements EventStore {
  readonly #client: KurrentDBClient;
  readonly #pollIntervalMs: number;
  readonly #subscriptions = new SubscriptionRegistry();

  constructor(client: KurrentDBClient, options: KurrentDbEventStoreOptions = {}) {
    this.#client = client;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** Connects with a `kurrentdb://host:2113?tls=false` connection string (the KURRENTDB_URL variable). */
  static connect(url: string, options: KurrentDbEventStoreOptions = {}): KurrentDbEventStore {
    return new KurrentDbEventStore(KurrentDBClient.connectionString(url), options);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendBatch([{ streamId, events, expectedVersion: options.expectedVersion }]);
    return result!;
  }

  async appendBatch(items: AppendBatchItem[]): Promise<AppendResult[]> {
    checkAppendItems(items);
    try {
      // Someone else wrote one of these streams or ids since our read: read again and decide again.
      return await retryRaces(
        () => this.#tryAppend(items),
        (error) => error instanceof WrongExpectedVersionError,
      );
    } catch (error) {
      throw mapError(error, 'append');
    }
  }

  async #tryAppend(items: AppendBatchItem[]): Promise<AppendResult[]> {
    const ids = [...new Set(items.flatMap((i) => i.events.map((e) => e.eventId)))];
    const storedFlags = await Promise.all(ids.map((id) => this.hasEvent(id)));
    const stored = new Set(ids.filter((_, i) => storedFlags[i]));
    const streamIds = [...new Set(items.map((i) => i.streamId))];
    const read = await Promise.all(streamIds.map((id) => this.streamVersion(id)));
    const before = new Map(streamIds.map((id, i) => [id, read[i]!]));
    const plans = planAppend(items, (id) => stored.has(id), new Map(before));

    const byStream = new Map<string, NewEvent[]>();
    for (const plan of plans)
      byStream.set(plan.item.streamId, [...(byStream.get(plan.item.streamId) ?? []), ...plan.newOnes]);
    const requests: AppendStreamRequest[] = [];
    for (const [streamId, events] of byStream) {
      if (events.length === 0) continue;
      const version = before.get(streamId)!;
      const expectedState: AppendStreamState = version === 0 ? NO_STREAM : BigInt(version - 1);
      requests.push({ streamName: streamId, expectedState, events: events.map(toEventData) });
      for (const event of events) {
        requests.push({
          streamName: markerStream(event.eventId),
          expectedState: NO_STREAM,
          events: [
            jsonEvent({
              id: projectUuid(`marker:${event.eventId}`),
              type: 'pp.event-id',
              data: { streamId },
            }),
          ],
        });
      }
    }
    if (requests.length > 0) await this.#client.multiStreamAppend(requests);

    const positions = new Map<string, bigint>();
    for (const [streamId, events] of byStream) {
      if (events.length === 0) continue;
      const from = before.get(streamId)! + 1;
      for await (const e of this.readStream(streamId, { from, limit: events.length }))
        positions.set(e.eventId, e.position);
    }
    return appendResults(plans, (id) => positions.get(id) ?? 0n);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    const from = options.from;
    const stopAt = backwards ? Math.max(options.to ?? 1, 1) : (options.to ?? Infinity);
    const limit = options.limit ?? Infinity;
    if (limit <= 0) return;
    let count = 0;
    try {
      const events = this.#client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from === undefined ? (backwards ? END : KURRENT_START) : BigInt(Math.max(from, 1) - 1),
      });
      for await (const resolved of events) {
        const event = toRecorded(resolved);
        if (!event) continue;
        if (backwards ? event.streamVersion < stopAt : event.streamVersion > stopAt) return;
        yield event;
        if (++count >= limit) return;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw mapError(error, 'readStream');
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<GlobalEvent> {
    let after = options.after ?? START;
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const raw = options.raw ?? true;
    for (;;) {
      const { events, scanned } = await this.#page(after, options.filter, batchSize, raw);
      yield* events;
      if (scanned === null) return;
      after = scanned;
    }
  }

  /**
   * One server page after a checkpoint. Type filters run here (the server filters streams or
   * types, not both). `scanned` is where the next page starts, null when $all is exhausted.
   * The server always sends the whole body; with `raw` false the delivery body is dropped here,
   * so every adapter answers `raw: false` the same way.
   */
  async #page(after: Checkpoint, filter: EventFilter | undefined, limit: number, raw: boolean) {
    const from = decode(after);
    const types = filter?.types ? new Set(filter.types) : null;
    const events: GlobalEvent[] = [];
    let last: Checkpoint | null = null;
    let read = 0;
    try {
      for await (const resolved of this.#client.readAll({
        fromPosition: from ?? KURRENT_START,
        maxCount: limit + 1,
        filter: serverFilter(filter),
      })) {
        const position = resolved.event?.position;
        if (!position) continue;
        // Reading from a position includes the event at it: that one was delivered already.
        if (from && position.commit === from.commit && position.prepare === from.prepare) continue;
        read += 1;
        last = encode(position);
        const event = toRecorded(resolved);
        if (event && !raw) event.raw = '';
        if (event && (!types || types.has(event.type))) events.push({ event, checkpoint: last });
      }
    } catch (error) {
      throw mapError(error, 'readAll');
    }
    return { events, scanned: read < limit ? null : last };
  }

  subscribe(options: SubscribeOptions, handler: (batch: EventBatch) => Promise<void>): Subscription {
    const batchSize = options.batchSize ?? DEFAULT_BATCH;
    const source: PollSource<bigint> = {
      mark: () => this.#headCommit(),
      target: async () => {
        const head = await this.#headCommit();
        return head === 0n ? null : head;
      },
      covers: (mark, target) => target <= mark,
      readPage: async (after, filter, limit, raw) => {
        const out: GlobalEvent[] = [];
        let cursor = after;
        for (;;) {
          const { events, scanned } = await this.#page(cursor, filter, limit - out.length, raw);
          out.push(...events);
          if (scanned === null || out.length >= limit) return out;
          cursor = scanned;
        }
      },
      onWake: async (wake) => {
        const live = this.#client.subscribeToAll({ fromPosition: END, filter: serverFilter(options.filter) });
        live.on('data', () => wake());
        live.on('error', () => undefined);
        return async () => {
          await live.unsubscribe();
        };
      },
    };
    return this.#subscriptions.start(
      source,
      options,
      { batchSize, pollIntervalMs: this.#pollIntervalMs },
      handler,
    );
  }

  /** Commit position of the newest record in $all, system records included (0 when empty). */
  async #headCommit(): Promise<bigint> {
    try {
      for await (const resolved of this.#client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
      })) {
        return resolved.event?.position.commit ?? resolved.commitPosition ?? 0n;
      }
      return 0n;
    } catch (error) {
      throw mapError(error, 'head');
    }
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.#client.readStream(streamId, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        return resolved.event ? Number(resolved.event.revision) + 1 : 0;
      }
      return 0;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw mapError(error, 'streamVersion');
    }
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return (await this.streamVersion(markerStream(eventId))) > 0;
  }

  async headCheckpoint(): Promise<Checkpoint> {
    try {
      for await (const resolved of this.#client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1,
        filter: serverFilter(undefined),
      })) {
        if (resolved.event?.position) return encode(resolved.event.position);
      }
      return START;
    } catch (error) {
      throw mapError(error, 'headCheckpoint');
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.#headCommit();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.#subscriptions.stopAll();
    await this.#client.dispose();
  }
}

function toEventData(event: NewEvent) {
  const body: StoredBody = {
    eventId: event.eventId,
    source: event.source,
    subject: event.subject,
    occurredAt: canonicalTime(event.occurredAt),
    actor: event.actor,
    schemaVersion: event.schemaVersion,
    data: event.data,
    raw: event.raw,
    related: event.related,
    unknown: event.unknown,
  };
  return jsonEvent({
    id: eventUuid(event.eventId),
    type: event.type,
    data: body as unknown as Record<string, unknown>,
  });
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const e = resolved.event;
  if (!e || !e.isJson || e.streamId.startsWith('$') || e.streamId.startsWith(MARKER_PREFIX)) return null;
  const body = e.data as unknown as StoredBody;
  return {
    eventId: body.eventId,
    type: e.type,
    source: body.source,
    subject: body.subject,
    streamId: e.streamId,
    occurredAt: body.occurredAt,
    actor: body.actor,
    schemaVersion: body.schemaVersion,
    data: body.data,
    raw: body.raw,
    related: body.related,
    unknown: body.unknown,
    streamVersion: Number(e.revision) + 1,
    position: e.position?.commit ?? resolved.commitPosition ?? 0n,
    recordedAt: e.created.toISOString(),
  };
}
