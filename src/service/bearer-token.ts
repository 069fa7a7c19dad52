/**
 * The read API's token check, given to @fastify/bearer-auth as its `auth` function (the plugin
 * parses the Authorization header). Both sides are hashed to fixed-length digests before the
 * timing-safe comparison, so neither the token's content nor its length leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Returns a checker for presented tokens against the configured one. */
export function bearerTokenChecker(token: string): (presented: string) => boolean {
  if (!token) throw new Error('bearer token must not be empty');
  const expected = digest(token);
  return (presented) => presented.length > 0 && timingSafeEqual(digest(presented), expected);
}
