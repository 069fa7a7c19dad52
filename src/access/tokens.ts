/**
 * API tokens with names and scopes. A tokens file (API_TOKENS_FILE) holds one token a line as
 * `<name> <scope,scope,…> sha256:<hex>`: only the hash of each token is kept. The tokens are 24
 * random bytes, so a plain SHA-256 cannot be reversed by guessing, and checking one costs
 * microseconds per request (a slow password hash would cost that on every read). The single
 * API_TOKEN of earlier releases stays valid as the token `api-token` with every scope.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isScope, SCOPES, type Principal, type Scope } from './scopes.js';

export interface TokenEntry {
  name: string;
  scopes: Scope[];
  /** SHA-256 of the token, 32 bytes. */
  digest: Buffer;
}

export class TokenFileError extends Error {
  override readonly name = 'TokenFileError';
  constructor(readonly problems: string[]) {
    super(`invalid API tokens file:\n  ${problems.join('\n  ')}`);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HASH = /^sha256:([0-9a-f]{64})$/;

/** The name the single API_TOKEN has in the access log. */
export const SINGLE_TOKEN_NAME = 'api-token';

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function checkTokenName(name: string): string {
  if (!NAME.test(name))
    throw new TokenFileError([
      `name "${name.slice(0, 70)}": letters, digits, . _ @ - (1-64, starting with a letter or digit)`,
    ]);
  return name;
}

export function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length > 0 || scopes.length === 0)
    throw new TokenFileError([
      `scopes "${text.slice(0, 70)}": give one or more of ${SCOPES.join(', ')} (comma-separated)`,
    ]);
  return [...new Set(scopes as Scope[])];
}

/** Parses a tokens file; every problem is named with its line number, never with a hash. */
export function parseTokenFile(text: string): TokenEntry[] {
  const entries: TokenEntry[] = [];
  const problems: string[] = [];
  const names = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = `line ${index + 1}`;
    const parts = line.split(/\s+/);
    if (parts.length !== 3) {
      problems.push(`${at}: expected "<name> <scopes> sha256:<hex>"`);
      return;
    }
    const [name, scopes, hash] = parts as [string, string, string];
    try {
      checkTokenName(name);
      if (names.has(name)) throw new TokenFileError([`name "${name}" is given twice`]);
      const match = HASH.exec(hash);
      if (!match) throw new TokenFileError(['hash: expected sha256: and 64 lower-case hex digits']);
      entries.push({ name, scopes: parseScopes(scopes), digest: Buffer.from(match[1]!, 'hex') });
      names.add(name);
    } catch (error) {
      if (!(error instanceof TokenFileError)) throw error;
      problems.push(...error.problems.map((p) => `${at}: ${p}`));
    }
  });
  if (problems.length > 0) throw new TokenFileError(problems);
  return entries;
}

export interface CreatedToken {
  token: string;
  /** The line to add to the tokens file. */
  line: string;
}

/** A new random token and its tokens-file line. */
export function createToken(name: string, scopes: Scope[]): CreatedToken {
  checkTokenName(name);
  const token = `ppt_${randomBytes(24).toString('base64url')}`;
  return { token, line: `${name} ${scopes.join(',')} sha256:${tokenDigest(token).toString('hex')}` };
}

export interface TokenRegistry {
  /** The principal a presented token belongs to, or null. */
  authenticate(presented: string): Principal | null;
  readonly size: number;
}

/**
 * Checks a presented token against every entry with a timing-safe comparison of digests, never
 * stopping at the first match, so timing says neither which entry matched nor how long a token is.
 */
export function tokenRegistry(entries: readonly TokenEntry[], singleToken?: string): TokenRegistry {
  const all: { digest: Buffer; principal: Principal }[] = entries.map((e) => ({
    digest: e.digest,
    principal: { name: e.name, scopes: new Set(e.scopes) },
  }));
  if (singleToken)
    all.push({
      digest: tokenDigest(singleToken),
      principal: { name: SINGLE_TOKEN_NAME, scopes: new Set(SCOPES) },
    });
  return {
    size: all.length,
    authenticate(presented) {
      if (!presented) return null;
      const digest = tokenDigest(presented);
      let found: Principal | null = null;
      for (const entry of all) if (timingSafeEqual(digest, entry.digest) && !found) found = entry.principal;
      return found;
    },
  };
}
