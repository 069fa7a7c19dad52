/**
 * The chain hash of one stored event: sha256 over the previous link and the event's stored content,
 * in a canonical form (JSON with sorted keys), so the same stored row always hashes alike on every
 * backend and after every read. It covers what is stored, not what a reader is shown: sealed
 * (encrypted) fields are hashed as their ciphertext, so destroying a subject's key changes nothing
 * the chain covers.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'safe-stable-stringify';
import type { RecordedEvent } from '../events/types.js';

/** The link before the first event. */
export const GENESIS = '0'.repeat(64);

/** The stored content an event's link covers, one canonical string. */
export function chainContent(event: RecordedEvent): string {
  return stringify([
    event.position.toString(),
    event.eventId,
    event.streamId,
    event.streamVersion,
    event.type,
    event.source,
    event.subject.kind,
    event.subject.id,
    event.occurredAt,
    event.recordedAt,
    event.actor,
    event.schemaVersion,
    event.unknown,
    event.related,
    event.data,
    event.raw,
  ])!;
}

export function chainHash(previous: string, event: RecordedEvent): string {
  return createHash('sha256').update(previous).update('\n').update(chainContent(event)).digest('hex');
}
