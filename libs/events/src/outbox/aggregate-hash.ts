import { fnv1a32 } from '../streams/stream-layout';

/**
 * The layout's fnv1a32 hash of an aggregate id, unreduced (`partitionOf(id, n)` is `hash % n`); storing it lets SQL
 * compute any layout's partition.
 */
export function aggregateHash(aggregateId: string): number {
  return fnv1a32(aggregateId);
}
