/**
 * Builders for the account- and case-side Persona fixtures (account-*.ts, case-*.ts and
 * transaction-on-account.ts in the parent folder). No fixtures here: this module only assembles
 * bodies in the shapes Persona documents, with kebab-case keys (Persona's default inflection); the
 * harness re-inflects them to camel and snake. The inquiry-side builders are in inquiry.ts.
 */
import type { Body } from '../../fixture.js';

export type Json = Record<string, unknown>;

export interface Resource {
  type: string;
  id: string;
  attributes?: Json;
  relationships?: Json;
}

// ---------------------------------------------------------------------------------------------
// Ids and envelope

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * The `evt(label)` of one fixture file: a realistic `evt_…` id, stable per label (the same label is
 * the same event, a redelivery). `scope` (the file's name) keeps two files' labels apart.
 */
export function eventIds(scope: string): (label: string) => string {
  return (label) => {
    let h = 2166136261;
    for (const ch of `${scope}:${label}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    let id = 'evt_';
    for (let i = 0; i < 28; i++) {
      h = (Math.imul(h ^ (h >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
      id += ALPHABET.charAt(h % ALPHABET.length);
    }
    return id;
  };
}

/** The webhook body (docs/webhooks.md "Responding to Events"): the resource in `payload.data`. */
export function event(
  id: string,
  name: string,
  createdAt: string,
  data: Resource,
  extra: { included?: Resource[]; context?: Json } = {},
): Body {
  const payload: Json = { data };
  if (extra.included) payload['included'] = extra.included;
  const attributes: Json = { 'created-at': createdAt, name, payload };
  if (extra.context) attributes['context'] = extra.context;
  return { data: { type: 'event', id, attributes } };
}

// ---------------------------------------------------------------------------------------------
// Typed field values ({type, value})

export const str = (value: string | null): Json => ({ type: 'string', value });
export const num = (value: number | null): Json => ({ type: 'number', value });
export const choices = (value: string | null): Json => ({ type: 'choices', value });
export const date = (value: string | null): Json => ({ type: 'date', value });
export const hash = (value: Json | null): Json => ({ type: 'hash', value });
export const arr = (value: unknown[]): Json => ({ type: 'array', value });
export const file = (value: Json | null): Json => ({ type: 'file', value });

// ---------------------------------------------------------------------------------------------
// Accounts

export interface Person {
  first: string;
  middle: string | null;
  last: string;
  street1: string;
  street2: string | null;
  city: string;
  subdivision: string;
  postalCode: string;
  countryCode: string;
  birthdate: string;
  phone: string;
  email: string;
  /** Identification numbers; none given sends an empty `identification_numbers` array. */
  ids?: { cls: string; number: string; country: string }[];
}

/** Account identity fields as the 2025-12-08 account pages show them (field keys not inflected). */
export function identityFields(p: Person): Json {
  return {
    name: hash({ first: str(p.first), middle: str(p.middle), last: str(p.last) }),
    address: hash({
      street_1: str(p.street1),
      street_2: str(p.street2),
      subdivision: str(p.subdivision),
      city: str(p.city),
      postal_code: str(p.postalCode),
      country_code: str(p.countryCode),
    }),
    identification_numbers: arr(
      (p.ids ?? []).map((i) =>
        hash({
          identification_class: str(i.cls),
          identification_number: str(i.number),
          issuing_country: str(i.country),
        }),
      ),
    ),
    birthdate: date(p.birthdate),
    phone_number: str(p.phone),
    email_address: str(p.email),
    selfie_photo: file(null),
  };
}

/** An Account resource: `created-at` = `updated-at` = `at`, not redacted, then `attributes`. */
export function account(id: string, at: string, attributes: Json, relationships?: Json): Resource {
  const resource: Resource = {
    type: 'account',
    id,
    attributes: { 'created-at': at, 'updated-at': at, 'redacted-at': null, ...attributes },
  };
  if (relationships) resource.relationships = relationships;
  return resource;
}

// ---------------------------------------------------------------------------------------------
// Cases

export interface CaseRelationships {
  accounts?: string[];
  comments?: string[];
  template?: string;
  /** A queue id, `null` for `{"data": null}`, or 'empty' for the `{}` the search example shows. */
  queue?: string | null | 'empty';
  inquiries?: string[];
  reports?: { type: string; id: string }[];
  verifications?: { type: string; id: string }[];
  txns?: string[];
}

/**
 * The `kase(id, attributes, relationships)` of one fixture file: a Case resource as the Cases API
 * pages show it (docs/api-reference/cases/*.md), in the file's default case template and queue.
 */
export function caseBuilder(
  templateDefault: string,
  queueDefault: string,
): (id: string, attributes: Json, rel?: CaseRelationships) => Resource {
  return (id, attributes, rel = {}) => {
    const queue =
      rel.queue === undefined
        ? { data: { id: queueDefault, type: 'case-queue' } }
        : rel.queue === 'empty'
          ? {}
          : rel.queue === null
            ? { data: null }
            : { data: { id: rel.queue, type: 'case-queue' } };
    return {
      type: 'case',
      id,
      attributes: { tags: [], fields: {}, attachments: [], ...attributes },
      relationships: {
        accounts: { data: (rel.accounts ?? []).map((a) => ({ id: a, type: 'account' })) },
        'case-comments': { data: (rel.comments ?? []).map((c) => ({ id: c, type: 'case-comment' })) },
        'case-template': { data: { id: rel.template ?? templateDefault, type: 'case-template' } },
        'case-queue': queue,
        inquiries: { data: (rel.inquiries ?? []).map((i) => ({ id: i, type: 'inquiry' })) },
        reports: { data: rel.reports ?? [] },
        verifications: { data: rel.verifications ?? [] },
        txns: { data: (rel.txns ?? []).map((t) => ({ id: t, type: 'transaction' })) },
      },
    };
  };
}
