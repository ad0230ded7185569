/**
 * At most `limit` tasks at once through this gate; the others wait their turn in arrival order. One gate per user
 * (ConnectionQuota): a user with many joins in flight queues behind their own joins only, so the shared resources a
 * join uses (the database pool, the authorizer) stay free for everyone else's.
 */
export class InFlightLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running += 1;
    // The place is handed over by the task that finishes (running stays counted), so no newcomer can overtake.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }
}
