/** Header bags from fastify, fetch or callers: names compared case-insensitively, as HTTP requires. */
export type HeaderBag = Record<string, string | string[] | undefined>;

/** The value of `name` (any case); several values (repeated header) are joined with a space. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const value = headers[key];
    if (value === undefined) continue;
    return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}
