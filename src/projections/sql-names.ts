/** Versioned table names of projection builds (identifiers cannot be bound: see db/identifiers.ts). */
import { assertIdentifier } from '../db/identifiers.js';

/** Versioned table of a projection build: `rm_<base>_v<version>`. */
export function versionedTable(base: string, version: number): string {
  if (!Number.isSafeInteger(version) || version < 1)
    throw new Error(`bad projection version ${String(version)}`);
  return assertIdentifier(`rm_${base}_v${version}`, 'table');
}
