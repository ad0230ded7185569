import { InFlightLimit } from './in-flight-limit';
import { TokenBucket } from './rate-limiter';

export interface QuotaLimits {
  socketsPerUser: number;
  socketsPerAddress: number;
  joinBurst: number;
  joinPerSecond: number;
  /** Joins of one user served at once (database reads); the user's further joins wait for their own. */
  joinsInFlightPerUser: number;
}

export type QuotaRefusal = 'too_many_sockets_user' | 'too_many_sockets_address';

/** A socket's share of its user's and address's quota; `release` is idempotent. */
export interface SocketLease {
  /** The user's join budget, shared by all of that user's sockets on this replica. */
  readonly joins: TokenBucket;
  /** The user's joins in flight, shared by all of that user's sockets on this replica. */
  readonly joinsInFlight: InFlightLimit;
  release(): void;
}

interface UserEntry {
  sockets: number;
  joins: TokenBucket;
  joinsInFlight: InFlightLimit;
  /** When the last socket closed (the entry is kept until its budget has surely refilled). */
  idleSince?: number;
}

/**
 * Bounds what one user and one client address can hold on this replica: at most `socketsPerUser` and
 * `socketsPerAddress` open sockets, and one join budget per user however many sockets they open (so more sockets
 * never buy more joins, and a flood cannot crowd out other users' joins). The budget outlives the user's last socket
 * until it has refilled, so closing every socket and reconnecting does not buy a fresh burst either.
 */
export class ConnectionQuota {
  private readonly users = new Map<string, UserEntry>();
  private readonly addresses = new Map<string, number>();
  /** Users with no socket whose budget may not be full yet, in the order their last socket closed. */
  private readonly idle = new Set<string>();

  constructor(
    private readonly limits: QuotaLimits,
    private readonly now: () => number = Date.now,
  ) {}

  acquire(userId: string, address: string): { ok: true; lease: SocketLease } | { ok: false; reason: QuotaRefusal } {
    this.forgetRefilled();
    const user = this.users.get(userId);
    if ((user?.sockets ?? 0) >= this.limits.socketsPerUser) return { ok: false, reason: 'too_many_sockets_user' };
    const atAddress = this.addresses.get(address) ?? 0;
    if (atAddress >= this.limits.socketsPerAddress) return { ok: false, reason: 'too_many_sockets_address' };
    const entry = user ?? { sockets: 0, joins: new TokenBucket(this.limits.joinBurst, this.limits.joinPerSecond, this.now), joinsInFlight: new InFlightLimit(this.limits.joinsInFlightPerUser) };
    entry.sockets += 1;
    entry.idleSince = undefined;
    this.idle.delete(userId);
    this.users.set(userId, entry);
    this.addresses.set(address, atAddress + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      entry.sockets -= 1;
      if (entry.sockets === 0) {
        entry.idleSince = this.now();
        this.idle.add(userId);
      }
      const left = (this.addresses.get(address) ?? 1) - 1;
      if (left === 0) this.addresses.delete(address);
      else this.addresses.set(address, left);
    };
    return { ok: true, lease: { joins: entry.joins, joinsInFlight: entry.joinsInFlight, release } };
  }

  /** Users whose last socket closed long enough ago for a full budget are forgotten (oldest first). */
  private forgetRefilled(): void {
    const refillMs = (this.limits.joinBurst / this.limits.joinPerSecond) * 1000;
    for (const userId of this.idle) {
      const entry = this.users.get(userId);
      if (entry?.idleSince !== undefined && this.now() - entry.idleSince < refillMs) return;
      this.idle.delete(userId);
      if (entry?.sockets === 0) this.users.delete(userId);
    }
  }

  socketsOf(userId: string): number {
    return this.users.get(userId)?.sockets ?? 0;
  }

  socketsAt(address: string): number {
    return this.addresses.get(address) ?? 0;
  }
}
