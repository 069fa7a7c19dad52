/**
 * What a sealed event looks like stored, and what a reader gets back. `data` is stored as
 * `{ "$sealed": "pp1:…" }` and `raw` as `pp1:…`, each sealed under the stream's data key with the
 * event id and field as associated data; ids, types, times, subject and related stay in the clear
 * (they name, they do not describe). Once the key is destroyed a reader gets the event with its
 * PII fields gone: `raw` empty and `data` an erasure marker shaped like the vendor's own redaction
 * signal (a resource with `redactedAt`, or AiPrise's `redactedAt`, set to the event's own time so a
 * rebuild folds alike), so every fold treats the subject as redacted with no change to the aggregates.
 */
import type { JsonObject, NewEvent, RecordedEvent, Source, Subject } from '../../events/types.js';
import { isSealed, open, seal } from './cipher.js';
import type { StreamKey } from './key-store.js';

export const SEALED = '$sealed';

/** What `data` is on read when the event's key was destroyed. */
export function erasedData(source: Source, subject: Subject, erasedAt: string): JsonObject {
  if (source === 'aiprise') return { erased: true, redactedAt: erasedAt };
  const type = subject.kind.startsWith('persona-') ? subject.kind.slice('persona-'.length) : subject.kind;
  return {
    erased: true,
    resource: { type, id: subject.id, attributes: { redactedAt: erasedAt }, relationships: {} },
    included: [],
  };
}

/** True when `data` is the erasure marker (or a sealed value whose key is gone). */
export function isErased(data: JsonObject): boolean {
  return data.erased === true;
}

export function sealEvent(event: NewEvent, key: StreamKey): NewEvent {
  if (key === null) return { ...event, data: { [SEALED]: null }, raw: '' };
  return {
    ...event,
    data: { [SEALED]: seal(key, JSON.stringify(event.data), `${event.eventId}\0data`) },
    raw: seal(key, event.raw, `${event.eventId}\0raw`),
  };
}

export function isSealedEvent(event: RecordedEvent): boolean {
  return Object.prototype.hasOwnProperty.call(event.data, SEALED);
}

/**
 * The event as a reader sees it: opened with its stream's key, or erased when the key is gone.
 * Events stored unsealed (before sealing was configured) come back as stored.
 */
export function openEvent(event: RecordedEvent, key: StreamKey | undefined): RecordedEvent {
  if (!isSealedEvent(event)) return event;
  const sealed = event.data[SEALED];
  if (key === null || key === undefined || !isSealed(sealed))
    return { ...event, data: erasedData(event.source, event.subject, event.occurredAt), raw: '' };
  return {
    ...event,
    data: JSON.parse(open(key, sealed, `${event.eventId}\0data`).toString('utf8')) as JsonObject,
    raw: event.raw === '' ? '' : open(key, event.raw, `${event.eventId}\0raw`).toString('utf8'),
  };
}
