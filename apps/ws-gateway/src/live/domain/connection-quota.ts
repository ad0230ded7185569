import { TokenBucket } from './rate-limiter';

export interface QuotaLimits {
  socketsPerUser: number;
  socketsPerAddress: number;
  joinBurst: number;
  joinPerSecond: number;
}

export type QuotaRefusal = 'too_many_sockets_user' | 'too_many_sockets_address';

/** A socket's share of its user's and address's quota; `release` is idempotent. */
export interface SocketLease {
  /** The user's join budget, shared by all of that user's sockets on this replica. */
  readonly joins: TokenBucket;
  release(): void;
}

interface UserEntry {
  sockets: number;
  joins: TokenBucket;
}

/**
 * Bounds what one user and one client address can hold on this replica: at most `socketsPerUser` and
 * `socketsPerAddress` open sockets, and one join budget per user however many sockets they open (so more sockets
 * never buy more joins, and a flood cannot crowd out other users' joins).
 */
export class ConnectionQuota {
  private readonly users = new Map<string, UserEntry>();
  private readonly addresses = new Map<string, number>();

  constructor(
    private readonly limits: QuotaLimits,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(userId: string, address: string): { ok: true; lease: SocketLease } | { ok: false; reason: QuotaRefusal } {
    const user = this.users.get(userId);
    if ((user?.sockets ?? 0) >= this.limits.socketsPerUser) return { ok: false, reason: 'too_many_sockets_user' };
    const atAddress = this.addresses.get(address) ?? 0;
    if (atAddress >= this.limits.socketsPerAddress) return { ok: false, reason: 'too_many_sockets_address' };
    const entry = user ?? { sockets: 0, joins: new TokenBucket(this.limits.joinBurst, this.limits.joinPerSecond, this.now) };
    entry.sockets += 1;
    this.users.set(userId, entry);
    this.addresses.set(address, atAddress + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.sockets -= 1;
      if (entry.sockets === 0) this.users.delete(userId);
      const left = (this.addresses.get(address) ?? 1) - 1;
      if (left === 0) this.addresses.delete(address);
      else this.addresses.set(address, left);
    };
    return { ok: true, lease: { joins: entry.joins, release } };
  }

  socketsOf(userId: string): number {
    return this.users.get(userId)?.sockets ?? 0;
  }

  socketsAt(address: string): number {
    return this.addresses.get(address) ?? 0;
  }
}
