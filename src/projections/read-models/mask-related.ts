/**
 * A subject redacted in a batch: its timeline also holds other streams' events (an account shows
 * its inquiries'); those rows are masked with the PII paths of the aggregate that made the change.
 */
import type { Change } from '../../aggregates/aggregate.js';
import { aggregateForStream } from '../../aggregates/registry.js';
import type { SqlExecutor } from '../../db/sql-client.js';
import { maskChanges } from './mask.js';
import type { Outcome } from './plan.js';
import { selectOthersOnTimelines, updateChanges } from './statements.js';

export async function maskSubjectTimelines(
  tx: SqlExecutor,
  table: string,
  redactedNow: readonly Pick<Outcome, 'origin' | 'streamId'>[],
): Promise<void> {
  const { rows } = await tx.query<{
    subject_kind: string;
    subject_id: string;
    event_id: string;
    stream_id: string;
    changes: Change[];
  }>(selectOthersOnTimelines(table), [
    redactedNow.map((o) => o.origin.kind),
    redactedNow.map((o) => o.origin.id),
    redactedNow.map((o) => o.streamId),
  ]);
  const u = { kind: [] as string[], id: [] as string[], eventId: [] as string[], changes: [] as string[] };
  for (const r of rows) {
    const def = aggregateForStream(r.stream_id);
    const before = JSON.stringify(r.changes);
    const after = JSON.stringify(maskChanges(r.changes, def?.piiPaths ?? []));
    if (before === after) continue;
    u.kind.push(r.subject_kind);
    u.id.push(r.subject_id);
    u.eventId.push(r.event_id);
    u.changes.push(after);
  }
  if (u.kind.length === 0) return;
  await tx.query(updateChanges(table), [u.kind, u.id, u.eventId, u.changes]);
}
