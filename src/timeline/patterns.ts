/**
 * Type and actor filters accept exact names and globs (`report/*`, `TICKET_*`, `inquiry.?ompleted`).
 * Globs become SQL LIKE patterns with every LIKE metacharacter of the input escaped, and are always
 * bound as parameters: a filter can never change the statement, only what it matches.
 */

/** `*` matches any run of characters, `?` exactly one; everything else is literal. */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/**
 * Translates a glob into a LIKE pattern for PostgreSQL's default escape character (backslash).
 * `%`, `_` and `\` in the input are literal, so `TICKET_*` matches `TICKET_STATUS_UPDATE` but not
 * `TICKETS`.
 */
export function globToLike(glob: string): string {
  let out = '';
  for (const ch of glob) {
    if (ch === '*') out += '%';
    else if (ch === '?') out += '_';
    else if (ch === '%' || ch === '_' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** A filter split into exact names (matched with `= ANY`) and LIKE patterns (matched with `LIKE ANY`). */
export interface CompiledPatterns {
  exact: string[];
  like: string[];
}

export function compilePatterns(patterns: readonly string[]): CompiledPatterns {
  const exact = new Set<string>();
  const like = new Set<string>();
  for (const raw of patterns) {
    const p = raw.trim();
    if (!p) continue;
    if (isGlob(p)) like.add(globToLike(p));
    else exact.add(p);
  }
  return { exact: [...exact], like: [...like] };
}
