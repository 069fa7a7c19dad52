/**
 * Account: a Persona account (the person or business), folded from `account.*` events.
 * Stream `account-<act_id>`.
 */
import type { Draft } from 'immer';
import { streamIdFor } from '../events/streams.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../events/types.js';
import type { PersonaResource, ResourceRef } from '../events/normalised.js';
import { type AggregateDefinition, type BaseState, initialBase } from './aggregate.js';
import { pickString, put } from './json.js';
import { append } from './lists.js';
import {
  IDENTITY_PII_PATHS,
  type PersonIdentity,
  eventAction,
  eventFamily,
  isSelf,
  personaView,
  refsOf,
  signalsRedaction,
  takeFields,
  takeIdentity,
  takeTags,
} from './persona.js';
import { statusKey } from './status.js';
import { setTags, withTag, withoutTag } from './tags.js';

export interface AccountState extends BaseState, PersonIdentity {
  kind: 'account';
  /** Comparable key (`statusKey`); customer-defined, so `statusLabel` keeps the spelling as sent. */
  status: string | null;
  statusLabel: string | null;
  /** Persona nulls it when the account is redacted, and so does this fold. */
  referenceId: string | null;
  accountType: string | null;
  /** Field name -> plain value (Persona's `{type, value}` unwrapped). */
  fields: Record<string, JsonValue>;
  archived: boolean;
  /** The account this one was combined into (`account.consolidated`). */
  consolidatedInto: string | null;
  /** Accounts combined into this one (`account.consolidated-with`), in fold order. */
  consolidatedFrom: string[];
  /** Related resources added by `account.added-relation` and not removed since. */
  relations: ResourceRef[];
  redactedAt: string | null;
}

export const accountStream = (id: string): string => streamIdFor('account', id);

const KNOWN = new Set([
  'created',
  'status-updated',
  'tag-added',
  'tag-removed',
  'updated-tags',
  'updated-fields',
  'archived',
  'restored',
  'consolidated',
  'consolidated-with',
  'added-relation',
  'removed-relation',
  'redacted',
]);

function takeAccountAttributes(draft: Draft<AccountState>, attributes: JsonObject): void {
  const status = pickString(attributes, 'status', 'accountStatus');
  if (status !== undefined) {
    put(draft, 'statusLabel', status);
    put(draft, 'status', status === null ? null : statusKey(status));
  }
  const referenceId = pickString(attributes, 'referenceId');
  if (referenceId !== undefined) put(draft, 'referenceId', referenceId);
  const accountType = pickString(attributes, 'accountTypeName');
  if (accountType !== undefined) put(draft, 'accountType', accountType);
  const redactedAt = pickString(attributes, 'redactedAt');
  if (redactedAt !== undefined) put(draft, 'redactedAt', redactedAt);
  takeFields(draft.fields, attributes);
  takeTags(draft, attributes);
  takeIdentity(draft, attributes);
}

/**
 * The other account in a consolidation. Persona's relationship name is not documented, so
 * prefer a relationship whose name mentions consolidation, then any other account referenced.
 */
function otherAccount(
  resource: PersonaResource,
  included: PersonaResource[],
  selfId: string,
): string | undefined {
  const entries = Object.entries(resource.relationships);
  const ranked = [
    ...entries.filter(([name]) => /consolidat|into|merge|survivor|target|source/i.test(name)),
    ...entries,
  ];
  for (const [, relationship] of ranked) {
    const other = refsOf(relationship).find((ref) => ref.type === 'account' && ref.id !== selfId);
    if (other) return other.id;
  }
  if (resource.type === 'account' && resource.id !== selfId) return resource.id;
  return included.find((r) => r.type === 'account' && r.id !== selfId)?.id;
}

function sameRef(a: ResourceRef, b: ResourceRef): boolean {
  return a.type === b.type && a.id === b.id;
}

function evolve(draft: Draft<AccountState>, event: RecordedEvent): void {
  if (eventFamily(event.type) !== 'account') return;
  const action = eventAction(event.type);
  if (!KNOWN.has(action)) return;
  const view = personaView(event);
  const resource = view?.resource;
  const self = resource !== undefined && isSelf(resource, 'account', draft.id);
  if (self) takeAccountAttributes(draft, resource.attributes);

  switch (action) {
    case 'archived':
      draft.archived = true;
      break;
    case 'restored':
      draft.archived = false;
      break;
    case 'tag-added':
    case 'tag-removed': {
      // Some payloads are the tag itself rather than the account with its tags.
      const name = !self && resource ? pickString(resource.attributes, 'name') : undefined;
      if (name)
        setTags(draft, action === 'tag-added' ? withTag(draft.tags, name) : withoutTag(draft.tags, name));
      break;
    }
    case 'consolidated': {
      const into = view && otherAccount(view.resource, view.included, draft.id);
      if (into) draft.consolidatedInto = into;
      break;
    }
    case 'consolidated-with': {
      const from = view && otherAccount(view.resource, view.included, draft.id);
      if (from && !draft.consolidatedFrom.includes(from)) append(draft, 'consolidatedFrom', from);
      break;
    }
    case 'added-relation':
    case 'removed-relation': {
      if (!resource || self) break;
      const ref = { type: resource.type, id: resource.id };
      const at = draft.relations.findIndex((r) => sameRef(r, ref));
      if (action === 'added-relation' && at < 0) append(draft, 'relations', Object.freeze(ref));
      if (action === 'removed-relation' && at >= 0) draft.relations.splice(at, 1);
      break;
    }
  }
  if (signalsRedaction(event, self ? resource : undefined, 'account')) draft.redacted = true;
}

export const account: AggregateDefinition<AccountState> = {
  kind: 'account',
  initial: (id) => ({
    ...initialBase(id, 'account'),
    status: null,
    statusLabel: null,
    referenceId: null,
    accountType: null,
    fields: {},
    archived: false,
    consolidatedInto: null,
    consolidatedFrom: [],
    relations: [],
    redactedAt: null,
    name: null,
    birthdate: null,
    address: null,
    email: null,
    phone: null,
  }),
  evolve,
  piiPaths: [...IDENTITY_PII_PATHS, 'fields.*', 'referenceId'],
};
