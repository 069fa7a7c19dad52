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
import { isObject, text, textOf, valueAt } from '../read.js';

const NAME_PARTS: Record<keyof NameFacts, { flat: string; hash: string }> = {
  first: { flat: 'nameFirst', hash: 'first' },
  middle: { flat: 'nameMiddle', hash: 'middle' },
  last: { flat: 'nameLast', hash: 'last' },
};

const ADDRESS_PARTS: Record<keyof AddressFacts, { flat: string[]; hash: string[] }> = {
  street1: { flat: ['addressStreet1'], hash: ['street1'] },
  street2: { flat: ['addressStreet2'], hash: ['street2'] },
  city: { flat: ['addressCity'], hash: ['city'] },
  subdivision: { flat: ['addressSubdivision'], hash: ['subdivision'] },
  postalCode: { flat: ['addressPostalCode'], hash: ['postalCode'] },
  countryCode: { flat: ['addressCountryCode'], hash: ['countryCode'] },
};

/** A fact from fields first (flat names or inside a hash field), else from the attributes. */
function pick(
  fields: Dict<JsonValue> | undefined,
  attributes: JsonObject,
  flat: readonly string[],
  hash?: { field: string; keys: readonly string[] },
): string | null | undefined {
  if (fields) {
    const fromFlat = text(fields, ...flat);
    if (fromFlat !== undefined) return fromFlat;
    if (hash) {
      const container = valueAt(fields, hash.field);
      if (container === null) return null;
      if (isObject(container)) {
        const fromHash = text(container, ...hash.keys);
        if (fromHash !== undefined) return fromHash;
      }
    }
  }
  return text(attributes, ...flat);
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
  const one = pick(fields, attributes, ['identificationNumber']);
  if (one === undefined) return undefined;
  if (one === null) return null;
  const identificationClass = pick(fields, attributes, ['identificationClass']) ?? null;
  return [{ identificationClass, identificationNumber: one, issuingCountry: null }];
}

export function identityOf(attributes: JsonObject, fields: Dict<JsonValue> | undefined): IdentityFacts {
  const name: NameFacts = {};
  for (const part of Object.keys(NAME_PARTS) as (keyof NameFacts)[]) {
    const { flat, hash } = NAME_PARTS[part];
    const value = pick(fields, attributes, [flat], { field: 'name', keys: [hash] });
    if (value !== undefined) name[part] = value;
  }
  const address: AddressFacts = {};
  for (const part of Object.keys(ADDRESS_PARTS) as (keyof AddressFacts)[]) {
    const { flat, hash } = ADDRESS_PARTS[part];
    const value = pick(fields, attributes, flat, { field: 'address', keys: hash });
    if (value !== undefined) address[part] = value;
  }
  const identity: IdentityFacts = { name, address };
  const birthdate = pick(fields, attributes, ['birthdate']);
  if (birthdate !== undefined) identity.birthdate = birthdate;
  const email = pick(fields, attributes, ['emailAddress']);
  if (email !== undefined) identity.email = email;
  const phone = pick(fields, attributes, ['phoneNumber']);
  if (phone !== undefined) identity.phone = phone;
  const ids = identificationNumbers(fields, attributes);
  if (ids !== undefined) identity.identificationNumbers = ids;
  return identity;
}
