/** A timeline entry as the design brief names it, and one page of them. */
import type { Source, Subject } from '../events/types.js';

export interface TimelineChange {
  /** Dotted state path, e.g. `address.city`, `tags`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface TimelineEntry {
  eventId: string;
  type: string;
  source: Source;
  /** Vendor time, ISO 8601. */
  occurredAt: string;
  /** When this product stored it, ISO 8601. */
  recordedAt: string;
  /** Who did it, or null when the vendor does not say. */
  actor: string | null;
  /** Whose timeline the entry is on (a related subject with includeRelated). */
  subject: Subject;
  changes: TimelineChange[];
  /** One line a reviewer can read: "Tags +APPROVED +VIP_CLIENT -PENDING_REVIEW by system". */
  summary: string;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Present when more entries follow; pass it back as `cursor`. */
  nextCursor?: string;
}
