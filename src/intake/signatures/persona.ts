/**
 * Persona webhook signatures: `Persona-Signature: t=<unix s>,v1=<hex>`, v1 = HMAC-SHA256 of
 * `<t>.<raw body>` keyed with the webhook secret. During secret rotation the header carries
 * several space-separated pairs; a delivery is genuine when any pair matches any secret. Each
 * pair costs an HMAC of the whole body per secret, so the header's size and its pairs are capped
 * before any HMAC: rotation needs two or three pairs.
 */
import { digestMatches, hmacSha256, isSha256Hex } from './compare.js';
import { headerValue, type HeaderBag } from './headers.js';
import { invalid, VALID, type SignatureVerdict } from './verdict.js';

export const PERSONA_SIGNATURE_HEADER = 'persona-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;
/** Pairs checked at most; a header with more is refused unchecked. */
export const MAX_SIGNATURE_PAIRS = 5;
/** Characters at most: five pairs of `t=<10 digits>,v1=<64 hex>` with room for spacing. */
export const MAX_SIGNATURE_HEADER_LENGTH = 1024;

interface SignedPair {
  t: number;
  /** Persona sends one v1 per pair; more are tolerated (bounded by the header's length). */
  signatures: string[];
}

/** Parses `t=…,v1=… t=…,v1=…` into pairs; unknown keys (future schemes) are ignored. */
export function parsePersonaSignature(header: string): SignedPair[] {
  const pairs: SignedPair[] = [];
  for (const chunk of header.trim().split(/\s+/)) {
    if (!chunk) continue;
    let t: number | undefined;
    const signatures: string[] = [];
    for (const item of chunk.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) continue;
      const key = item.slice(0, eq).trim();
      const value = item.slice(eq + 1).trim();
      if (key === 't' && /^\d{1,12}$/.test(value)) t = Number(value);
      else if (key === 'v1' && isSha256Hex(value)) signatures.push(value);
    }
    if (t !== undefined && signatures.length > 0) pairs.push({ t, signatures });
  }
  return pairs;
}

export interface PersonaVerifyOptions {
  secrets: readonly string[];
  /** Accepted distance between `t` and now, either way. Default 300 s. */
  toleranceSeconds?: number;
  now?: Date;
}

export function verifyPersonaSignature(
  rawBody: Uint8Array,
  headers: HeaderBag | undefined,
  options: PersonaVerifyOptions,
): SignatureVerdict {
  const header = headerValue(headers, PERSONA_SIGNATURE_HEADER);
  if (header === undefined || header.trim() === '') {
    return invalid('missing_header', 'Persona-Signature header is missing');
  }
  if (header.length > MAX_SIGNATURE_HEADER_LENGTH) {
    return invalid(
      'malformed',
      `Persona-Signature header is longer than ${MAX_SIGNATURE_HEADER_LENGTH} characters`,
    );
  }
  const pairs = parsePersonaSignature(header);
  if (pairs.length > MAX_SIGNATURE_PAIRS) {
    return invalid(
      'malformed',
      `Persona-Signature header carries more than ${MAX_SIGNATURE_PAIRS} t=…,v1=… pairs`,
    );
  }
  if (pairs.length === 0) {
    return invalid('malformed', 'Persona-Signature header has no t=<unix seconds>,v1=<hex sha256> pair');
  }
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let genuineButStale = false;
  for (const pair of pairs) {
    const prefix = `${pair.t}.`;
    for (const secret of options.secrets) {
      const expected = hmacSha256(secret, prefix, rawBody);
      if (!pair.signatures.some((sig) => digestMatches(expected, sig))) continue;
      // Only a pair that matched decides staleness, so a forged header cannot learn the clock rule.
      if (Math.abs(nowSeconds - pair.t) <= tolerance) return VALID;
      genuineButStale = true;
    }
  }
  return genuineButStale
    ? invalid('stale', `Persona-Signature timestamp is more than ${tolerance} s from now`)
    : invalid('mismatch', 'Persona-Signature does not match the body with any configured secret');
}
