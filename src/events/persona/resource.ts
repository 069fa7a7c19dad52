/** Persona resources in their normalised shape: camelCased, relationships flattened to refs. */
import type { PersonaResource, ResourceRef } from '../normalised.js';
import type { JsonObject, JsonValue } from '../types.js';

function toRef(value: JsonValue | undefined): ResourceRef | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { type, id } = value;
  return typeof type === 'string' && typeof id === 'string' ? { type, id } : null;
}

/** Relationship `data`: object -> ref, array -> refs, null / `{}` / absent -> null. */
export function relationshipTarget(relationship: JsonValue | undefined): ResourceRef | ResourceRef[] | null {
  if (relationship === null || typeof relationship !== 'object' || Array.isArray(relationship)) return null;
  const data = relationship.data;
  if (Array.isArray(data)) {
    const refs: ResourceRef[] = [];
    for (const item of data) {
      const ref = toRef(item);
      if (ref) refs.push(ref);
    }
    return refs;
  }
  return toRef(data);
}

/** A schema-checked, camelCased resource object -> PersonaResource. */
export function normaliseResource(resource: JsonObject): PersonaResource {
  const attributes = resource.attributes;
  const rels = resource.relationships;
  const relationships: PersonaResource['relationships'] = {};
  if (rels !== null && typeof rels === 'object' && !Array.isArray(rels)) {
    for (const name of Object.keys(rels)) relationships[name] = relationshipTarget(rels[name]);
  }
  return {
    type: resource.type as string,
    id: resource.id as string,
    attributes:
      attributes !== null && typeof attributes === 'object' && !Array.isArray(attributes) ? attributes : {},
    relationships,
  };
}
