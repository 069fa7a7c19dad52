/**
 * Which timelines an event appears on: the aggregate whose stream holds it (or, for a stream of
 * another resource, the event's subject), the subject itself, every related subject, and for an
 * inquiry its account (from the inquiry's state, when the event's own relationships were off).
 */
import type { RecordedEvent, Subject } from '../../events/types.js';

export function timelineTargets(
  event: RecordedEvent,
  origin: Subject,
  originState: Record<string, unknown> | null,
): Subject[] {
  // A handful of targets per event: a linear look-up beats building keys for a set.
  const out: Subject[] = [];
  add(out, origin.kind, origin.id);
  add(out, event.subject.kind, event.subject.id);
  for (const r of event.related) add(out, r.kind, r.id);
  const accountId = originState?.accountId;
  if (origin.kind === 'inquiry' && typeof accountId === 'string') add(out, 'account', accountId);
  return out;
}

function add(out: Subject[], kind: Subject['kind'], id: string): void {
  if (!kind || !id) return;
  for (const s of out) if (s.kind === kind && s.id === id) return;
  out.push({ kind, id });
}
