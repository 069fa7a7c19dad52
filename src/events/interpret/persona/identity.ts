/**
 * Where a person's identity lives in a Persona resource. Current API versions carry it in typed
 * `fields`: inquiries as flat fields (`name-first`, `address-street-1`, `email-address`, …),
 * accounts as hashes (`name` with first/middle/last, `address` with street_1, …, country_code) plus
 * `birthdate`, `phone_number`, `email_address` and an `identification_numbers` array. Older versions
 * send the same facts as top-level attributes, now deprecated. Field names follow the template, so
 * their spelling (kebab or snake) varies independently of the webhook's key inflection; keys are
 * camelCased by normalisation, so both spellings read the same here. A field wins over the
 * deprecated attribute when both are sent.
 */
import type { Dict } from '../../dict.js';
import type { AddressFacts, IdentificationNumber, IdentityFacts, NameFacts } from '../../domain/persona.js';
import type { JsonObject, JsonValue } from '../../types.js';
import { isObject, textOf, valueAt } from '../read.js';

/** One part of a name or an address: its flat field (and deprecated attribute) and its key in the hash field. */
interface Part<K> {
  part: K;
  flat: string;
  key: string;
}

const NAME_PARTS: readonly Part<keyof NameFacts>[] = [
  { part: 'first', flat: 'nameFirst', key: 'first' },
  { part: 'middle', flat: 'nameMiddle', key: 'middle' },
  { part: 'last', flat: 'nameLast', key: 'last' },
];

const ADDRESS_PARTS: readonly Part<keyof AddressFacts>[] = [
  { part: 'street1', flat: 'addressStreet1', key: 'street1' },
  { part: 'street2', flat: 'addressStreet2', key: 'street2' },
  { part: 'city', flat: 'addressCity', key: 'city' },
  { part: 'subdivision', flat: 'addressSubdivision', key: 'subdivision' },
  { part: 'postalCode', flat: 'addressPostalCode', key: 'postalCode' },
  { part: 'countryCode', flat: 'addressCountryCode', key: 'countryCode' },
];

/** A hash field (`name`, `address`): the object, null when sent null, else undefined. */
function hashField(fields: Dict<JsonValue> | undefined, field: string): JsonObject | null | undefined {
  const container = fields ? valueAt(fields, field) : undefined;
  if (container === null) return null;
  return isObject(container) ? container : undefined;
}

/**
 * A fact from fields first (its flat name, else its key inside the hash field, which when sent null
 * says the fact is empty), else from the attributes. The hash field is looked up once per identity.
 */
function pick(
  fields: Dict<JsonValue> | undefined,
  attributes: JsonObject,
  flat: string,
  hash?: JsonObject | null,
  key?: string,
): string | null | undefined {
  if (fields) {
    const fromFlat = textOf(valueAt(fields, flat));
    if (fromFlat !== undefined) return fromFlat;
    if (hash === null) return null;
    if (hash !== undefined) {
      const fromHash = textOf(valueAt(hash, key!));
      if (fromHash !== undefined) return fromHash;
    }
  }
  return textOf(valueAt(attributes, flat));
}

function parts<K extends string>(
  parts: readonly Part<K>[],
  fields: Dict<JsonValue> | undefined,
  attributes: JsonObject,
  hash: JsonObject | null | undefined,
): Partial<Record<K, string | null>> {
  const out: Partial<Record<K, string | null>> = {};
  for (let i = 0; i < parts.length; i++) {
    const { part, flat, key } = parts[i]!;
    const value = pick(fields, attributes, flat, hash, key);
    if (value !== undefined) out[part] = value;
  }
  return out;
}

function identificationNumbers(
  fields: Dict<JsonValue> | undefined,
  attributes: JsonObject,
): IdentificationNumber[] | null | undefined {
  const list = fields ? valueAt(fields, 'identificationNumbers') : undefined;
  if (list === null) return null;
  if (Array.isArray(list)) {
    return list.filter(isObject).map((entry) => ({
      identificationClass: textOf(entry.identificationClass) ?? null,
      identificationNumber: textOf(entry.identificationNumber) ?? null,
      issuingCountry: textOf(entry.issuingCountry) ?? null,
    }));
  }
  // Inquiries carry one number as a flat field (or the deprecated attribute).
  const one = pick(fields, attributes, 'identificationNumber');
  if (one === undefined) return undefined;
  if (one === null) return null;
  const identificationClass = pick(fields, attributes, 'identificationClass') ?? null;
  return [{ identificationClass, identificationNumber: one, issuingCountry: null }];
}

export function identityOf(attributes: JsonObject, fields: Dict<JsonValue> | undefined): IdentityFacts {
  const name: NameFacts = parts(NAME_PARTS, fields, attributes, hashField(fields, 'name'));
  const address: AddressFacts = parts(ADDRESS_PARTS, fields, attributes, hashField(fields, 'address'));
  const identity: IdentityFacts = { name, address };
  const birthdate = pick(fields, attributes, 'birthdate');
  if (birthdate !== undefined) identity.birthdate = birthdate;
  const email = pick(fields, attributes, 'emailAddress');
  if (email !== undefined) identity.email = email;
  const phone = pick(fields, attributes, 'phoneNumber');
  if (phone !== undefined) identity.phone = phone;
  const ids = identificationNumbers(fields, attributes);
  if (ids !== undefined) identity.identificationNumbers = ids;
  return identity;
}
