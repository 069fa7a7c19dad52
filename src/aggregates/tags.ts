/**
 * Tags stay an unsorted array while a fold runs (adding is a push, removing a splice), and are
 * sorted and de-duplicated once, when the fold finishes: sorting on every event made long
 * streams quadratic.
 */
export function addTag(tags: string[], tag: string): void {
  if (!tags.includes(tag)) tags.push(tag);
}

export function removeTag(tags: string[], tag: string): void {
  const at = tags.indexOf(tag);
  if (at >= 0) tags.splice(at, 1);
}

/** Replaces the content of `tags` in place (keeps the draft array, so immer copies it once). */
export function replaceTags(tags: string[], next: readonly string[]): void {
  tags.length = 0;
  for (const tag of next) addTag(tags, tag);
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
