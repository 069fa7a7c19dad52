/**
 * The one internal event shape every module shares. Intake produces `NewEvent`s, the store
 * returns `RecordedEvent`s, aggregates fold them and projections read them.
 */

export type Source = 'persona' | 'aiprise';

/** The four aggregates this product folds. */
export type AggregateKind = 'account' | 'case' | 'inquiry' | 'user-profile';
export const AGGREGATE_KINDS: readonly AggregateKind[] = ['account', 'case', 'inquiry', 'user-profile'];

/**
 * What an event is about. `kind` is an aggregate kind, or for resources that are not
 * aggregates a prefixed resource name such as `persona-verification` or `aiprise-session`.
 */
export interface Subject {
  kind: string;
  id: string;
}

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An event ready to append: the output of normalisation. */
export interface NewEvent {
  /** Vendor event id (Persona `evt_…`, AiPrise `callback_event_id`), else `sha256:<hex>` of the raw body. */
  eventId: string;
  /** Vendor event name as sent: `inquiry.completed`, `TAGS_UPDATED`. */
  type: string;
  source: Source;
  /** The resource the event is about (may be a non-aggregate resource, e.g. a verification). */
  subject: Subject;
  /** Stream it is appended to: `<category>-<vendorId>`, e.g. `inquiry-inq_123`, `user-profile-up_1`. */
  streamId: string;
  /** The stream's category (`inquiry`, `persona-verification`, `aiprise-session`), as routing chose it. */
  category: string;
  /** Vendor time, ISO 8601 UTC. Fold order is occurredAt, then store order. */
  occurredAt: string;
  /** Who did it (author_id, resolved_by, uploaded_by, …), or null when the vendor does not say. */
  actor: string | null;
  /** Version of the normalised `data` shape; bump when normalisation changes. */
  schemaVersion: number;
  /** Normalised, validated body: keys camelCased (see src/events/normalised.ts). */
  data: JsonObject;
  /** The delivery body exactly as received. */
  raw: string;
  /** Other aggregates the event relates to (an inquiry's account, a case's inquiries), for timelines. */
  related: Subject[];
  /** True when the catalog does not know the event name (it is still stored and shown). */
  unknown: boolean;
}

/** An event as stored: a NewEvent plus where and when the store put it (the category is the stream's). */
export interface RecordedEvent extends Omit<NewEvent, 'category'> {
  /** 1-based position inside its stream. */
  streamVersion: number;
  /** Global order number (PostgreSQL: the events.position column; KurrentDB: commit position). */
  position: bigint;
  /** When the store recorded it, ISO 8601 UTC. */
  recordedAt: string;
}
