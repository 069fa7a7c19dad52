/**
 * Shapes of `NewEvent.data` after normalisation. Keys are camelCase whatever inflection the
 * vendor webhook used (kebab-case, camelCase or snake_case); values are untouched.
 * Attributes may be missing (vendor attribute blocklists strip PII): readers must not require them.
 */
import type { JsonObject, JsonValue } from './types.js';

/** A relationship target. Persona sends `{type, id}`, an array, null or `{}` (normalised to null). */
export interface ResourceRef {
  type: string;
  id: string;
}

export interface PersonaResource {
  /** Persona resource type as sent: `inquiry`, `account`, `verification/government-id`, `report/watchlist`. */
  type: string;
  id: string;
  /** camelCased attributes, e.g. `status`, `referenceId`, `redactedAt`, `tags`, `fields`. */
  attributes: JsonObject;
  /** camelCased relationship name -> target(s); `{}` and absent data become null. */
  relationships: Record<string, ResourceRef | ResourceRef[] | null>;
}

/** `data` of a Persona event. */
export interface PersonaEventData {
  /** `data.attributes.payload.data` of the delivery. */
  resource: PersonaResource;
  /** `data.attributes.payload.included`, [] when the webhook does not include related resources. */
  included: PersonaResource[];
  /** `data.attributes.context`, camelCased: what some events add about themselves (a relation's other side). */
  context?: JsonObject;
  [key: string]: JsonValue | PersonaResource | PersonaResource[] | undefined;
}

/**
 * `data` of an AiPrise event: the callback body with keys camelCased, e.g. `userProfileId`,
 * `userProfileEventType` (or `eventType` for session callbacks), `previousTags`, `currentTags`,
 * `changes.added`, `amlHit.entityHitId`, `resolution.resolvedBy`. Epoch-millisecond times are
 * kept as numbers.
 */
export type AiPriseEventData = JsonObject;
