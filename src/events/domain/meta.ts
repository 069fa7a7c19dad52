/** What every domain event carries about itself, whatever the vendor. */
import type { Source } from '../types.js';

export interface EventMeta {
  eventId: string;
  /** The vendor's event name as sent: `inquiry.approved`, `TAGS_UPDATED`. */
  name: string;
  source: Source;
  /**
   * When it happened, as the interpretation reads it (ISO UTC): Persona's `created-at`; for
   * AiPrise, which documents no event time, a documented time of the action when the payload has
   * one, else when this product received it.
   */
  occurredAt: string;
  /** Who did it, when the vendor says; null otherwise. */
  actor: string | null;
}
