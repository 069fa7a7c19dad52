/**
 * Identifiers cannot be bound as parameters; the few this module interpolates (schema and view
 * names) come from fixed names and must pass this check (docs/development.md).
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`unsafe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** `schema.name`, or `name` when no schema is given; both parts validated. */
export function qualified(schema: string | null | undefined, name: string): string {
  return schema ? `${assertIdentifier(schema)}.${assertIdentifier(name)}` : assertIdentifier(name);
}
