/**
 * Advisory lock keys. Lock keys are database-wide while read models live in one schema, so the key
 * hashes the schema with the scope (`projection:<name>:v<version>`, `rebuild:<name>`). The key is
 * computed here rather than with `hashtextextended` so it is the same on every server version and
 * on PGlite, and can be printed in messages.
 */
import { createHash } from 'node:crypto';

/** Signed 64-bit key (decimal string, bound as `$1::bigint`) from sha256("profile-projector\0<schema>\0<scope>"). */
export function lockKey(schema: string, scope: string): string {
  const digest = createHash('sha256').update(`profile-projector\0${schema}\0${scope}`).digest();
  return digest.readBigInt64BE(0).toString();
}
