/**
 * Persona resource families (the resource type before `/`) and which aggregates their events land
 * on. A verification, report, document, selfie or session belongs on its inquiry's stream; a
 * transaction on its account's; a case comment or message on its case's. The list is tried in
 * order against the resource's relationships; no match means `persona-<family>-<id>`.
 */
import type { AggregateKind } from '../types.js';

// Maps, not object literals: resource types come from the delivery, and a type named like an
// Object.prototype member (`constructor`) must not find an inherited value.
const PERSONA_AGGREGATE_TYPES: ReadonlyMap<string, AggregateKind> = new Map([
  ['account', 'account'],
  ['case', 'case'],
  ['inquiry', 'inquiry'],
]);

const PERSONA_RELATES_TO: ReadonlyMap<string, readonly AggregateKind[]> = new Map<
  string,
  readonly AggregateKind[]
>([
  ['verification', ['inquiry']],
  ['document', ['inquiry']],
  ['selfie', ['inquiry']],
  ['inquiry-session', ['inquiry']],
  ['session', ['inquiry']],
  ['report', ['inquiry', 'account']],
  ['transaction', ['account']],
  ['case-comment', ['case']],
  ['case-message', ['case']],
]);

/** The aggregate a Persona resource type is, if it is one (`inquiry` -> 'inquiry'). */
export function personaAggregateKind(resourceType: string): AggregateKind | undefined {
  return PERSONA_AGGREGATE_TYPES.get(resourceType);
}

/** Aggregates whose stream a family's events join, in order of preference. */
export function personaRelatesTo(family: string): readonly AggregateKind[] {
  return PERSONA_RELATES_TO.get(family) ?? [];
}

/** `verification/government-id` -> `verification`; `inquiry-session` -> `inquiry-session`. */
export function personaFamily(resourceType: string): string {
  const slash = resourceType.indexOf('/');
  return slash < 0 ? resourceType : resourceType.slice(0, slash);
}

/** Stream category of a Persona resource that is not an aggregate: `persona-verification`. */
export function personaCategory(family: string): string {
  return `persona-${family}`;
}

/** Stream categories of AiPrise resources that are not aggregates. */
export const AIPRISE_SESSION_CATEGORY = 'aiprise-session';
export const AIPRISE_BUSINESS_PROFILE_CATEGORY = 'aiprise-business-profile';
