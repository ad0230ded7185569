import type { LoggedEvent } from './logged-event';

/** Read side of the per-session event log, as a feed needs it. */
export interface FeedLog {
  /** Events of `sessionId` with position > `after`, in position order, at most `limit`. */
  readAfter(sessionId: string, after: number, limit: number): Promise<LoggedEvent[]>;
}

export interface FeedOptions {
  pageSize: number;
  /** Called when a log read failed; the feed retries by itself a bounded number of times. */
  onError?: (error: unknown) => void;
  maxRetries?: number;
  retryDelayMs?: number;
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
      this.options.onError?.(error);
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

  private scheduleRetry(): void {
    if (this.closed || this.failures > (this.options.maxRetries ?? 5)) return;
    const timer = setTimeout(() => void this.catchUp(), (this.options.retryDelayMs ?? 500) * this.failures);
    timer.unref?.();
  }

  private emit(event: LoggedEvent): void {
    this.last = event.position;
    this.deliver(event);
  }
}
