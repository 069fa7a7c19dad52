/**
 * Serialises writers of one subject's timeline when partitions run side by side. An inquiry's
 * event is written to its account's timeline by the inquiry's partition, while the account's
 * redaction (which masks those rows) runs in the account's partition. Without an order between
 * them, a row written from a snapshot taken before the redaction committed, but committed after
 * the masking pass read the timeline, would keep PII. Both sides take a transaction-scoped
 * advisory lock on the subject's bucket before they read whether it is redacted (or mask its
 * timeline), so one of them always sees the other's commit.
 *
 * Buckets (1024, keyed in the two-integer advisory key space, class 0x5050) bound the locks a
 * batch holds; unrelated subjects in one bucket only wait for each other. Taken in ascending
 * order, so two batches never wait for each other in a cycle.
 */
import type { SqlExecutor } from '../../db/sql-client.js';
import type { Subject } from '../../events/types.js';
import { partitionOf } from '../partitions/partition-of.js';
import { subjectKey } from './plan.js';

const LOCK_CLASS = 0x5050;
const BUCKETS = 1024;

export async function lockSubjects(tx: SqlExecutor, subjects: Iterable<Subject>): Promise<void> {
  const buckets = new Set<number>();
  for (const s of subjects) buckets.add(partitionOf(subjectKey(s.kind, s.id), BUCKETS));
  if (buckets.size === 0) return;
  const sorted = [...buckets].sort((a, b) => a - b);
  // unnest hands the array out in order, and the function scan locks one element at a time.
  await tx.query(`select pg_advisory_xact_lock($1::int, b) from unnest($2::int[]) as b`, [
    LOCK_CLASS,
    sorted,
  ]);
}
