/**
 * Bearer-token check for the read API. Both sides are hashed to fixed-length digests before the
 * timing-safe comparison, so neither the token's content nor its length leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Returns a checker for `Authorization` header values against the configured token. */
export function bearerTokenChecker(token: string): (authorization: string | undefined) => boolean {
  if (!token) throw new Error('bearer token must not be empty');
  const expected = digest(token);
  return (authorization) => {
    if (!authorization) return false;
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization);
    if (!match) return false;
    return timingSafeEqual(digest(match[1]!), expected);
  };
}
