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

/** 32-bit FNV-1a over the string's UTF-16 code units, unsigned. */
export function fnv1a32(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function partitionOf(aggregateId: string, partitions: number): number {
  return fnv1a32(aggregateId) % partitions;
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
