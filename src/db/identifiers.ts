/**
 * Identifiers cannot be bound as parameters, so the few that are interpolated (schema names,
 * versioned table and view names, LISTEN channels) are built from fixed names and checked against
 * one strict pattern first (docs/development.md).
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
export const MAX_IDENTIFIER_BYTES = 63;

/** A lower-case SQL identifier of at most 63 characters. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && name.length <= MAX_IDENTIFIER_BYTES;
}

export function assertIdentifier(name: string, what = 'identifier'): string {
  if (!isIdentifier(name)) {
    throw new TypeError(
      `${what} ${JSON.stringify(name)} must match ${IDENTIFIER} and be at most ${MAX_IDENTIFIER_BYTES} characters`,
    );
  }
  return name;
}
