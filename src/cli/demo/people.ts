/** Invented people for the demo feed: plausible PII that belongs to nobody. */
import type { Random } from './random.js';

const FIRST = [
  'Alex',
  'Sam',
  'Maria',
  'Jonas',
  'Aisha',
  'Chen',
  'Lucia',
  'Tomas',
  'Priya',
  'Noah',
  'Elena',
  'Omar',
  'Hana',
  'Leo',
  'Zara',
  'Ivan',
];
const LAST = [
  'Sample',
  'Novak',
  'Okafor',
  'Lindqvist',
  'Rossi',
  'Tanaka',
  'Moreau',
  'Silva',
  'Kowalski',
  'Haddad',
  'Berg',
  'Nakamura',
  'Duarte',
  'Fischer',
];
const STREETS = [
  'Harbour Road',
  'Elm Street',
  'Canal Way',
  'Station Lane',
  'Market Square',
  'Mill Road',
  'Park Avenue',
  'Quay Street',
];
const CITIES: readonly [city: string, country: string][] = [
  ['Lisbon', 'PT'],
  ['Berlin', 'DE'],
  ['Leeds', 'GB'],
  ['Lyon', 'FR'],
  ['Austin', 'US'],
  ['Gdansk', 'PL'],
  ['Osaka', 'JP'],
  ['Porto', 'PT'],
];

export interface Address {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface Person {
  /** The customer's own user id: Persona `reference-id`, AiPrise `client_reference_id`. */
  referenceId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  address: Address;
}

export function randomAddress(random: Random): Address {
  const [city, country] = random.pick(CITIES);
  return {
    street: `${random.int(1, 240)} ${random.pick(STREETS)}`,
    city,
    postalCode: String(random.int(10000, 99999)),
    country,
  };
}

export function randomPerson(random: Random, index: number): Person {
  const firstName = random.pick(FIRST);
  const lastName = random.pick(LAST);
  const year = random.int(1950, 2004);
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    referenceId: `cust_${String(index).padStart(5, '0')}`,
    firstName,
    lastName,
    dateOfBirth: `${year}-${month}-${day}`,
    email: `${firstName}.${lastName}.${index}@example.com`.toLowerCase(),
    phone: `+44 7700 ${String(random.int(100000, 999999))}`,
    address: randomAddress(random),
  };
}
