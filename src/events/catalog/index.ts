/**
 * The vendor event catalog: one lookup over the Persona and AiPrise tables. Names outside it are
 * normal (vendors add events at any time); parse flags them `unknown` and routes them by resource.
 */
import type { AggregateKind, Source } from '../types.js';
import {
  AIPRISE_SESSION_EVENTS,
  AIPRISE_USER_PROFILE_EVENTS,
  type AiPriseEventGroup,
} from './aiprise-events.js';
import {
  AIPRISE_BUSINESS_PROFILE_CATEGORY,
  AIPRISE_SESSION_CATEGORY,
  personaAggregateKind,
  personaCategory,
  personaFamily,
} from './families.js';
import { PERSONA_EVENTS } from './persona-events.js';

export interface CatalogEntry {
  /** Event name as the vendor sends it: `report/watchlist.matched`, `TAGS_UPDATED`. */
  name: string;
  vendor: Source;
  /** Persona: the name before its last `.` (`report/watchlist`, `inquiry-session`); AiPrise: `user-profile` or `session`. */
  resource: string;
  /** Aggregate the event routes to when its relationships name one; null when it is about none. */
  kind: AggregateKind | null;
  description: string;
  /** AiPrise only: the group in AiPrise's own list. */
  group?: AiPriseEventGroup;
}

const bySource: Record<Source, Map<string, CatalogEntry>> = { persona: new Map(), aiprise: new Map() };

for (const [name, resource, kind, description] of PERSONA_EVENTS) {
  bySource.persona.set(name, { name, vendor: 'persona', resource, kind, description });
}
for (const [name, group, description] of AIPRISE_USER_PROFILE_EVENTS) {
  bySource.aiprise.set(name, {
    name,
    vendor: 'aiprise',
    resource: 'user-profile',
    kind: 'user-profile',
    description,
    group,
  });
}

// Session-channel names (`event_type`) share a few names with profile events (COMMENT,
// AML_MONITORING_UPDATE), so they have their own table.
const sessionByName = new Map<string, CatalogEntry>();
for (const [name, description] of AIPRISE_SESSION_EVENTS) {
  sessionByName.set(name, {
    name,
    vendor: 'aiprise',
    resource: 'session',
    kind: 'user-profile',
    description,
  });
}

/** The entry for a vendor event name, or undefined when the catalog does not know it. */
export function catalogEntry(source: Source, name: string): CatalogEntry | undefined {
  return bySource[source].get(name) ?? (source === 'aiprise' ? sessionByName.get(name) : undefined);
}

/** The AiPrise session-channel entry for an `event_type`, or undefined. */
export function sessionEventEntry(name: string): CatalogEntry | undefined {
  return sessionByName.get(name);
}

/** The AiPrise session-channel entries, in AiPrise's order. */
export function sessionEventEntries(): CatalogEntry[] {
  return [...sessionByName.values()];
}

/** Every catalog entry, Persona first, in the vendors' own order. */
export function catalogEntries(source?: Source): CatalogEntry[] {
  return source
    ? [...bySource[source].values()]
    : [...bySource.persona.values(), ...bySource.aiprise.values()];
}

/** Non-aggregate stream categories this catalog can produce. */
export const CATALOG_CATEGORIES: readonly string[] = [
  ...new Set(
    PERSONA_EVENTS.map(([, resource]) => personaFamily(resource))
      .filter((family) => personaAggregateKind(family) === undefined)
      .map(personaCategory),
  ),
  AIPRISE_SESSION_CATEGORY,
  AIPRISE_BUSINESS_PROFILE_CATEGORY,
];
