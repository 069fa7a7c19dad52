/** The event store's LISTEN/NOTIFY channel. */
import { assertIdentifier, MAX_IDENTIFIER_BYTES } from '../../db/identifiers.js';

/** Channels are database-wide, so the schema is part of the name. */
export function eventsChannel(schema: string): string {
  return assertIdentifier(`pp_events_${schema}`.slice(0, MAX_IDENTIFIER_BYTES), 'channel');
}
