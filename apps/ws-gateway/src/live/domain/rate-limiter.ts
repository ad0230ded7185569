/**
 * Token bucket: `burst` requests at once, refilled at `perSecond`. Also counts refusals so a client that keeps
 * flooding after being refused can be dropped rather than answered forever.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private refusedInARow = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** true if the request may proceed. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.perSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return true;
    }
    this.refusedInARow += 1;
    return false;
  }

  /** Refusals since the last accepted request. */
  get refusals(): number {
    return this.refusedInARow;
  }
}
