/**
 * AiPrise callback body (already JSON-parsed and depth-checked) -> NewEvent.
 * User-profile events go to `user-profile-<user_profile_id>`; session callbacks (`event_type`) to
 * the profile when they name one, else `aiprise-session-<verification_session_id>`; business-profile
 * callbacks to `aiprise-business-profile-<business_profile_id>`. The decision callback, which names
 * no event type, is routed as a session event of type DECISION_CALLBACK (decision-callback.ts).
 */
import { catalogEntry } from '../catalog/index.js';
import { AIPRISE_BUSINESS_PROFILE_CATEGORY, AIPRISE_SESSION_CATEGORY } from '../catalog/families.js';
import { contentEventId } from '../event-id.js';
import { AIPRISE_DECISION_CALLBACK, isDecisionCallback } from './decision-callback.js';
import { camelizeKeys } from '../inflection.js';
import type { ParseResult, Problem } from '../parse-result.js';
import { problem, problemsFromZod } from '../problems.js';
import { aiPriseBaseSchema, aiPrisePayloadSchema } from '../schemas/aiprise.js';
import { aiPriseActor } from '../interpret/aiprise/actor.js';
import { streamIdFor } from '../streams.js';
import type { JsonObject, JsonValue, NewEvent, Subject } from '../types.js';

/**
 * 2: `occurredAt` is the receipt time (AiPrise documents no event time; `created_at` is the
 * session's creation); `client_reference_data` is kept as sent.
 */
export const AIPRISE_SCHEMA_VERSION = 2;

/** The customer's own JSON: stored with its keys as sent. */
const VERBATIM: ReadonlySet<string> = new Set(['clientReferenceData']);

interface Route {
  type: string;
  category: string;
  streamId: string;
  subject: Subject;
  related: Subject[];
}

const str = (v: JsonValue | undefined): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

function route(body: JsonObject): Route | Problem {
  const profileId = str(body.userProfileId);
  const sessionId = str(body.verificationSessionId);
  const profile = profileId ? { kind: 'user-profile', id: profileId } : undefined;

  const profileType = str(body.userProfileEventType);
  if (profileType) {
    if (!profile)
      return problem('missing_field', ['user_profile_id'], 'User-profile events need user_profile_id');
    return {
      type: profileType,
      category: 'user-profile',
      streamId: streamIdFor('user-profile', profile.id),
      subject: profile,
      related: [],
    };
  }
  const sessionType =
    str(body.eventType) ?? (isDecisionCallback(body) ? AIPRISE_DECISION_CALLBACK : undefined);
  if (sessionType) {
    const session = sessionId ? { kind: AIPRISE_SESSION_CATEGORY, id: sessionId } : undefined;
    if (profile) {
      return {
        type: sessionType,
        category: 'user-profile',
        streamId: streamIdFor('user-profile', profile.id),
        subject: session ?? profile,
        related: session ? [profile] : [],
      };
    }
    if (!session) {
      return problem(
        'missing_field',
        ['verification_session_id'],
        'Session events need user_profile_id or verification_session_id',
      );
    }
    return {
      type: sessionType,
      category: session.kind,
      streamId: streamIdFor(session.kind, session.id),
      subject: session,
      related: [],
    };
  }
  const businessType = str(body.businessProfileEventType);
  if (businessType) {
    const businessId = str(body.businessProfileId);
    if (!businessId)
      return problem(
        'missing_field',
        ['business_profile_id'],
        'Business-profile events need business_profile_id',
      );
    const subject = { kind: AIPRISE_BUSINESS_PROFILE_CATEGORY, id: businessId };
    return {
      type: businessType,
      category: subject.kind,
      streamId: streamIdFor(subject.kind, businessId),
      subject,
      related: [],
    };
  }
  return problem(
    'unknown_shape',
    [],
    'No user_profile_event_type, event_type or business_profile_event_type, and not a decision callback (verification_session_id with aiprise_summary): not an AiPrise callback',
  );
}

export function parseAiPrise(
  body: unknown,
  rawBody: string | Uint8Array,
  raw: string,
  receivedAt: Date | undefined,
): ParseResult {
  const camel = camelizeKeys(body, VERBATIM) as JsonObject;
  const problems: Problem[] = [];
  const base = aiPriseBaseSchema.safeParse(camel);
  if (!base.success) problems.push(...problemsFromZod(base.error, body, [], 'snake'));
  const routed = route(camel);
  if ('code' in routed) problems.push(routed);
  // The payload schemas are those of profile events. Session-channel events reuse some names with
  // other shapes (AML_MONITORING_UPDATE nests its lists under `data`), and so do business-profile
  // events: both get the base schema only.
  const type = str(camel.userProfileEventType);
  const payload = type === undefined ? undefined : aiPrisePayloadSchema(type)?.safeParse(camel);
  if (payload && !payload.success) problems.push(...problemsFromZod(payload.error, body, [], 'snake'));
  if (problems.length > 0 || 'code' in routed) return { ok: false, problems: dedupe(problems) };

  // Data is the camelCased body itself: one copy. What it means is read at fold time (src/events/interpret).
  const event: NewEvent = {
    eventId: str(camel.callbackEventId) ?? contentEventId(rawBody),
    type: routed.type,
    source: 'aiprise',
    subject: routed.subject,
    streamId: routed.streamId,
    category: routed.category,
    occurredAt: (receivedAt ?? new Date()).toISOString(),
    actor: aiPriseActor(camel),
    schemaVersion: AIPRISE_SCHEMA_VERSION,
    data: camel,
    raw,
    related: routed.related,
    unknown: routed.type !== AIPRISE_DECISION_CALLBACK && catalogEntry('aiprise', routed.type) === undefined,
  };
  return { ok: true, event };
}

/** The base and payload schemas overlap on a few keys; report each path and message once. */
function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join('\u0000')}\u0001${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
