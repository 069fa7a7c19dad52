/**
 * Readers for Persona event data (`data.resource`, `data.included`), shared by the Persona
 * aggregates. Persona payloads carry the resource as it was when the event happened, so
 * evolve takes sent attributes as the truth at that time; a missing attribute means "not
 * sent" (blocklists strip PII), never "cleared".
 */
import type { JsonObject, JsonValue, RecordedEvent } from '../events/types.js';
import type { PersonaResource, ResourceRef } from '../events/normalised.js';
import { frozenJson, has, isObject, jsonEqual, pickString, put, stringArray, stringOrNull } from './json.js';
import { setTags } from './tags.js';

export interface PersonaView {
  resource: PersonaResource;
  included: PersonaResource[];
}

function asResource(value: unknown): PersonaResource | undefined {
  if (!isObject(value) || typeof value.type !== 'string') return undefined;
  const id = stringOrNull(value.id);
  if (!id) return undefined;
  return {
    type: value.type,
    id,
    attributes: isObject(value.attributes) ? value.attributes : {},
    relationships: isObject(value.relationships)
      ? (value.relationships as unknown as PersonaResource['relationships'])
      : {},
  };
}

/** The event's resource and included resources, or undefined when the data is not Persona-shaped. */
export function personaView(event: RecordedEvent): PersonaView | undefined {
  const resource = asResource(event.data.resource);
  if (!resource) return undefined;
  const included = Array.isArray(event.data.included)
    ? event.data.included.map(asResource).filter((r): r is PersonaResource => r !== undefined)
    : [];
  return { resource, included };
}

/** `inquiry.completed` -> `inquiry`; `report/watchlist.matched` -> `report/watchlist`. */
export function eventFamily(type: string): string {
  const dot = type.lastIndexOf('.');
  return dot < 0 ? type : type.slice(0, dot);
}

/** `inquiry.marked-for-review` -> `marked-for-review`. */
export function eventAction(type: string): string {
  const dot = type.lastIndexOf('.');
  return dot < 0 ? '' : type.slice(dot + 1);
}

/** `verification/government-id` -> `government-id`; `selfie` -> `selfie`. */
export function resourceSubtype(type: string): string {
  const slash = type.indexOf('/');
  return slash < 0 ? type : type.slice(slash + 1);
}

/** `verification/government-id` -> `verification`. */
export function resourceFamily(type: string): string {
  const slash = type.indexOf('/');
  return slash < 0 ? type : type.slice(0, slash);
}

function isRef(value: unknown): value is ResourceRef {
  return isObject(value) && typeof value.type === 'string' && typeof value.id === 'string';
}

/** Targets of a relationship: the normaliser leaves `{type,id}`, an array or null. */
export function refsOf(relationship: unknown): ResourceRef[] {
  if (Array.isArray(relationship)) return relationship.filter(isRef);
  if (isRef(relationship)) return [relationship];
  // Tolerate a JSON:API `{ data: ... }` wrapper if a normaliser ever keeps it.
  if (isObject(relationship) && 'data' in relationship) return refsOf(relationship.data);
  return [];
}

export function refOf(relationship: unknown): ResourceRef | undefined {
  return refsOf(relationship)[0];
}

/** True when the resource is the aggregate itself (not a verification, comment, … about it). */
export function isSelf(resource: PersonaResource, family: string, id: string): boolean {
  return resourceFamily(resource.type) === family && resource.id === id;
}

/** Redaction as Persona signals it: a `<family>.redacted` event or a non-null `redactedAt`. */
export function signalsRedaction(
  event: RecordedEvent,
  resource: PersonaResource | undefined,
  family: string,
): boolean {
  if (event.type === `${family}.redacted`) return true;
  return (
    resource !== undefined &&
    has(resource.attributes, 'redactedAt') &&
    resource.attributes.redactedAt !== null
  );
}

