import type { LeaseStore } from './stream-broker';

/** Leases and heartbeats in this process's memory, with the same expiry rules as the Redis store. */
export class InMemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  private readonly replicas = new Map<string, Map<string, number>>();

  async heartbeat(key: string, replica: string, now: number, ttlMs: number): Promise<number> {
    const seen = this.replicas.get(key) ?? new Map<string, number>();
    this.replicas.set(key, seen);
    seen.set(replica, now);
    for (const [name, at] of seen) if (at <= now - ttlMs) seen.delete(name);
    return seen.size;
  }

  async leave(key: string, replica: string): Promise<void> {
    this.replicas.get(key)?.delete(replica);
  }

  async acquire(key: string, replica: string, ttlMs: number): Promise<boolean> {
    if (this.holder(key) !== undefined) return false;
    this.leases.set(key, { holder: replica, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async renew(key: string, replica: string, ttlMs: number): Promise<boolean> {
    if (this.holder(key) !== replica) return false;
    this.leases.set(key, { holder: replica, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async release(key: string, replica: string): Promise<void> {
    if (this.holder(key) === replica) this.leases.delete(key);
  }

  private holder(key: string): string | undefined {
    const lease = this.leases.get(key);
    if (lease && lease.expiresAt <= Date.now()) this.leases.delete(key);
    return this.leases.get(key)?.holder;
  }
}
