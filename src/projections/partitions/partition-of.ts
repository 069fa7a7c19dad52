/**
 * Which partition a stream belongs to: FNV-1a (32 bit) of the stream id's UTF-16 code units, modulo
 * the partition count. Every event of a stream lands in the same partition, so a partition sees
 * each of its streams whole and in order. The function must never change: a partitioned build
 * records its count, and a different hash would hand streams to partitions that never saw them.
 */
export function partitionOf(streamId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) {
    h ^= streamId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % partitions;
}
