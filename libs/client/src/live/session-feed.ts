import type { LiveEvent } from '../events/live-event';

export type JoinAck = { ok: true } | { ok: false; error: { code: string; message: string } };

/** What a subscriber of one session hears. */
export interface SessionFeedHandler {
  onEvent(event: LiveEvent): void;
  /** The gateway no longer holds the events since the last one seen (SINCE_UNKNOWN): reload the view over HTTP. */
  onResync(): void;
  /**
   * Joined (again): live events flow from here. `resumed`: the join carried `since` and the gateway replays what
   * came after it, so nothing was missed; otherwise the feed starts at the gateway's head and whatever happened
   * before this moment is only in the read model (read the view now, after the acknowledgement).
   */
  onJoined?(join: { resumed: boolean }): void;
  /** A join refused for good (NOT_FOUND, INVALID_REQUEST, TOO_MANY_SESSIONS). */
  onJoinError?(error: { code: string; message: string }): void;
}

export interface FeedTiming {
  /** NOT_FOUND right after a session was created: the gateway may not have seen session.created yet */
  notFoundRetries: number;
  retryDelayMs: (attempt: number) => number;
}

export const DEFAULT_FEED_TIMING: FeedTiming = {
  notFoundRetries: 4,
  retryDelayMs: (attempt) => Math.min(250 * 2 ** attempt, 4_000),
};

/** How a feed reaches the gateway: the live client gives it the socket's emit-with-ack. */
export type JoinFn = (body: { session_id: string; since?: string }) => Promise<JoinAck>;

const SEEN_KEPT = 2_000;

/**
 * One session's feed: the resume logic, apart from Socket.IO. It remembers the last event id seen and asks the
 * gateway for what came after it on every (re)join (`since`), so a reconnect has no gap; it drops events already
 * seen (a replay can overlap live delivery), so there are no duplicates; on SINCE_UNKNOWN it joins without `since`
 * and tells its handler to reload; transient refusals are retried with backoff.
 */
export class SessionFeed {
  private lastEventId: string | undefined;
  private readonly seen = new Set<string>();
  private generation = 0;
  private joinedBefore = false;
  private closed = false;

  constructor(
    readonly sessionId: string,
    private readonly handler: SessionFeedHandler,
    private readonly timing: FeedTiming = DEFAULT_FEED_TIMING,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  get lastSeen(): string | undefined {
    return this.lastEventId;
  }

  /** Called on every connect; a newer call (a reconnect) supersedes one still retrying. */
  async join(join: JoinFn): Promise<void> {
    const generation = ++this.generation;
    let notFound = 0;
    let transient = 0;
    let since = this.lastEventId;
    while (!this.closed && generation === this.generation) {
      const ack = await join(since === undefined ? { session_id: this.sessionId } : { session_id: this.sessionId, since }).catch(
        (): JoinAck => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'no acknowledgement' } }),
      );
      if (this.closed || generation !== this.generation) return;
      if (ack.ok) {
        // a rejoin that could not resume from an event (none seen yet, or SINCE_UNKNOWN) may have missed some
        const resync = this.joinedBefore && since === undefined;
        this.joinedBefore = true;
        this.handler.onJoined?.({ resumed: since !== undefined });
        if (resync) this.handler.onResync();
        return;
      }
      const { code } = ack.error;
      if (code === 'SINCE_UNKNOWN') {
        since = undefined;
        continue;
      }
      if (code === 'NOT_FOUND' && notFound < this.timing.notFoundRetries) {
        await this.sleep(this.timing.retryDelayMs(notFound++));
        continue;
      }
      if (code === 'RATE_LIMITED' || code === 'UNAVAILABLE') {
        await this.sleep(this.timing.retryDelayMs(Math.min(transient++, 4)));
        continue;
      }
      this.handler.onJoinError?.(ack.error);
      return;
    }
  }

  /** An event of this session from the socket: handed on once, in arrival order. */
  receive(event: LiveEvent): void {
    if (this.closed || this.seen.has(event.event_id)) return;
    this.seen.add(event.event_id);
    if (this.seen.size > SEEN_KEPT) this.seen.delete(this.seen.values().next().value as string);
    this.lastEventId = event.event_id;
    this.handler.onEvent(event);
  }

  close(): void {
    this.closed = true;
  }
}
