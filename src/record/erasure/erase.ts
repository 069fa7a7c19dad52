/**
 * Erasure by key destruction. Erasing a subject reaches its own stream and every stream whose events
 * name it (`record_relations`: an account's inquiries, cases, verifications), since those carry the
 * same person's data. For each stream it destroys the data key (its sealed events read as erased
 * from then on, and later events on it are stored erased) and appends a `record.erased` event, so
 * the projections fold the subject as redacted and mask its read models and timeline as they do for
 * a vendor's redaction. The erasure itself is recorded in `record_erasures`. Idempotent: the
 * `record.erased` event ids derive from the erasure id, so a repeated erasure appends nothing twice.
 */
import { randomUUID } from 'node:crypto';
import type { SqlClient } from '../../db/sql-client.js';
import { aggregateOfStream, streamIdFor } from '../../events/streams.js';
import type { NewEvent, Source } from '../../events/types.js';
import type { EventStore } from '../../store/event-store.js';
import { dropSnapshotsOf } from '../../projections/snapshots/sql-snapshots.js';
import type { KeyStore } from '../sealing/key-store.js';
import { erasedData, isSealedEvent } from '../sealing/sealed-event.js';
import type { ScrubReport } from './scrub.js';

export interface EraseRequest {
  kind: string;
  id: string;
  reason: string;
  /** Who asked: the operator (CLI: the OS user) or the vendor event that redacted the subject. */
  actor: string;
  trigger: 'operator' | 'vendor';
  /** Stable id for a vendor-triggered erasure (`vendor:<event id>`); default a fresh one. */
  erasureId?: string;
}

export interface ErasureReport {
  erasureId: string;
  subject: { kind: string; id: string };
  trigger: 'operator' | 'vendor';
  /** The streams reached: the subject's own and those that name it. */
  streams: string[];
  /** Events on those streams before the erasure. */
  events: number;
  /**
   * Of those, events stored unsealed (before a master key was configured, or without one): their
   * PII is still in the store; the read models and timeline are masked all the same.
   */
  unsealedEvents: number;
  /** Quarantined bodies that mention the subject's id, whose keys were destroyed too. */
  quarantined: number;
  /** False when no master key is configured: nothing could be shredded. */
  keysDestroyed: boolean;
  /** What was rewritten afterwards (library and CLI erasures; see scrub.ts). */
  storage?: ScrubReport;
}

export interface EraseDeps {
  /** The store as written (the sealing decorator's inner store). */
  stored: EventStore;
  sql: SqlClient;
  /** Null without a master key. */
  keys: KeyStore | null;
}

export class SubjectNotFoundError extends Error {
  override readonly name = 'SubjectNotFoundError';
  constructor(kind: string, id: string) {
    super(`no events stored for ${kind} ${id}`);
  }
}

export async function erase(deps: EraseDeps, request: EraseRequest): Promise<ErasureReport> {
  const own = streamIdFor(request.kind, request.id);
  if ((await deps.stored.streamVersion(own)) === 0) throw new SubjectNotFoundError(request.kind, request.id);
  const { rows } = await deps.sql.query<{ stream_id: string }>(
    `select distinct stream_id from record_relations where (kind = $1 or kind = '*') and id = $2
     order by stream_id`,
    [request.kind, request.id],
  );
  const related = rows.map((r) => r.stream_id).filter((s) => s !== own);
  // Quarantined bodies that mention the subject have keys of their own (sealing-quarantine.ts).
  const quarantined = related.filter((s) => s.startsWith('quarantine:'));
  const streams = [own, ...related.filter((s) => !s.startsWith('quarantine:'))];
  const erasureId = request.erasureId ?? `erasure_${randomUUID()}`;

  let events = 0;
  let unsealedEvents = 0;
  const markers: NewEvent[] = [];
  for (const streamId of streams) {
    let last: { source: Source; subject: { kind: string; id: string } } | undefined;
    for await (const event of deps.stored.readStream(streamId)) {
      if (event.type === 'record.erased') continue;
      events += 1;
      if (!isSealedEvent(event)) unsealedEvents += 1;
      last = { source: event.source, subject: event.subject };
    }
    if (!last) continue;
    markers.push(
      marker(streamId, last.source, aggregateOfStream(streamId) ?? last.subject, erasureId, request),
    );
  }

  if (deps.keys) await deps.keys.destroy(deps.sql, [...streams, ...quarantined], erasureId);
  await dropSnapshotsOf(deps.sql, streams);
  for (const m of markers) await deps.stored.append(m.streamId, [m]);
  await deps.sql.query(
    `insert into record_erasures (erasure_id, subject_kind, subject_id, trigger, reason, actor, streams,
       events, unsealed_events)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9) on conflict (erasure_id) do nothing`,
    [
      erasureId,
      request.kind,
      request.id,
      request.trigger,
      request.reason,
      request.actor,
      JSON.stringify(streams),
      events,
      unsealedEvents,
    ],
  );
  return {
    erasureId,
    subject: { kind: request.kind, id: request.id },
    trigger: request.trigger,
    streams,
    events,
    unsealedEvents,
    quarantined: quarantined.length,
    keysDestroyed: deps.keys !== null,
  };
}

/** The `record.erased` event for one stream: no PII, the vendor's redaction signal, the erasure id. */
function marker(
  streamId: string,
  source: Source,
  subject: { kind: string; id: string },
  erasureId: string,
  request: EraseRequest,
): NewEvent {
  const at = new Date().toISOString();
  const suffix = `-${subject.id}`;
  const category = streamId.endsWith(suffix) ? streamId.slice(0, -suffix.length) : subject.kind;
  const data = { ...erasedData(source, subject, at), erasureId };
  return {
    eventId: `record-erased:${erasureId}:${streamId}`,
    type: 'record.erased',
    source,
    subject,
    streamId,
    category,
    occurredAt: at,
    actor: request.actor,
    schemaVersion: 1,
    data,
    raw: '',
    related: [],
    unknown: true,
  };
}
