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
import { isObject, textAt, textOf, valueAt } from '../read.js';

interface Part {
  flat: readonly string[];
  hash: { field: string; keys: readonly string[] };
}

const NAME_PARTS: readonly [keyof NameFacts, Part][] = [
  ['first', { flat: ['nameFirst'], hash: { field: 'name', keys: ['first'] } }],
  ['middle', { flat: ['nameMiddle'], hash: { field: 'name', keys: ['middle'] } }],
  ['last', { flat: ['nameLast'], hash: { field: 'name', keys: ['last'] } }],
];

const ADDRESS_PARTS: readonly [keyof AddressFacts, Part][] = (
  [
    ['street1', 'addressStreet1', 'street1'],
    ['street2', 'addressStreet2', 'street2'],
    ['city', 'addressCity', 'city'],
    ['subdivision', 'addressSubdivision', 'subdivision'],
    ['postalCode', 'addressPostalCode', 'postalCode'],
    ['countryCode', 'addressCountryCode', 'countryCode'],
  ] as const
).map(([part, flat, hash]) => [part, { flat: [flat], hash: { field: 'address', keys: [hash] } }]);

const BIRTHDATE = ['birthdate'];
const EMAIL = ['emailAddress'];
const PHONE = ['phoneNumber'];
const ID_NUMBER = ['identificationNumber'];
const ID_CLASS = ['identificationClass'];

/** A fact from fields first (flat names or inside a hash field), else from the attributes. */
function pick(
  fields: Dict<JsonValue> | undefined,
  attributes: JsonObject,
  flat: readonly string[],
  hash?: Part['hash'],
): string | null | undefined {
  if (fields) {
    const fromFlat = textAt(fields, flat);
    if (fromFlat !== undefined) return fromFlat;
    if (hash) {
      const container = valueAt(fields, hash.field);
      if (container === null) return null;
      if (isObject(container)) {
        const fromHash = textAt(container, hash.keys);
        if (fromHash !== undefined) return fromHash;
      }
    }
  }
  return textAt(attributes, flat);
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
  const one = pick(fields, attributes, ID_NUMBER);
  if (one === undefined) return undefined;
  if (one === null) return null;
  const identificationClass = pick(fields, attributes, ID_CLASS) ?? null;
  return [{ identificationClass, identificationNumber: one, issuingCountry: null }];
}

export function identityOf(attributes: JsonObject, fields: Dict<JsonValue> | undefined): IdentityFacts {
  const name: NameFacts = {};
  for (const [part, { flat, hash }] of NAME_PARTS) {
    const value = pick(fields, attributes, flat, hash);
    if (value !== undefined) name[part] = value;
  }
  const address: AddressFacts = {};
  for (const [part, { flat, hash }] of ADDRESS_PARTS) {
    const value = pick(fields, attributes, flat, hash);
    if (value !== undefined) address[part] = value;
  }
  const identity: IdentityFacts = { name, address };
  const birthdate = pick(fields, attributes, BIRTHDATE);
  if (birthdate !== undefined) identity.birthdate = birthdate;
  const email = pick(fields, attributes, EMAIL);
  if (email !== undefined) identity.email = email;
  const phone = pick(fields, attributes, PHONE);
  if (phone !== undefined) identity.phone = phone;
  const ids = identificationNumbers(fields, attributes);
  if (ids !== undefined) identity.identificationNumbers = ids;
  return identity;
}
