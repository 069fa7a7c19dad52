/**
 * AiPrise callback signatures: `X-HMAC-SIGNATURE` is the hex HMAC-SHA256 of the raw body keyed
 * with the API key. There is no timestamp, so replays are caught by dedupe, not by the signature.
 */
import { digestMatches, hmacSha256, isSha256Hex } from './compare.js';
import { headerValue, type HeaderBag } from './headers.js';
import { invalid, VALID, type SignatureVerdict } from './verdict.js';

export const AIPRISE_SIGNATURE_HEADER = 'x-hmac-signature';

export function verifyAiPriseSignature(
  rawBody: Uint8Array,
  headers: HeaderBag | undefined,
  apiKey: string,
): SignatureVerdict {
  const header = headerValue(headers, AIPRISE_SIGNATURE_HEADER)?.trim();
  if (header === undefined || header === '')
    return invalid('missing_header', 'X-HMAC-SIGNATURE header is missing');
  if (!isSha256Hex(header)) return invalid('malformed', 'X-HMAC-SIGNATURE is not a hex SHA-256 digest');
  return digestMatches(hmacSha256(apiKey, rawBody), header)
    ? VALID
    : invalid('mismatch', 'X-HMAC-SIGNATURE does not match the body with the configured API key');
}
