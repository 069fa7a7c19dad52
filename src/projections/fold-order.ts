/** Fold order: occurredAt, then store order (vendors do not deliver in order). */
import type { RecordedEvent } from '../events/types.js';

export function byFoldOrder(a: RecordedEvent, b: RecordedEvent): number {
  const ta = Date.parse(a.occurredAt);
  const tb = Date.parse(b.occurredAt);
  if (ta !== tb) return ta - tb;
  return a.streamVersion - b.streamVersion;
}
