/**
 * States as plain JSON whose maps have no prototype, so vendor-chosen map keys (`__proto__`,
 * `constructor`) are ordinary keys (src/events/dict.ts). A state read back from storage or cached
 * is copied into that form before anything folds onto it; a folded state is frozen before it is
 * handed out.
 */
import { plainJson, setOwn } from '../events/dict.js';
import type { AggregateDefinition, BaseState } from './aggregate.js';

/**
 * A mutable copy of `state` to fold onto. Its top level takes the aggregate's own initial shape
 * (the object literal `initial` returns, whose keys are the aggregate's field names, never a
 * vendor's), as a fold from the first event has it: V8 keeps such a literal fast, whereas a
 * null-prototype copy of its forty-odd keys is a dictionary that every later step (evolve, the
 * change tracking, freezing, JSON) pays for. Everything under it is copied as plain JSON with
 * null-prototype objects. A field the stored state lacks (written before the field existed) keeps
 * its initial value, as a fold from the first event would give it.
 */
export function copyState<S extends BaseState>(def: AggregateDefinition<S>, state: S): S {
  const out = def.initial(state.id) as unknown as Record<string, unknown>;
  const from = state as unknown as Record<string, unknown>;
  for (const key of Object.keys(from)) setOwn(out, key, plainJson(from[key]));
  return out as unknown as S;
}

/** Freezes `value` and everything under it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (!Object.isFrozen(value)) Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
