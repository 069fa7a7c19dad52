/**
 * Identifiers that cannot be bound as parameters (versioned table names, view names) are built
 * only from fixed names and checked here, so nothing a caller sends can reach SQL text.
 */
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name) || name.length > 63)
    throw new Error(`not a safe SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

/** Versioned table of a projection build: `rm_<base>_v<version>`. */
export function versionedTable(base: string, version: number): string {
  if (!Number.isSafeInteger(version) || version < 1)
    throw new Error(`bad projection version ${String(version)}`);
  return assertIdentifier(`rm_${base}_v${version}`);
}
