/**
 * Which partitions a member should hold, decided from the live members alone (no I/O): members in
 * id order, partition p to member p mod M. Every member computes the same answer from the same
 * membership, so the partitions are spread evenly (counts differ by at most one) without any
 * coordinator. A join or leave may move more partitions than strictly needed; each handover costs
 * one heartbeat and the batch in flight.
 */
export function desiredPartitions(members: readonly string[], me: string, partitions: number): number[] {
  const sorted = [...new Set(members)].sort();
  const index = sorted.indexOf(me);
  if (index < 0) return [];
  const out: number[] = [];
  for (let p = 0; p < partitions; p++) if (p % sorted.length === index) out.push(p);
  return out;
}

/** True when a checkpoint names a build followed by partitions (its own checkpoint is then unused). */
export function isPartitionedCheckpoint(checkpoint: string): boolean {
  return checkpoint.startsWith(PARTITIONED_PREFIX);
}

export const PARTITIONED_PREFIX = 'partitioned:';