/** Persona typed field `{ type, value }` (nested in hashes and arrays) -> its plain value. */
export function fieldValue(field: JsonValue): JsonValue {
  if (Array.isArray(field)) return field.map(fieldValue);
  if (!isObject(field)) return field;
  if (typeof field.type === 'string' && 'value' in field) {
    const value = field.value as JsonValue;
    if (Array.isArray(value)) return value.map(fieldValue);
    if (isObject(value)) {
      const out: JsonObject = {};
      for (const [key, inner] of Object.entries(value)) out[key] = fieldValue(inner);
      return out;
    }
    return value;
  }
  return field;
}

/** Merges sent fields (by name) into `fields`; fields not sent keep their value. */
export function takeFields(fields: Record<string, JsonValue>, attributes: JsonObject): void {
  const sent = attributes.fields;
  if (!isObject(sent)) return;
  for (const [name, field] of Object.entries(sent)) {
    // Payloads repeat every field on every event: write (and freeze) only what changed.
    const value = fieldValue(field);
    if (!jsonEqual(fields[name], value)) fields[name] = frozenJson(value);
  }
}

export function takeTags(target: { tags: string[] }, attributes: JsonObject): void {
  const sent = stringArray(attributes.tags);
  if (sent) setTags(target, sent);
}

export interface PersonName {
  first: string | null;
  middle: string | null;
  last: string | null;
}

export interface PostalAddress {
  street1: string | null;
  street2: string | null;
  city: string | null;
  subdivision: string | null;
  postalCode: string | null;
  countryCode: string | null;
}

/** The identity attributes Persona accounts and inquiries share (all PII). */
export interface PersonIdentity {
  name: PersonName | null;
  birthdate: string | null;
  address: PostalAddress | null;
  email: string | null;
  phone: string | null;
}

export const IDENTITY_PII_PATHS = ['name', 'birthdate', 'address', 'email', 'phone'] as const;

function allNull(value: object): boolean {
  return Object.values(value).every((v) => v === null);
}

/** Merges the sent parts of a composite (name, address); null when every part ends up null. */
function mergeParts<T extends object>(
  current: T | null,
  attributes: JsonObject,
  keys: Record<keyof T & string, readonly string[]>,
): T | null | undefined {
  let next: Record<string, string | null> | undefined;
  for (const [part, sources] of Object.entries(keys) as [string, readonly string[]][]) {
    const value = pickString(attributes, ...sources);
    if (value === undefined) continue;
    next ??= {
      ...(Object.fromEntries(Object.keys(keys).map((k) => [k, null])) as Record<string, null>),
      ...(current ?? {}),
    };
    next[part] = value;
  }
  if (!next) return undefined;
  return allNull(next) ? null : (next as T);
}

const NAME_KEYS: Record<keyof PersonName, readonly string[]> = {
  first: ['nameFirst'],
  middle: ['nameMiddle'],
  last: ['nameLast'],
};

const ADDRESS_KEYS: Record<keyof PostalAddress, readonly string[]> = {
  street1: ['addressStreet1'],
  street2: ['addressStreet2'],
  city: ['addressCity'],
  subdivision: ['addressSubdivision'],
  postalCode: ['addressPostalCode'],
  countryCode: ['addressCountryCode', 'countryCode'],
};

export function takeIdentity(target: PersonIdentity, attributes: JsonObject): void {
  const name = mergeParts(target.name, attributes, NAME_KEYS);
  if (name !== undefined && !jsonEqual(target.name, name)) target.name = name && Object.freeze(name);
  const address = mergeParts(target.address, attributes, ADDRESS_KEYS);
  if (address !== undefined && !jsonEqual(target.address, address))
    target.address = address && Object.freeze(address);
  const birthdate = pickString(attributes, 'birthdate');
  if (birthdate !== undefined) put(target, 'birthdate', birthdate);
  const email = pickString(attributes, 'emailAddress');
  if (email !== undefined) put(target, 'email', email);
  const phone = pickString(attributes, 'phoneNumber');
  if (phone !== undefined) put(target, 'phone', phone);
}
