import type { LoggedEvent } from './logged-event';

/** Read side of the per-session event log, as a feed needs it. */
export interface FeedLog {
  /** Events of `sessionId` with position > `after`, in position order, at most `limit`. */
  readAfter(sessionId: string, after: number, limit: number): Promise<LoggedEvent[]>;
}

export interface FeedOptions {
  pageSize: number;
  /** Called on every failed log read, with the failures in a row; the feed keeps retrying (it never gives up). */
  onError?: (error: unknown, failures: number) => void;
  /** First retry delay; it doubles with each failure in a row, up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * What one socket receives of one session: every logged event after `startAfter`, in log position order, each
 * once, without gaps.
 *
 * Why it works: the log assigns positions per session in commit order and without holes (see PgEventLogStore), and
 * a live event is only announced after its row committed. So when a live event does not directly follow what this
 * socket got (it arrived out of order, while a replay was running, or an announcement was lost), everything between
 * is already readable in the log: the feed reads the log from its position instead of buffering. Live events at or
 * below the position are duplicates and are dropped. A replay (`since`) is the same read, started at that event.
 * When no later event comes to reveal a lost announcement (the session went quiet), the gateway's periodic
 * catch-up (FeedCatchUp) compares the log's head with `position` and calls `catchUp` for feeds that are behind.
 */
export class SessionFeed {
  private last: number;
  private busy = false;
  private again = false;
  private closed = false;
  private failures = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    readonly sessionId: string,
    startAfter: number,
    private readonly log: FeedLog,
    private readonly deliver: (event: LoggedEvent) => void,
    private readonly options: FeedOptions,
  ) {
    this.last = startAfter;
  }

  /** Position of the last event delivered (or the start position). */
  get position(): number {
    return this.last;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Whether the log's head (a committed position) is past what this feed delivered: an announcement was lost or is late. */
  isBehind(head: number): boolean {
    return !this.closed && head > this.last;
  }

  /** Failed reads in a row (0 once a read succeeded). */
  get failuresInARow(): number {
    return this.failures;
  }

  /** Delivers everything the log holds after the current position; resolves when caught up. */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.busy) {
      this.again = true;
      return this.running;
    }
    this.busy = true;
    this.running = this.drain();
    return this.running;
  }

  /** A live event announced for this session. */
  offer(event: LoggedEvent): void {
    if (this.closed || event.position <= this.last) return;
    if (!this.busy && event.position === this.last + 1) {
      this.emit(event);
      return;
    }
    void this.catchUp();
  }

  close(): void {
    this.closed = true;
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.readThrough();
      } while (this.again && !this.closed);
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      this.options.onError?.(error, this.failures);
      this.scheduleRetry();
    } finally {
      this.busy = false;
    }
  }

  private async readThrough(): Promise<void> {
    for (;;) {
      const page = await this.log.readAfter(this.sessionId, this.last, this.options.pageSize);
      for (const event of page) {
        if (this.closed) return;
        if (event.position > this.last) this.emit(event);
      }
      if (page.length < this.options.pageSize) return;
    }
  }

  /** Retries until a read succeeds or the feed closes: exponential backoff, capped, so a long outage costs little. */
  private scheduleRetry(): void {
    if (this.closed) return;
    const base = this.options.retryDelayMs ?? 500;
    const delay = Math.min(base * 2 ** Math.min(this.failures - 1, 20), this.options.maxRetryDelayMs ?? 10_000);
    const timer = setTimeout(() => void this.catchUp(), delay);
    timer.unref?.();
  }

  private emit(event: LoggedEvent): void {
    this.last = event.position;
    this.deliver(event);
  }
}
