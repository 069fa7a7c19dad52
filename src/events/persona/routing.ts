/**
 * Where a Persona event goes. Aggregate resources (account, case, inquiry) go to their own
 * stream. Other resources go to the aggregate their relationships name, in the order the family
 * prefers (catalog/families.ts), else to `persona-<family>-<id>` so the timeline still has them.
 */
import {
  personaAggregateKind,
  personaCategory,
  personaFamily,
  personaRelatesTo,
} from '../catalog/families.js';
import type { PersonaResource, ResourceRef } from '../normalised.js';
import { streamIdFor } from '../streams.js';
import type { AggregateKind, Subject } from '../types.js';

export interface Route {
  category: string;
  streamId: string;
  subject: Subject;
  related: Subject[];
}

/** The one target of `kind` in the relationships, by its own name first (`inquiry`), else any. */
function relatedTarget(resource: PersonaResource, kind: AggregateKind): ResourceRef | undefined {
  const named = singleOfKind(resource.relationships[kind], kind);
  if (named) return named;
  for (const name of Object.keys(resource.relationships)) {
    const found = singleOfKind(resource.relationships[name], kind);
    if (found) return found;
  }
  return undefined;
}

/**
 * A relationship's target of `kind` when it names exactly one: a list may name several objects of
 * different types (a transaction's `related-objects`: an account and a verification).
 */
function singleOfKind(
  target: ResourceRef | ResourceRef[] | null | undefined,
  kind: AggregateKind,
): ResourceRef | undefined {
  if (!target) return undefined;
  if (!Array.isArray(target)) return target.type === kind ? target : undefined;
  let found: ResourceRef | undefined;
  for (const ref of target) {
    if (ref.type !== kind) continue;
    if (found && found.id !== ref.id) return undefined;
    found = ref;
  }
  return found;
}

/** Every aggregate the relationships name, except the subject itself, once each. */
function relatedAggregates(resource: PersonaResource, subject: Subject): Subject[] {
  const out: Subject[] = [];
  const seen = new Set<string>([`${subject.kind}\u0000${subject.id}`]);
  // Plain loops, no closure per call: this runs once per delivery.
  for (const name of Object.keys(resource.relationships)) {
    const target = resource.relationships[name];
    if (!target) continue;
    for (const ref of Array.isArray(target) ? target : [target]) {
      const kind = personaAggregateKind(ref.type);
      if (!kind) continue;
      const key = `${kind}\u0000${ref.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind, id: ref.id });
    }
  }
  return out;
}

export function routePersona(resource: PersonaResource): Route {
  const ownKind = personaAggregateKind(resource.type);
  if (ownKind) {
    const subject = { kind: ownKind, id: resource.id };
    return {
      category: ownKind,
      streamId: streamIdFor(ownKind, resource.id),
      subject,
      related: relatedAggregates(resource, subject),
    };
  }
  const family = personaFamily(resource.type);
  const subject = { kind: personaCategory(family), id: resource.id };
  const related = relatedAggregates(resource, subject);
  for (const kind of personaRelatesTo(family)) {
    const target = relatedTarget(resource, kind);
    if (target) return { category: kind, streamId: streamIdFor(kind, target.id), subject, related };
  }
  return { category: subject.kind, streamId: streamIdFor(subject.kind, resource.id), subject, related };
}
