/**
 * Signs delivery bodies the way the vendors do, for any test that needs a genuine delivery.
 * Written straight against node:crypto (not src/intake) so a bug in the verifier cannot hide
 * behind the same bug in the signer.
 */
import { createHmac } from 'node:crypto';

export const TEST_PERSONA_SECRET = 'wbhsec_test_primary_0123456789';
export const TEST_PERSONA_ROTATED_SECRET = 'wbhsec_test_rotated_abcdefghij';
export const TEST_AIPRISE_API_KEY = 'aiprise_test_api_key_0123456789';

type Body = string | Uint8Array;

function hexHmac(key: string, ...parts: Body[]): string {
  const mac = createHmac('sha256', key);
  for (const p of parts) mac.update(p);
  return mac.digest('hex');
}

export function unixSeconds(at: Date = new Date()): number {
  return Math.floor(at.getTime() / 1000);
}

/** One `t=…,v1=…` pair as Persona sends it. */
export function personaSignaturePair(body: Body, secret: string, t: number = unixSeconds()): string {
  return `t=${t},v1=${hexHmac(secret, `${t}.`, body)}`;
}

/**
 * The full `Persona-Signature` value. Several secrets give several space-separated pairs,
 * as during Persona's secret rotation.
 */
export function personaSignature(
  body: Body,
  secrets: string | string[] = TEST_PERSONA_SECRET,
  t?: number,
): string {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return list.map((s) => personaSignaturePair(body, s, t)).join(' ');
}

/** Headers for a signed Persona delivery. */
export function personaHeaders(
  body: Body,
  options: { secrets?: string | string[]; t?: number } = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'persona-signature': personaSignature(body, options.secrets ?? TEST_PERSONA_SECRET, options.t),
  };
}

/** `X-HMAC-SIGNATURE` as AiPrise sends it: lower-case hex HMAC-SHA256 of the raw body. */
export function aiPriseSignature(body: Body, apiKey: string = TEST_AIPRISE_API_KEY): string {
  return hexHmac(apiKey, body);
}

export function aiPriseHeaders(body: Body, apiKey: string = TEST_AIPRISE_API_KEY): Record<string, string> {
  return { 'content-type': 'application/json', 'x-hmac-signature': aiPriseSignature(body, apiKey) };
}

/** Signed headers for either vendor with the test secrets. */
export function signedHeaders(source: 'persona' | 'aiprise', body: Body): Record<string, string> {
  return source === 'persona' ? personaHeaders(body) : aiPriseHeaders(body);
}
