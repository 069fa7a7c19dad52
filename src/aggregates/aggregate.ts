/**
 * What an aggregate is: an initial state and an evolve function that folds one typed domain event
 * into it, over the event families (or channels) it declares. Evolve is written plainly: it reads the event, writes the state, and does nothing else.
 * The fold engine (fold.ts) owns everything around it: interpretation, order, duplicates,
 * bookkeeping, redaction, change tracking and freezing.
 */
import type { AiPriseDomainEvent } from '../events/domain/aiprise.js';
import type { DomainEvent } from '../events/domain/domain-event.js';
import type { PersonaDomainEvent, PersonaFamily } from '../events/domain/persona.js';
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

/**
 * Which domain events an aggregate folds: Persona event families (`other` carries the redaction
 * signal of names the catalog does not know) or AiPrise channels. Every other event of its stream
 * counts in `version` and shows on the timeline, but evolve never sees it.
 */
export type PersonaFolds = PersonaFamily | 'other';
export type AiPriseFolds = AiPriseDomainEvent['channel'];
export type Folds =
  | { source: 'persona'; families: readonly PersonaFolds[] }
  | { source: 'aiprise'; channels: readonly AiPriseFolds[] };

export interface AggregateDefinition<S extends BaseState = BaseState> {
  kind: AggregateKind;
  folds: Folds;
  initial(id: string): S;
  /** Applies one event to the state. Called only with the events `folds` names. Must not throw on partial events. */
  evolve(state: S, event: DomainEvent): void;
  /** State paths that hold PII: cleared on redaction and masked as `[redacted]` in timelines. */
  piiPaths: readonly string[];
  /**
   * Paths that are PII only in some states (an inquiry's reference id once its account is redacted
   * too); they are cleared and masked like `piiPaths` in those states. See `piiPathsOf`.
   */
  piiPathsWhen?(state: S): readonly string[];
}

/** Whether `def` folds `event`. */
export function folds(def: Pick<AggregateDefinition, 'folds'>, event: DomainEvent): boolean {
  const f = def.folds;
  return f.source === 'persona'
    ? event.vendor === 'persona' && f.families.includes(event.family)
    : event.vendor === 'aiprise' && f.channels.includes(event.channel);
}

type Spec<S extends BaseState, E> = Omit<AggregateDefinition<S>, 'folds' | 'evolve'> & {
  evolve(state: S, event: E): void;
};

/**
 * A Persona aggregate. Its evolve takes exactly the families listed, so its switch is exhaustive
 * over them: a family listed but not handled, or handled but not listed, does not compile.
 */
export function personaAggregate<S extends BaseState, F extends PersonaFolds>(
  families: readonly F[],
  spec: Spec<S, Extract<PersonaDomainEvent, { family: F }>>,
): AggregateDefinition<S> {
  return {
    ...spec,
    folds: { source: 'persona', families },
    evolve: spec.evolve as AggregateDefinition<S>['evolve'],
  };
}

/** An AiPrise aggregate, over the channels listed (see personaAggregate). */
export function aipriseAggregate<S extends BaseState, C extends AiPriseFolds>(
  channels: readonly C[],
  spec: Spec<S, Extract<AiPriseDomainEvent, { channel: C }>>,
): AggregateDefinition<S> {
  return {
    ...spec,
    folds: { source: 'aiprise', channels },
    evolve: spec.evolve as AggregateDefinition<S>['evolve'],
  };
}

/** A field-level change made by one event. Paths are dotted: `address.city`. */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}
