import { partitionOf } from '../streams/stream-layout';

/**
 * The layout's fnv1a32 hash of an aggregate id, unreduced. `partitionOf(id, n)` is `hash % n` on an unsigned 32-bit
 * hash, so with n = 2^32 it returns the hash itself; storing it lets SQL compute any layout's partition.
 */
export function aggregateHash(aggregateId: string): number {
  return partitionOf(aggregateId, 0x1_0000_0000);
}
