/**
 * The decision callback: what AiPrise sends to a session's `callback_url` when the session has its
 * final decision. Its body names no event type (no `user_profile_event_type`, `event_type` or
 * `business_profile_event_type`), only the session and `aiprise_summary` with the decision
 * (vendor-facts.md). profile-projector stores it under a type name of its own, routed like a
 * session event; the name is not AiPrise's, so the vendor catalog does not list it.
 */
import type { JsonObject, JsonValue } from '../types.js';

export const AIPRISE_DECISION_CALLBACK = 'DECISION_CALLBACK';

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A camelCased body with no event-type key, a session id and an `aipriseSummary` object. */
export function isDecisionCallback(body: JsonObject): boolean {
  return (
    body.userProfileEventType === undefined &&
    body.eventType === undefined &&
    body.businessProfileEventType === undefined &&
    typeof body.verificationSessionId === 'string' &&
    body.verificationSessionId.length > 0 &&
    isObject(body.aipriseSummary)
  );
}
