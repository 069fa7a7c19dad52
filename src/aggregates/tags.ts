/**
 * Tags are replaced, never edited in place, and each new list is frozen: immer then neither
 * proxies the array nor walks it again when the fold finishes. Lists stay in the order the
 * events left them while a fold runs and are sorted once at the end (finaliseState): sorting
 * on every event made long streams quadratic.
 */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sets `target.tags` to `next` (de-duplicated) unless it already holds exactly that list. */
export function setTags(target: { tags: string[] }, next: readonly string[]): void {
  const unique = next.length > 1 ? [...new Set(next)] : [...next];
  if (sameList(target.tags, unique)) return;
  target.tags = Object.freeze(unique) as string[];
}

export function withTag(tags: readonly string[], tag: string): string[] {
  return tags.includes(tag) ? [...tags] : [...tags, tag];
}

export function withoutTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}

export function sameTagSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size !== right.size) return false;
  for (const tag of left) if (!right.has(tag)) return false;
  return true;
}

export function isSortedUnique(tags: readonly string[]): boolean {
  for (let i = 1; i < tags.length; i++) if (!((tags[i - 1] as string) < (tags[i] as string))) return false;
  return true;
}

export function sortedUnique(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}
