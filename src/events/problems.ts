/**
 * zod issues -> Problems whose paths name the keys as the vendor sent them. Schemas run on the
 * camelCased copy, so each path is walked back through the original body; a key that is missing
 * altogether is shown in the vendor's default inflection.
 */
import type { ZodError } from 'zod';
import { camelKey, inflectKey, type Inflection } from './inflection.js';
import type { Problem, ProblemCode } from './parse-result.js';

type Path = (string | number)[];

function originalKey(node: unknown, camel: string, fallback: Inflection): { key: string; child: unknown } {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const obj = node as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(obj, camel)) return { key: camel, child: obj[camel] };
    for (const k of Object.keys(obj)) if (camelKey(k) === camel) return { key: k, child: obj[k] };
  }
  return { key: inflectKey(camel, fallback), child: undefined };
}

/** The camelCase path translated to the original body's keys, and whether the value exists there. */
export function originalPath(
  original: unknown,
  path: readonly PropertyKey[],
  fallback: Inflection,
): { path: Path; present: boolean } {
  const out: Path = [];
  let node: unknown = original;
  let present = true;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out.push(seg);
      node = Array.isArray(node) ? node[seg] : undefined;
    } else {
      const { key, child } = originalKey(node, String(seg), fallback);
      out.push(key);
      node = child;
    }
    if (node === undefined) present = false;
  }
  return { path: out, present: present && node !== undefined };
}

export function problemsFromZod(
  error: ZodError,
  original: unknown,
  prefix: readonly PropertyKey[],
  fallback: Inflection,
): Problem[] {
  return error.issues.map((issue) => {
    const { path, present } = originalPath(original, [...prefix, ...issue.path], fallback);
    const code: ProblemCode = present ? 'invalid_field' : 'missing_field';
    const message = present ? issue.message : 'Required field is missing';
    return { code, path, message };
  });
}

export function problem(code: ProblemCode, path: Path, message: string): Problem {
  return { code, path, message };
}
