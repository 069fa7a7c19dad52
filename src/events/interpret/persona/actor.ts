/**
 * Who did it, in a Persona event. Persona names the person only on some resources and only for some
 * actions, so the actor is taken where the event is that action: the assigner of `*.assigned`, the
 * resolver of `*.resolved`, the creator of `*.created`; otherwise the vendor does not say and it is
 * null (a case's `assigner-id` stays on the resource after assignment and would wrongly name them for
 * later changes).
 */
import type { JsonObject } from '../../types.js';
import { nonEmptyText } from '../read.js';

export function personaActor(name: string, attributes: JsonObject): string | null {
  const action = name.slice(name.lastIndexOf('.') + 1);
  if (action === 'assigned') return nonEmptyText(attributes, 'assignerId') ?? null;
  if (action === 'resolved') return nonEmptyText(attributes, 'resolverId') ?? null;
  if (action === 'created') return nonEmptyText(attributes, 'creatorId', 'creator') ?? null;
  return null;
}
