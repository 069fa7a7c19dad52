/**
 * Delivery body -> NewEvent, as a pure function: size, UTF-8, nesting depth and JSON are checked
 * before any schema, and bad input comes back as `{ ok: false, problems }`, never a throw.
 */
import { parseAiPrise } from './aiprise/parse.js';
import { bodyText, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, nestsDeeperThan } from './guards.js';
import type { ParseOptions, ParseResult } from './parse-result.js';
import { parsePersona } from './persona/parse.js';
import type { Source } from './types.js';

export type { ParseOptions, ParseResult } from './parse-result.js';

export function parseDelivery(
  source: Source,
  rawBody: string | Uint8Array,
  options: ParseOptions = {},
): ParseResult {
  const decoded = bodyText(rawBody, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if ('problem' in decoded) return { ok: false, problems: [decoded.problem] };
  const raw = decoded.text;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (nestsDeeperThan(raw, maxDepth)) {
    return {
      ok: false,
      problems: [{ code: 'too_deep', path: [], message: `Body nests deeper than ${maxDepth} levels` }],
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    return {
      ok: false,
      problems: [
        { code: 'invalid_json', path: [], message: `Body is not valid JSON: ${jsonErrorPosition(error)}` },
      ],
    };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      problems: [{ code: 'not_an_object', path: [], message: 'Body must be a JSON object' }],
    };
  }
  return source === 'persona'
    ? parsePersona(body, rawBody, raw)
    : parseAiPrise(body, rawBody, raw, options.receivedAt);
}

/** Where JSON.parse stopped, without echoing body content (engines quote it in their messages). */
function jsonErrorPosition(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message);
  if (at) return `syntax error at position ${at[1]}`;
  return /end of JSON|Unterminated|Unexpected end/i.test(message)
    ? 'unexpected end of input'
    : 'syntax error';
}
