import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA256_HEX = /^[0-9a-fA-F]{64}$/;

/** HMAC-SHA256 over the given parts, fed as bytes so the raw body is never re-encoded. */
export function hmacSha256(key: string, ...parts: (string | Uint8Array)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Whether `hex` is a well-formed SHA-256 digest in hex. */
export function isSha256Hex(hex: string): boolean {
  return SHA256_HEX.test(hex);
}

/**
 * Constant-time comparison of a hex digest with the expected bytes. The length is checked first
 * because timingSafeEqual throws on unequal lengths; a digest's length is not secret.
 */
export function digestMatches(expected: Buffer, hex: string): boolean {
  if (!isSha256Hex(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
