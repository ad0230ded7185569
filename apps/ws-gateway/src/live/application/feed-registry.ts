import { Injectable } from '@nestjs/common';
import type { LoggedEvent } from '../domain/logged-event';
import type { SessionFeed } from '../domain/session-feed';

/** This replica's open feeds by session: where an announced event goes. */
@Injectable()
export class FeedRegistry {
  private readonly bySession = new Map<string, Set<SessionFeed>>();

  add(feed: SessionFeed): void {
    const feeds = this.bySession.get(feed.sessionId) ?? new Set<SessionFeed>();
    feeds.add(feed);
    this.bySession.set(feed.sessionId, feeds);
  }

  remove(feed: SessionFeed): void {
    feed.close();
    const feeds = this.bySession.get(feed.sessionId);
    if (!feeds) return;
    feeds.delete(feed);
    if (feeds.size === 0) this.bySession.delete(feed.sessionId);
  }

  dispatch(event: LoggedEvent): number {
    const feeds = this.bySession.get(event.session_id);
    if (!feeds) return 0;
    for (const feed of feeds) feed.offer(event);
    return feeds.size;
  }

  /** Sessions with at least one open feed on this replica. */
  sessions(): string[] {
    return [...this.bySession.keys()];
  }

  feedsOf(sessionId: string): readonly SessionFeed[] {
    return [...(this.bySession.get(sessionId) ?? [])];
  }

  get feedCount(): number {
    let count = 0;
    for (const feeds of this.bySession.values()) count += feeds.size;
    return count;
  }
}
