/** A profile's personal information and tags, as the *_UPDATED and TAGS_UPDATED events change them. */
import type { EventMeta } from '../../events/domain/meta.js';
import type { InfoUpdate, TagsUpdate } from '../../events/domain/aiprise.js';
import type { JsonValue } from '../../events/types.js';
import { sameJson } from '../changes.js';
import { sameTagSet } from '../tags.js';
import { anomaly, type UserProfileState } from './state.js';

export type InfoField = 'name' | 'dateOfBirth' | 'address' | 'email' | 'phone';

/**
 * Applies `current`, appends it to the field's history, and records an anomaly when `previous`
 * disagrees with the state. A state that does not know the field yet (null) cannot disagree: the
 * profile may have been created with data no event carried.
 */
export function infoUpdated(
  state: UserProfileState,
  meta: EventMeta,
  update: InfoUpdate,
  field: InfoField,
): void {
  if (update.current === undefined) return;
  const known = state[field] as JsonValue | null;
  if (update.previous !== undefined && known !== null && !sameJson(update.previous, known)) {
    anomaly(state, meta, `previous ${field} differs from the state; current applied`);
  }
  (state as unknown as Record<InfoField, JsonValue | null>)[field] = update.current;
  state[`${field}History`].push({ at: meta.occurredAt, eventId: meta.eventId, value: update.current });
}

/** Applies the diff; when the result disagrees with `currentTags`, takes those and says so. */
export function tagsUpdated(state: UserProfileState, meta: EventMeta, update: TagsUpdate): void {
  let next = state.tags;
  if (update.changes) {
    const removed = new Set(update.changes.removed);
    next = next.filter((tag) => !removed.has(tag));
    for (const tag of update.changes.added) if (!next.includes(tag)) next.push(tag);
  }
  const current = update.currentTags;
  if (current && !sameTagSet(next, current)) {
    if (update.changes)
      anomaly(state, meta, 'tags after applying changes differ from currentTags; currentTags taken');
    next = [...current];
  }
  state.tags = [...new Set(next)];
}
