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
import { streamIdFor } from '../streams.js';
import type { JsonObject, JsonValue, NewEvent, Subject } from '../types.js';

export const AIPRISE_SCHEMA_VERSION = 1;

interface Route {
  type: string;
  streamId: string;
  subject: Subject;
  related: Subject[];
}

const str = (v: JsonValue | undefined): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;
const obj = (v: JsonValue | undefined): JsonObject | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

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
    return { type: businessType, streamId: streamIdFor(subject.kind, businessId), subject, related: [] };
  }
  return problem(
    'unknown_shape',
    [],
    'No user_profile_event_type, event_type or business_profile_event_type, and not a decision callback (verification_session_id with aiprise_summary): not an AiPrise callback',
  );
}

/**
 * The decision, wherever AiPrise put it: `aiprise_summary.verification_result` (the documented
 * field) or `aiprise_summary.decision` (shown on some pages). Exposed as `data.decision`.
 */
export function aiPriseDecision(body: JsonObject): string | undefined {
  const summary = obj(body.aipriseSummary);
  return str(summary?.verificationResult) ?? str(summary?.decision);
}

/** Times that say when the event happened (not `expires_at`, which is in the future). */
const OCCURRED_AT_KEYS = [
  'uploadedAt',
  'updatedAt',
  'deletedAt',
  'resolvedAt',
  'createdAt',
  'timestamp',
] as const;

function epochToIso(v: JsonValue | undefined): string | undefined {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15) return undefined;
  return new Date(v).toISOString();
}

export function aiPriseOccurredAt(body: JsonObject): string | undefined {
  for (const k of OCCURRED_AT_KEYS) {
    const iso = epochToIso(body[k]);
    if (iso) return iso;
  }
  return epochToIso(obj(body.resolution)?.resolvedAt);
}

/** Who did it: the author, uploader, resolver or updater AiPrise names, else null. */
export function aiPriseActor(body: JsonObject): string | null {
  return (
    str(body.authorId) ??
    str(body.uploadedBy) ??
    str(obj(body.resolution)?.resolvedBy) ??
    str(body.updatedBy) ??
    str(body.deletedBy) ??
    null
  );
}

export function parseAiPrise(
  body: unknown,
  rawBody: string | Uint8Array,
  raw: string,
  receivedAt: Date | undefined,
): ParseResult {
  const camel = camelizeKeys(body) as JsonObject;
  const problems: Problem[] = [];
  const base = aiPriseBaseSchema.safeParse(camel);
  if (!base.success) problems.push(...problemsFromZod(base.error, body, [], 'snake'));
  const routed = route(camel);
  if ('code' in routed) problems.push(routed);
  // Payload shapes are documented for profile (and session) events; business-profile events reuse
  // some names with other fields, so they get the base schema only.
  const type = str(camel.userProfileEventType) ?? str(camel.eventType);
  const payload = type === undefined ? undefined : aiPrisePayloadSchema(type)?.safeParse(camel);
  if (payload && !payload.success) problems.push(...problemsFromZod(payload.error, body, [], 'snake'));
  if (problems.length > 0 || 'code' in routed) return { ok: false, problems: dedupe(problems) };

  // Data is the camelCased body itself: one copy, plus the normalised decision when there is one.
  const decision = aiPriseDecision(camel);
  if (decision !== undefined) camel.decision = decision;
  const event: NewEvent = {
    eventId: str(camel.callbackEventId) ?? contentEventId(rawBody),
    type: routed.type,
    source: 'aiprise',
    subject: routed.subject,
    streamId: routed.streamId,
    occurredAt: aiPriseOccurredAt(camel) ?? (receivedAt ?? new Date()).toISOString(),
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
