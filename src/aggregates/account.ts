/**
 * Account: a Persona account (the person or business), folded from `account.*` events and the
 * transaction and report events intake routed to its stream. Stream `account-<act_id>`.
 */
import { dict, type Dict } from '../events/dict.js';
import type {
  AccountEvent,
  AccountFacts,
  OtherPersonaEvent,
  PersonaDomainEvent,
  ResourceFacts,
  TransactionEvent,
} from '../events/domain/persona.js';
import { streamIdFor } from '../events/streams.js';
import type { JsonValue } from '../events/types.js';
import { type BaseState, personaAggregate } from './aggregate.js';
import { IDENTITY_PII_PATHS, type PersonIdentity, takeIdentity } from './identity.js';
import { reportEvent, type ReportSummary } from './reports.js';
import { take, takeFields, takeTags } from './resource-state.js';
import { statusKey } from './status.js';

/** A link between this account and another account or a transaction (`account.added-relation`). */
export interface Relation {
  type: string;
  id: string;
  /** The customer-defined relation schema key, when the event's context names it. */
  key: string | null;
}

/** A transaction related to the account, as its latest event showed it. */
export interface TransactionSummary {
  /** Comparable key; customer-defined, so `statusLabel` keeps the spelling as sent. */
  status: string | null;
  statusLabel: string | null;
  transactionTypeId: string | null;
}

export interface AccountState extends BaseState, PersonIdentity {
  kind: 'account';
  /** Comparable key (`statusKey`); customer-defined, so `statusLabel` keeps the spelling as sent. */
  status: string | null;
  statusLabel: string | null;
  /** Persona nulls it when the account is redacted, and so does this fold. */
  referenceId: string | null;
  accountType: string | null;
  accountTypeId: string | null;
  /** Field name -> plain value (Persona's `{type, value}` unwrapped). */
  fields: Dict<JsonValue>;
  archived: boolean;
  /** The account this one was combined into (`account.consolidated`). */
  consolidatedInto: string | null;
  /** Accounts combined into this one (`account.consolidated-with`), in fold order. */
  consolidatedFrom: string[];
  /** Relations added by `account.added-relation` and not removed since. */
  relations: Relation[];
  /** Reports run against the account (not through an inquiry), by id. */
  reports: Dict<ReportSummary>;
  /** Transactions whose events name this account, by id. */
  transactions: Dict<TransactionSummary>;
  redactedAt: string | null;
}

export const accountStream = (id: string): string => streamIdFor('account', id);

function self(state: AccountState, resource: ResourceFacts): AccountFacts | undefined {
  return resource.kind === 'account' && resource.id === state.id ? resource : undefined;
}

function takeAccount(state: AccountState, facts: AccountFacts): void {
  if (facts.status !== undefined) {
    state.statusLabel = facts.status;
    state.status = facts.status === null ? null : statusKey(facts.status);
  }
  take(state, 'referenceId', facts.referenceId);
  take(state, 'accountType', facts.accountType);
  take(state, 'accountTypeId', facts.accountTypeId);
  take(state, 'redactedAt', facts.redactedAt);
  takeFields(state.fields, facts.fields);
  takeTags(state, facts.tags);
  takeIdentity(state, facts.identity);
  if (facts.redactedAt) state.redacted = true;
}

function sameRelation(a: Relation, b: Relation): boolean {
  return a.type === b.type && a.id === b.id && a.key === b.key;
}

/** The relation an event is about: its context names the other side; older payloads are the related object itself. */
function relationOf(event: AccountEvent, self: AccountFacts | undefined): Relation | undefined {
  const key = event.context.relationKey ?? null;
  if (event.context.related) return { ...event.context.related, key };
  if (self) return undefined;
  return { type: event.resource.type, id: event.resource.id, key };
}

/**
 * The other account of a consolidation: named in the account's relationships, else the payload's
 * resource when that is the other account, else an included account.
 */
function otherAccount(
  state: AccountState,
  event: AccountEvent,
  facts: AccountFacts | undefined,
): string | undefined {
  if (facts?.otherAccountIds[0]) return facts.otherAccountIds[0];
  if (!facts && event.resource.kind === 'account') return event.resource.id;
  return event.included.find((r) => r.kind === 'account' && r.id !== state.id)?.id;
}

