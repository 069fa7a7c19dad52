/**
 * What an aggregate is: an initial state and an evolve function that mutates an immer draft.
 * A whole stream folds inside one `produce` (see fold.ts); evolve must be pure apart from the draft.
 */
import type { Draft } from 'immer';
import type { RecordedEvent } from '../events/types.js';
import type { AggregateKind } from '../events/types.js';

/** Fields every aggregate state has (design brief, public API contract). */
export interface BaseState {
  id: string;
  kind: AggregateKind;
  /** Events applied, unknown ones included. */
  version: number;
  /** Sorted, unique. */
  tags: string[];
  /** ISO strings: occurredAt of the first and of the latest applied event. */
  createdAt: string | null;
  updatedAt: string | null;
  redacted: boolean;
  /** Things the fold noticed but accepted, e.g. TAGS_UPDATED whose current_tags disagreed with the diff. */
  anomalies: Anomaly[];
}

/** The fields every aggregate starts with, before any event. */
export function initialBase<K extends AggregateKind>(id: string, kind: K): BaseState & { kind: K } {
  return { id, kind, version: 0, tags: [], createdAt: null, updatedAt: null, redacted: false, anomalies: [] };
}

export interface Anomaly {
  eventId: string;
  type: string;
  message: string;
}

export interface AggregateDefinition<S extends BaseState = BaseState> {
  kind: AggregateKind;
  initial(id: string): S;
  /** Applies one event to the draft. Must not throw on unknown or partial events. */
  evolve(draft: Draft<S>, event: RecordedEvent): void;
  /** State paths that hold PII: cleared on redaction and masked as `[redacted]` in timelines. */
  piiPaths: readonly string[];
  /**
   * Optional: derives what evolve leaves unfinished (e.g. sorting tags) once at the end of a
   * fold rather than on every event, which kept long streams from going quadratic.
   */
  finalise?(draft: Draft<S>): void;
}

/** A field-level change made by one event, from immer patches. Paths are dotted: `address.city`. */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}
