/**
 * Appending to a list held by a draft. Pushing through an immer draft costs bookkeeping per item
 * (and a check per item when the fold finishes); a long stream appends thousands of history
 * entries. So the first append in a fold swaps the draft list for a plain copy, and later
 * appends in the same fold push onto that copy natively: immer hands new, unfrozen values back
 * as they are. Items should be frozen when nothing edits them later, so finalising skips them.
 */
import { isDraft } from 'immer';

export function append<O extends object, K extends keyof O>(
  owner: O,
  key: K,
  item: O[K] extends readonly (infer T)[] ? T : never,
): void {
  let list = owner[key] as unknown as unknown[];
  if (isDraft(list) || Object.isFrozen(list)) {
    list = [...list];
    owner[key] = list as O[K];
  }
  list.push(item);
}
