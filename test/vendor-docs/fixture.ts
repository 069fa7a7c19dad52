/**
 * Fixtures built from the vendors' own documentation: one per documented payload shape, written for
 * this project (never a copy of the vendor's text), each with the state the docs imply. The harness
 * (vendor-docs.test.ts) delivers them to the real projector on the memory and PGlite stores, in
 * every Persona key inflection, and checks state and timeline.
 *
 * Expectations are reasoned from the docs, not from this project's code: `why` says which
 * documented fact each one rests on.
 */

/** Persona webhook bodies are written with kebab-case keys (Persona's default); AiPrise's in snake_case. */
export type Body = Record<string, unknown>;

export interface Delivery {
  /** The body exactly as the vendor would POST it (before JSON serialisation). */
  body: Body;
  /**
   * When this product received it (ISO). AiPrise documents no event time, so receipt time decides
   * its order. Default: arrival order, one minute apart, from 2026-01-01T00:00:00Z.
   */
  receivedAt?: string;
  /** Extra HTTP headers as sent (e.g. `Persona-Version`). */
  headers?: Record<string, string>;
}

export type AggregateKind = 'account' | 'case' | 'inquiry' | 'user-profile';

export interface StateExpectation {
  kind: AggregateKind;
  id: string;
  /** A past state: `state(kind, id, { asOf })`. */
  asOf?: string;
  /** A past state: `state(kind, id, { version })`. */
  version?: number;
  /**
   * Partial state: every key given must match (vitest `toMatchObject`: nested objects partially,
   * arrays exactly). `null` means the projector must have no state for this subject.
   */
  state: Record<string, unknown> | null;
  /** The documented fact(s) the expectation rests on, in a sentence. */
  why: string;
}

export interface TimelineExpectation {
  kind: AggregateKind;
  id: string;
  includeRelated?: boolean;
  /** Event names of the entries, in timeline order (newest first, as the timeline returns them). */
  types?: string[];
  /** Changes that must appear on the entry for `eventId`: path and after-value. */
  changes?: { eventId: string; path: string; after: unknown }[];
  why: string;
}

export interface VendorDocFixture {
  /** What documented shape this is and what it shows, in a line. */
  name: string;
  vendor: 'persona' | 'aiprise';
  /** The vendor pages the shape and the expectations come from (page titles or URLs). */
  docs: string[];
  /** Persona: the dated API version the shape belongs to, when the docs pin one. */
  apiVersion?: string;
  /** Deliveries in the order they ARRIVE (which may differ from the order they occurred). */
  deliveries: Delivery[];
  states: StateExpectation[];
  timelines?: TimelineExpectation[];
  /**
   * Values (PII) that must not appear anywhere in what the projector returns for these subjects
   * (current state, every past state asked above, the timeline), e.g. after a redaction.
   */
  absent?: { kind: AggregateKind; id: string; values: string[]; why: string }[];
}
