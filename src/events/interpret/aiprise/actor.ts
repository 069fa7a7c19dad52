/** Who acted, as an AiPrise callback names them. */
import type { JsonObject } from '../../types.js';
import { nonEmptyText, objectAt } from '../read.js';
import { bodyOf, objectIn, type Body } from './body.js';

/** `author_id`, `author.email`, the uploader, the resolver or the updater AiPrise names, else null. */
export function aiPriseActor(data: JsonObject, body: Body = bodyOf(data)): string | null {
  const author = objectIn(body, 'author');
  return (
    nonEmptyText(data, 'authorId') ??
    nonEmptyText(author, 'email', 'id', 'name') ??
    nonEmptyText(data, 'uploadedBy') ??
    nonEmptyText(objectAt(data, 'resolution'), 'resolvedBy') ??
    nonEmptyText(data, 'updatedBy', 'deletedBy') ??
    nonEmptyText(body.nested, 'authorId', 'uploadedBy') ??
    null
  );
}
