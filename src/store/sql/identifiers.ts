/**
 * Identifiers cannot be bound as parameters, so the few that are interpolated (schema names,
 * LISTEN channels) are checked against a strict pattern first (docs/development.md).
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const MAX_IDENTIFIER_BYTES = 63;

export function assertIdentifier(name: string, what = 'identifier'): string {
  if (!IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER_BYTES) {
    throw new TypeError(
      `${what} ${JSON.stringify(name)} must match ${IDENTIFIER} and be at most 63 characters`,
    );
  }
  return name;
}

/** The LISTEN/NOTIFY channel for a schema: channels are database-wide, so the schema is part of it. */
export function eventsChannel(schema: string): string {
  return assertIdentifier(`pp_events_${schema}`.slice(0, MAX_IDENTIFIER_BYTES), 'channel');
}
