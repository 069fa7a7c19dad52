/**
 * AES-256-GCM sealing: a fresh 12-byte IV per message, the 16-byte tag checked on open, and
 * associated data binding a ciphertext to where it belongs (an event id and field, a stream id),
 * so a sealed value copied onto another row does not open. Format: `pp1:` + base64url(iv | tag | ct).
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'pp1:';
const IV = 12;
const TAG = 16;

export function seal(key: Buffer, plaintext: string | Buffer, aad: string): string {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

/**
 * `seal` with the IV derived from the key and the plaintext: the same body under the same key seals
 * to the same bytes, so a store that deduplicates by content (the quarantine) still does. Only for
 * keys that belong to one plaintext (a key per quarantined body), where equal ciphertexts say nothing
 * the key's name does not.
 */
export function sealDeterministic(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = createHmac('sha256', key).update(plaintext).digest().subarray(0, IV);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** Throws when the key, the associated data or the bytes are wrong. */
export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(bytes.subarray(IV + TAG)), decipher.final()]);
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/**
 * The master key from configuration: 32 bytes as 64 hex digits or base64. Anything else is refused
 * with a message that names the variable but never echoes the value.
 */
export function parseMasterKey(text: string, name = 'RECORD_MASTER_KEY'): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new RangeError(`${name} must be 32 bytes, as 64 hex digits or base64 (e.g. openssl rand -hex 32)`);
  return key;
}