function accountEvent(state: AccountState, event: AccountEvent): void {
  const facts = self(state, event.resource);
  if (facts) takeAccount(state, facts);
  const other = event.resource;
  switch (event.action) {
    case 'archived':
      state.archived = true;
      break;
    case 'restored':
      state.archived = false;
      break;
    case 'tag-added':
    case 'tag-removed': {
      // Some payloads are the tag itself rather than the account with its tags.
      const tag = other.kind === 'other' ? other.name : undefined;
      if (tag && event.action === 'tag-added' && !state.tags.includes(tag)) state.tags.push(tag);
      if (tag && event.action === 'tag-removed') state.tags = state.tags.filter((t) => t !== tag);
      break;
    }
    case 'consolidated': {
      // A consolidated (source) account is archived and can no longer be used.
      state.archived = true;
      const into = otherAccount(state, event, facts);
      if (into) state.consolidatedInto = into;
      break;
    }
    case 'consolidated-with': {
      const from = otherAccount(state, event, facts);
      if (from && !state.consolidatedFrom.includes(from)) state.consolidatedFrom.push(from);
      break;
    }
    case 'added-relation':
    case 'removed-relation': {
      const relation = relationOf(event, facts);
      if (!relation) break;
      const at = state.relations.findIndex((r) => sameRelation(r, relation));
      if (event.action === 'added-relation' && at < 0) state.relations.push(relation);
      if (event.action === 'removed-relation' && at >= 0) state.relations.splice(at, 1);
      break;
    }
    case 'redacted':
      state.redacted = true;
      state.redactedAt ??= event.meta.occurredAt;
      break;
    case 'created':
    case 'status-updated':
    case 'updated-tags':
    case 'updated-fields':
      break;
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

/** A transaction routed to this account: its status and type, by transaction id. */
function transactionEvent(state: AccountState, event: TransactionEvent): void {
  const t = event.resource;
  if (t.kind !== 'transaction') return;
  const entry = (state.transactions[t.id] ??= { status: null, statusLabel: null, transactionTypeId: null });
  if (t.status !== undefined) {
    entry.statusLabel = t.status;
    entry.status = t.status === null ? null : statusKey(t.status);
  }
  if (t.transactionTypeId !== undefined) entry.transactionTypeId = t.transactionTypeId;
  switch (event.action) {
    // The relation is the account's too, and its own account.*-relation event records it.
    case 'created':
    case 'redacted':
    case 'status-updated':
    case 'labeled':
    case 'updated-fields':
    case 'added-relation':
    case 'removed-relation':
    case 'sentinel-session-processed':
      return;
    default: {
      const unhandled: never = event.action;
      return unhandled;
    }
  }
}

/** A name the catalog does not know: only a redaction signal on the account itself applies. */
function otherEvent(state: AccountState, event: OtherPersonaEvent): void {
  if (self(state, event.resource)?.redactedAt) state.redacted = true;
}

/** The event families this aggregate folds. */
const FAMILIES = ['account', 'transaction', 'report', 'other'] as const;
type AccountEvents = Extract<PersonaDomainEvent, { family: (typeof FAMILIES)[number] }>;

function evolve(state: AccountState, event: AccountEvents): void {
  switch (event.family) {
    case 'account':
      return accountEvent(state, event);
    case 'other':
      return otherEvent(state, event);
    case 'transaction':
      return transactionEvent(state, event);
    case 'report':
      return reportEvent(state.reports, event);
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const account = personaAggregate(FAMILIES, {
  kind: 'account',
  // One literal, initialBase's fields (and emptyIdentity's) written out: in V8 a literal that
  // spreads them and then adds its own fields takes a slow path, and Object.assign leaves a
  // dictionary-mode object; this runs once per stream folded.
  // test/aggregates/initial-state.test.ts keeps the written-out fields equal to those functions.
  initial: (id): AccountState => {
    return {
      id,
      kind: 'account',
      version: 0,
      tags: [],
      createdAt: null,
      updatedAt: null,
      redacted: false,
      anomalies: [],
      name: null,
      birthdate: null,
      address: null,
      email: null,
      phone: null,
      identificationNumbers: [],
      status: null,
      statusLabel: null,
      referenceId: null,
      accountType: null,
      accountTypeId: null,
      fields: dict(),
      archived: false,
      consolidatedInto: null,
      consolidatedFrom: [],
      relations: [],
      reports: dict(),
      transactions: dict(),
      redactedAt: null,
    };
  },
  evolve,
  piiPaths: [...IDENTITY_PII_PATHS, 'fields.*', 'referenceId'],
});
