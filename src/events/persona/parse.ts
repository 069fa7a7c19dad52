/** Persona webhook body (already JSON-parsed and depth-checked) -> NewEvent. */
import { catalogEntry } from '../catalog/index.js';
import { contentEventId } from '../event-id.js';
import { camelizeKeys, type Inflection } from '../inflection.js';
import type { PersonaEventData, PersonaResource } from '../normalised.js';
import type { ParseResult, Problem } from '../parse-result.js';
import { problemsFromZod } from '../problems.js';
import { personaAttributesSchema, personaEnvelopeSchema } from '../schemas/persona.js';
import type { JsonObject, NewEvent } from '../types.js';
import { normaliseResource } from './resource.js';
import { personaActor } from '../interpret/persona/actor.js';
import { routePersona } from './routing.js';

export const PERSONA_SCHEMA_VERSION = 1;

const RESOURCE_PATH = ['data', 'attributes', 'payload', 'data'] as const;

function obj(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The inflection the webhook uses, judged from the envelope keys; names missing keys in problems. */
function detectInflection(body: unknown): Inflection {
  const eventAttributes = obj(obj(obj(body)?.data)?.attributes);
  const resource = obj(
    obj(Object.values(eventAttributes ?? {}).find((v) => obj(v)?.data !== undefined))?.data,
  );
  for (const node of [eventAttributes, obj(resource?.attributes), obj(resource?.relationships)]) {
    for (const key of Object.keys(node ?? {})) {
      if (key.includes('-')) return 'kebab';
      if (key.includes('_')) return 'snake';
      if (/[A-Z]/.test(key)) return 'camel';
    }
  }
  return 'kebab';
}

export function parsePersona(body: unknown, rawBody: string | Uint8Array, raw: string): ParseResult {
  const camel = camelizeKeys(body) as JsonObject;
  const problems: Problem[] = [];
  const envelope = personaEnvelopeSchema.safeParse(camel);
  const inflection = envelope.success ? 'kebab' : detectInflection(body);
  if (!envelope.success) problems.push(...problemsFromZod(envelope.error, body, [], inflection));

  const resourceObj = obj(obj(obj(obj(camel.data)?.attributes)?.payload)?.data);
  const resourceType = resourceObj?.type;
  const attributes = obj(resourceObj?.attributes);
  if (typeof resourceType === 'string' && attributes) {
    const schema = personaAttributesSchema(resourceType);
    const checked = schema?.safeParse(attributes);
    if (checked && !checked.success) {
      problems.push(
        ...problemsFromZod(checked.error, body, [...RESOURCE_PATH, 'attributes'], detectInflection(body)),
      );
    }
  }
  if (problems.length > 0 || !resourceObj) return { ok: false, problems };

  // The schemas passed, so these reads are safe; the camelCased copy is the data (zod's output
  // would be a second deep copy).
  const event = camel.data as JsonObject;
  const eventAttributes = event.attributes as JsonObject;
  const payload = eventAttributes.payload as JsonObject;
  const name = eventAttributes.name as string;
  const resource = normaliseResource(resourceObj);
  const included: PersonaResource[] = Array.isArray(payload.included)
    ? payload.included.map((r) => normaliseResource(r as JsonObject))
    : [];
  const data: PersonaEventData = { resource, included };
  const context = obj(eventAttributes.context);
  if (context) data.context = context;
  const route = routePersona(resource);

  const newEvent: NewEvent = {
    eventId: typeof event.id === 'string' ? event.id : contentEventId(rawBody),
    type: name,
    source: 'persona',
    subject: route.subject,
    streamId: route.streamId,
    category: route.category,
    occurredAt: new Date(eventAttributes.createdAt as string).toISOString(),
    actor: personaActor(name, resource.attributes),
    schemaVersion: PERSONA_SCHEMA_VERSION,
    data: data as unknown as JsonObject,
    raw,
    related: route.related,
    unknown: catalogEntry('persona', name) === undefined,
  };
  return { ok: true, event: newEvent };
}
