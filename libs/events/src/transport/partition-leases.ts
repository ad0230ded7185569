import { Logger } from '@nestjs/common';
import type { LeaseStore } from '../broker/stream-broker';
import { fnv1a32 } from '../streams/stream-layout';

export interface LeaseCallbacks {
  acquired(partition: number): void;
  /** Must stop reading the partition (and finish in-flight work) before resolving; the lease is released after. */
  surrender(partition: number): Promise<void>;
  lost(partition: number): void;
}

/**
 * Exclusive partition ownership inside one consumer group: a lease per partition (set if absent with a TTL,
 * renewed), live replicas tracked by heartbeats, each replica holding at most ceil(partitions / live replicas).
 */
export class PartitionLeases {
  private readonly logger = new Logger(PartitionLeases.name);
  private readonly held = new Map<number, number>();

  constructor(
    private readonly store: LeaseStore,
    private readonly keyPrefix: string,
    private readonly replica: string,
    private readonly partitions: number,
    private readonly ttlMs: number,
    private readonly callbacks: LeaseCallbacks,
  ) {}

  /** True while this replica's lease is certainly still valid (renewed less than ttl minus one renew ago). */
  holds(partition: number): boolean {
    return (this.held.get(partition) ?? 0) > Date.now();
  }

  owned(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  async tick(renewIntervalMs: number): Promise<void> {
    const startedAt = Date.now();
    const validUntil = startedAt + this.ttlMs - renewIntervalMs;
    const replicas = `${this.keyPrefix}:replicas`;
    const live = Math.max(1, await this.store.heartbeat(replicas, this.replica, startedAt, this.ttlMs));
    const share = Math.ceil(this.partitions / live);

    // The renewals together (one round trip on an auto-pipelined connection), then the acquisitions in rounds of as
    // many candidates as partitions are missing, in this replica's order.
    const owned = this.owned();
    const renewed = await Promise.all(owned.map((partition) => this.store.renew(this.leaseKey(partition), this.replica, this.ttlMs)));
    owned.forEach((partition, i) => (renewed[i] ? this.held.set(partition, validUntil) : this.forget(partition)));
    for (const partition of this.owned().slice(share)) await this.release(partition);
    const offset = fnv1a32(this.replica) % this.partitions;
    const candidates = Array.from({ length: this.partitions }, (_, i) => (offset + i) % this.partitions).filter((p) => !this.held.has(p));
    while (this.held.size < share && candidates.length > 0) {
      const round = candidates.splice(0, share - this.held.size);
      const taken = await Promise.all(round.map((partition) => this.store.acquire(this.leaseKey(partition), this.replica, this.ttlMs)));
      round.forEach((partition, i) => {
        if (!taken[i]) return;
        this.held.set(partition, validUntil);
        this.callbacks.acquired(partition);
      });
    }
  }

  async releaseAll(): Promise<void> {
    for (const partition of this.owned()) await this.release(partition);
    await this.store.leave(`${this.keyPrefix}:replicas`, this.replica).catch(() => undefined);
  }

  private async release(partition: number): Promise<void> {
    await this.callbacks.surrender(partition);
    this.held.delete(partition);
    await this.store.release(this.leaseKey(partition), this.replica).catch((error: Error) => {
      this.logger.warn({ msg: 'lease release failed; it expires by itself', partition, error: error.message });
    });
  }

  private forget(partition: number): void {
    this.held.delete(partition);
    this.logger.warn({ msg: 'partition lease lost', partition, replica: this.replica });
    this.callbacks.lost(partition);
  }

  private leaseKey(partition: number): string {
    return `${this.keyPrefix}:lease:p${partition}`;
  }
}
