/** Documents uploaded to a profile, by file uuid. */
import type { MediaUpdate, UserProfileEvent } from '../../events/domain/aiprise.js';
import type { ProfileDocument, UserProfileState } from './state.js';

export function emptyDocument(): ProfileDocument {
  return {
    mediaType: null,
    uploadedBy: null,
    uploadedAt: null,
    updatedAt: null,
    deletedAt: null,
    status: 'active',
    url: null,
    checkResult: null,
  };
}

export function media(
  state: UserProfileState,
  event: UserProfileEvent,
  update: MediaUpdate,
): ProfileDocument | undefined {
  if (!update.fileUuid) return undefined;
  const doc = (state.documents[update.fileUuid] ??= emptyDocument());
  if (update.mediaType !== undefined) doc.mediaType = update.mediaType;
  if (update.url !== undefined) doc.url = update.url;
  return doc;
}
