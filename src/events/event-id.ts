/** Content hash used as the event id when the vendor sends none: stable across redeliveries. */
import { createHash } from 'node:crypto';

export function contentEventId(rawBody: string | Uint8Array): string {
  const hash = createHash('sha256');
  if (typeof rawBody === 'string') hash.update(rawBody, 'utf8');
  else hash.update(rawBody);
  return `sha256:${hash.digest('hex')}`;
}
