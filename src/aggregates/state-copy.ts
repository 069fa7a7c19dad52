/**
 * States as plain JSON whose objects have no prototype, so vendor-chosen map keys (`__proto__`,
 * `constructor`) are ordinary keys (src/events/dict.ts). A state read back from storage is copied
 * into that form before anything folds onto it; a folded state is frozen before it is handed out.
 */
export { plainJson as copyState } from '../events/dict.js';

/** Freezes `value` and everything under it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (!Object.isFrozen(value)) Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
