/** A stored Persona event -> its typed domain event. */
import { catalogEntry } from '../../catalog/index.js';
import type { EventMeta } from '../../domain/meta.js';
import type { EventContext, PersonaDomainEvent, PersonaFamily, ResourceFacts } from '../../domain/persona.js';
import type { PersonaResource } from '../../normalised.js';
import type { RecordedEvent } from '../../types.js';
import { isObject, nonEmptyText, objectAt } from '../read.js';
import { resourceFacts } from './resources.js';

/** Families whose events an aggregate folds; every other family's events are `other`. */
const FOLDED: ReadonlySet<string> = new Set<PersonaFamily>([
  'account',
  'transaction',
  'inquiry',
  'verification',
  'report',
  'document',
  'selfie',
  'inquiry-session',
  'session',
  'case',
  'case-comment',
  'case-message',
]);

/** `report/watchlist.matched` -> [`report`, `matched`]; `inquiry.approved` -> [`inquiry`, `approved`]. */
function familyAndAction(name: string): [string, string] {
  const dot = name.lastIndexOf('.');
  const family = dot < 0 ? name : name.slice(0, dot);
  const action = dot < 0 ? '' : name.slice(dot + 1);
  const slash = family.indexOf('/');
  return [slash < 0 ? family : family.slice(0, slash), action];
}

function asResource(value: unknown): PersonaResource | undefined {
  if (!isObject(value) || typeof value.type !== 'string' || typeof value.id !== 'string') return undefined;
  return {
    type: value.type,
    id: value.id,
    attributes: isObject(value.attributes) ? value.attributes : {},
    relationships: isObject(value.relationships)
      ? (value.relationships as unknown as PersonaResource['relationships'])
      : {},
  };
}

/**
 * The event's context. Relation events name the other side as `related-account-id` or
 * `related-txn-id` (also seen as `target-account-id`), with the `relation-schema-key`.
 */
function contextOf(event: RecordedEvent): EventContext {
  const context = objectAt(event.data, 'context');
  if (!context) return {};
  const out: EventContext = {};
  const key = nonEmptyText(context, 'relationSchemaKey');
  if (key) out.relationKey = key;
  const txn = nonEmptyText(context, 'relatedTxnId', 'relatedTransactionId');
  const account = nonEmptyText(context, 'relatedAccountId', 'targetAccountId');
  if (txn) out.related = { type: 'transaction', id: txn };
  else if (account) out.related = { type: 'account', id: account };
  return out;
}

export function interpretPersona(event: RecordedEvent, meta: EventMeta): PersonaDomainEvent {
  const resource = asResource(event.data.resource);
  const facts: ResourceFacts = resource
    ? resourceFacts(resource)
    : { kind: 'other', type: event.subject.kind, id: event.subject.id };
  const included: ResourceFacts[] = [];
  if (Array.isArray(event.data.included)) {
    for (const item of event.data.included) {
      const r = asResource(item);
      if (r) included.push(resourceFacts(r));
    }
  }
  const [family, action] = familyAndAction(event.type);
  const known = catalogEntry('persona', event.type) !== undefined && FOLDED.has(family);
  // The family/action pair comes from a catalog name, so it is one of the typed unions.
  return {
    vendor: 'persona',
    meta,
    family: known ? family : 'other',
    action,
    resource: facts,
    included,
    context: contextOf(event),
  } as PersonaDomainEvent;
}
