/**
 * Name-based (version 5) UUIDs from vendor event ids, so the same vendor event always gets the
 * same KurrentDB event id and the server's own idempotency check recognises a redelivery.
 */
import { v5 as uuidV5 } from 'uuid';

/** This project's namespace: fixed forever, changing it would change every derived id. */
const EVENT_NAMESPACE = '5b1f0a3e-8c2d-4f6a-9e7b-2d4c6a8e0f13';

/** A name-based UUID in this project's namespace. */
export function projectUuid(name: string): string {
  return uuidV5(name, EVENT_NAMESPACE);
}

export function eventUuid(eventId: string): string {
  return projectUuid(`event:${eventId}`);
}

/** One marker stream per stored event id: KurrentDB has no global unique index by event id. */
export function markerStream(eventId: string): string {
  return `${MARKER_PREFIX}${eventUuid(eventId)}`;
}

export const MARKER_PREFIX = 'pp-eventid-';
