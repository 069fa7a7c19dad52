/**
 * Cheap checks that run before JSON.parse and zod: size and nesting depth, plus decoding bytes.
 * Depth is counted by one loop over the text (no recursion), so hostile `[[[[…` cannot exhaust
 * the stack of anything that walks the parsed value later.
 */
import type { Problem } from './parse-result.js';

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The body as text, or a problem when it is too large or not UTF-8. */
export function bodyText(
  rawBody: string | Uint8Array,
  maxBytes: number,
): { text: string } | { problem: Problem } {
  if (typeof rawBody === 'string') {
    // UTF-8 needs at least one byte per UTF-16 unit and at most three, so only measure in between.
    const tooLarge =
      rawBody.length > maxBytes ||
      (rawBody.length * 3 > maxBytes && Buffer.byteLength(rawBody, 'utf8') > maxBytes);
    if (tooLarge) return { problem: tooLargeProblem(maxBytes) };
    return { text: rawBody.charCodeAt(0) === 0xfeff ? rawBody.slice(1) : rawBody };
  }
  if (rawBody.byteLength > maxBytes) return { problem: tooLargeProblem(maxBytes) };
  try {
    return { text: decoder.decode(rawBody) };
  } catch {
    return { problem: { code: 'invalid_json', path: [], message: 'Body is not valid UTF-8' } };
  }
}

function tooLargeProblem(maxBytes: number): Problem {
  return { code: 'too_large', path: [], message: `Body is larger than ${maxBytes} bytes` };
}

/** True when objects/arrays nest deeper than maxDepth (the top-level value is depth 1). */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}
