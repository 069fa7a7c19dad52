/**
 * A person's identity on Persona accounts and inquiries, merged from what each event's payload
 * states (src/events/domain/persona.ts IdentityFacts): a part that was not sent keeps its value, a
 * part sent empty clears it. All of it is PII.
 */
import type {
  AddressFacts,
  IdentificationNumber,
  IdentityFacts,
  NameFacts,
} from '../events/domain/persona.js';

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

export interface PersonIdentity {
  name: PersonName | null;
  birthdate: string | null;
  address: PostalAddress | null;
  email: string | null;
  phone: string | null;
  identificationNumbers: IdentificationNumber[];
}

export const IDENTITY_PII_PATHS = [
  'name',
  'birthdate',
  'address',
  'email',
  'phone',
  'identificationNumbers',
] as const;

export function emptyIdentity(): PersonIdentity {
  return { name: null, birthdate: null, address: null, email: null, phone: null, identificationNumbers: [] };
}

const EMPTY_NAME: PersonName = { first: null, middle: null, last: null };
const EMPTY_ADDRESS: PostalAddress = {
  street1: null,
  street2: null,
  city: null,
  subdivision: null,
  postalCode: null,
  countryCode: null,
};

/** `current` with the sent parts applied; null when every part ends up empty; undefined when none was sent. */
function merge<T extends object>(current: T | null, empty: T, sent: Partial<T>): T | null | undefined {
  const keys = Object.keys(sent) as (keyof T)[];
  if (keys.length === 0) return undefined;
  const next = current === null ? { ...empty } : { ...empty, ...current };
  for (let i = 0; i < keys.length; i++) next[keys[i]!] = sent[keys[i]!] as T[keyof T];
  // No closure per call (Object.values(next).every(…)); a plain object has no enumerable inherited keys.
  for (const key in next) if (next[key] !== null) return next;
  return null;
}

export function takeIdentity(state: PersonIdentity, identity: IdentityFacts): void {
  const name = merge<PersonName>(state.name, EMPTY_NAME, identity.name as NameFacts);
  if (name !== undefined) state.name = name;
  const address = merge<PostalAddress>(state.address, EMPTY_ADDRESS, identity.address as AddressFacts);
  if (address !== undefined) state.address = address;
  if (identity.birthdate !== undefined) state.birthdate = identity.birthdate;
  if (identity.email !== undefined) state.email = identity.email;
  if (identity.phone !== undefined) state.phone = identity.phone;
  if (identity.identificationNumbers !== undefined)
    state.identificationNumbers = identity.identificationNumbers ?? [];
}
