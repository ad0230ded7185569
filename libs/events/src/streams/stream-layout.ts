/**
 * Stream layout (part of the wire contract; every producer and consumer must agree on it):
 * events are partitioned by aggregate into `${prefix}:p${n}` for n in [0, partitions), n = fnv1a32(aggregate_id) % partitions.
 * One aggregate always lands in one stream, so its entries are in sequence order there; a partition is consumed by
 * exactly one replica of a consumer group at a time, which keeps per-aggregate order with several replicas.
 */
export interface StreamLayout {
  /** Stream key prefix, default `cs:events`. */
  prefix: string;
  /** Number of partitions, default 8. Changing it reshuffles aggregates: only with the system drained. */
  partitions: number;
}

export const DEFAULT_STREAM_LAYOUT: StreamLayout = { prefix: 'cs:events', partitions: 8 };

export function partitionOf(aggregateId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < aggregateId.length; i++) {
    hash ^= aggregateId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

export function streamKey(layout: StreamLayout, partition: number): string {
  return `${layout.prefix}:p${partition}`;
}

export function streamFor(layout: StreamLayout, aggregateId: string): string {
  return streamKey(layout, partitionOf(aggregateId, layout.partitions));
}

export function allStreams(layout: StreamLayout): string[] {
  return Array.from({ length: layout.partitions }, (_, partition) => streamKey(layout, partition));
}
