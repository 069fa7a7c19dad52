/** One generated delivery: the exact body a vendor would POST, and what the generator meant by it. */
import type { Source, Subject } from '../../events/types.js';

export interface FeedDelivery {
  source: Source;
  /** Body bytes as the vendor would send them; sign these exact bytes. */
  body: string;
  /** When the vendor says it happened (epoch ms); deliveries may arrive in another order. */
  at: number;
  /** The aggregate the story is about (the timeline to look at). */
  subject: Subject;
  /** Event name, for summaries. */
  type: string;
  /** True for a repeated delivery of a body already in the feed. */
  duplicate: boolean;
}
