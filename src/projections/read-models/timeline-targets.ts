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
  const out: Subject[] = [];
  const seen = new Set<string>();
  const add = (s: Subject): void => {
    const key = `${s.kind}\0${s.id}`;
    if (seen.has(key) || !s.kind || !s.id) return;
    seen.add(key);
    out.push({ kind: s.kind, id: s.id });
  };
  add(origin);
  add(event.subject);
  for (const r of event.related) add(r);
  const accountId = originState?.accountId;
  if (origin.kind === 'inquiry' && typeof accountId === 'string') add({ kind: 'account', id: accountId });
  return out;
}
