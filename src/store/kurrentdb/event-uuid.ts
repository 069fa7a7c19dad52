/**
 * Name-based (version 5) UUIDs from vendor event ids, so the same vendor event always gets the
 * same KurrentDB event id and the server's own idempotency check recognises a redelivery.
 */
import { createHash } from 'node:crypto';

/** This project's namespace: fixed forever, changing it would change every derived id. */
const EVENT_NAMESPACE = '5b1f0a3e-8c2d-4f6a-9e7b-2d4c6a8e0f13';

export function uuidV5(name: string, namespace = EVENT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function eventUuid(eventId: string): string {
  return uuidV5(`event:${eventId}`);
}

/** One marker stream per stored event id: KurrentDB has no global unique index by event id. */
export function markerStream(eventId: string): string {
  return `${MARKER_PREFIX}${eventUuid(eventId)}`;
}

export const MARKER_PREFIX = 'pp-eventid-';
