import type { AuthUser } from './auth-user';

interface Entry {
  user: AuthUser;
  /** Epoch ms after which the entry is no longer used: the token's expiry (plus the clock tolerance) or the TTL. */
  until: number;
}

/**
 * Tokens whose signature and claims were verified, for a short time: a client sends the same bearer token with
 * every request, and checking its HMAC/RSA signature each time was the largest single cost of a command (issue 17).
 * An entry is used only until the token expires (with the verifier's clock tolerance) and at most `ttlMs` after it
 * was verified, so a key rotated out of the issuer's JWKS stops admitting its tokens within `ttlMs`. Bounded: the
 * oldest entry goes first. Only tokens that verified are kept; a refused token is checked again every time.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 2_000,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(token: string): AuthUser | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() > entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return copy(entry.user);
  }

  /** `expiresAtS`: the token's exp claim (seconds); `toleranceS`: the verifier's clock tolerance. */
  set(token: string, user: AuthUser, expiresAtS: number, toleranceS: number): void {
    const now = this.now();
    const until = Math.min((expiresAtS + toleranceS) * 1000, now + this.ttlMs);
    if (!(until > now)) return;
    this.entries.delete(token);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { user: copy(user), until });
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Callers get their own object: changing it never changes what the next request is given. */
function copy(user: AuthUser): AuthUser {
  return { ...user, roles: [...user.roles] };
}
