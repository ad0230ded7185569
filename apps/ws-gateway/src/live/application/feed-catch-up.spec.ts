import { randomUUID } from 'node:crypto';
import type { LoggedEvent } from '../domain/logged-event';
import { SessionFeed } from '../domain/session-feed';
import { FeedCatchUp } from './feed-catch-up';
import { FeedRegistry } from './feed-registry';
import type { EventLogReader, FeedMonitor } from './ports';

/** An in-memory log of several sessions; counts reads and can fail its heads read. */
class MemoryLog implements EventLogReader {
  readonly rows = new Map<string, LoggedEvent[]>();
  readonly headReads: string[][] = [];
  reads = 0;
  failHeads = false;

  append(sessionId: string): LoggedEvent {
    const rows = this.rows.get(sessionId) ?? [];
    const event: LoggedEvent = {
      position: rows.length + 1,
      event_id: randomUUID(),
      event_type: 'cycle.created',
      session_id: sessionId,
      aggregate_id: 'a',
      occurred_at: new Date(0).toISOString(),
      sequence: rows.length + 1,
      correlation_id: null,
      causation_id: null,
      data: { session_id: sessionId },
    };
    rows.push(event);
    this.rows.set(sessionId, rows);
    return event;
  }

  async readAfter(sessionId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    this.reads++;
    return (this.rows.get(sessionId) ?? []).filter((row) => row.position > after).slice(0, limit);
  }

  async positionOf(): Promise<number | null> {
    return null;
  }

  async head(sessionId: string): Promise<number> {
    return this.rows.get(sessionId)?.length ?? 0;
  }

  async heads(sessionIds: readonly string[]): Promise<Map<string, number>> {
    this.headReads.push([...sessionIds]);
    if (this.failHeads) throw new Error('database unavailable');
    return new Map(sessionIds.filter((id) => this.rows.has(id)).map((id) => [id, this.rows.get(id)!.length]));
  }
}

class CountingMonitor implements FeedMonitor {
  readFailures = 0;
  caughtUpFeeds = 0;
  checkFailures = 0;
  readFailed(): void {
    this.readFailures++;
  }
  caughtUp(count: number): void {
    this.caughtUpFeeds += count;
  }
  checkFailed(): void {
    this.checkFailures++;
  }
}

function world() {
  const log = new MemoryLog();
  const registry = new FeedRegistry();
  const monitor = new CountingMonitor();
  const catchUp = new FeedCatchUp(registry, log, monitor, { feedCatchUpIntervalMs: 60_000 });
  const open = (sessionId: string) => {
    const received: number[] = [];
    const feed = new SessionFeed(sessionId, 0, log, (event) => received.push(event.position), { pageSize: 100 });
    registry.add(feed);
    return { feed, received };
  };
  return { log, registry, monitor, catchUp, open };
}

describe('FeedCatchUp', () => {
  it('reads nothing when this replica has no feeds', async () => {
    const { log, catchUp } = world();
    log.append(randomUUID());
    expect(await catchUp.check()).toBe(0);
    expect(log.headReads).toEqual([]);
  });

  it('reads the heads of the joined sessions only, in one read', async () => {
    const { log, catchUp, open } = world();
    const joined = [randomUUID(), randomUUID()];
    for (const sessionId of joined) open(sessionId);
    log.append(randomUUID());
    await catchUp.check();
    expect(log.headReads).toHaveLength(1);
    expect([...log.headReads[0]].sort()).toEqual([...joined].sort());
  });

  it('delivers an event whose announcement was lost by the second check, in order, once', async () => {
    const { log, monitor, catchUp, open } = world();
    const sessionId = randomUUID();
    const { feed, received } = open(sessionId);
    feed.offer(log.append(sessionId));
    log.append(sessionId);
    log.append(sessionId); // Two events whose announcements never come, and the session goes quiet.
    expect(await catchUp.check()).toBe(0);
    expect(await catchUp.check()).toBe(1);
    await feed.catchUp();
    expect(received).toEqual([1, 2, 3]);
    expect(monitor.caughtUpFeeds).toBe(1);
    expect(await catchUp.check()).toBe(0);
  });

  it('leaves an announcement in flight alone: a feed that caught up before the next check does not read', async () => {
    const { log, catchUp, open } = world();
    const sessionId = randomUUID();
    const { feed, received } = open(sessionId);
    const event = log.append(sessionId);
    await catchUp.check();
    feed.offer(event);
    const readsBefore = log.reads;
    expect(await catchUp.check()).toBe(0);
    expect(log.reads).toBe(readsBefore);
    expect(received).toEqual([1]);
  });

  it('a failed heads read is counted and logged, and the next check works', async () => {
    const { log, monitor, catchUp, open } = world();
    const sessionId = randomUUID();
    const { feed, received } = open(sessionId);
    log.append(sessionId);
    log.failHeads = true;
    expect(await catchUp.check()).toBe(0);
    expect(monitor.checkFailures).toBe(1);
    log.failHeads = false;
    await catchUp.check();
    expect(await catchUp.check()).toBe(1);
    await feed.catchUp();
    expect(received).toEqual([1]);
  });
});
