import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { LoggedEvent } from './logged-event';
import { FeedLog, SessionFeed } from './session-feed';

const SESSION = randomUUID();

function logged(position: number): LoggedEvent {
  return {
    position,
    event_id: `e${position}`,
    event_type: 'cycle.created',
    session_id: SESSION,
    aggregate_id: 'a',
    occurred_at: new Date(0).toISOString(),
    sequence: position,
    correlation_id: null,
    causation_id: null,
    data: { session_id: SESSION },
  };
}

/** An in-memory log; `gate` lets a test hold a read open while live events arrive. */
class MemoryLog implements FeedLog {
  readonly rows: LoggedEvent[] = [];
  reads = 0;
  gate?: Promise<void>;
  /** Reads still to fail. */
  failing = 0;

  append(count: number): LoggedEvent[] {
    const added = Array.from({ length: count }, (_, index) => logged(this.rows.length + index + 1));
    this.rows.push(...added);
    return added;
  }

  async readAfter(_sessionId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    this.reads++;
    const snapshot = this.rows.filter((row) => row.position > after).slice(0, limit);
    await this.gate;
    if (this.failing > 0) {
      this.failing--;
      throw new Error('database unavailable');
    }
    return snapshot;
  }
}

function feedOver(log: MemoryLog, startAfter: number, pageSize = 3) {
  const received: number[] = [];
  const feed = new SessionFeed(SESSION, startAfter, log, (event) => received.push(event.position), { pageSize, retryDelayMs: 1 });
  return { feed, received };
}

describe('SessionFeed', () => {
  it('replays everything after the start position in pages, then delivers live events in order without reading', async () => {
    const log = new MemoryLog();
    log.append(7);
    const { feed, received } = feedOver(log, 2);
    await feed.catchUp();
    expect(received).toEqual([3, 4, 5, 6, 7]);
    const readsAfterReplay = log.reads;
    for (const event of log.append(2)) feed.offer(event);
    expect(received).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(log.reads).toBe(readsAfterReplay);
  });

  it('drops duplicates and events at or below its position', async () => {
    const log = new MemoryLog();
    const { feed, received } = feedOver(log, 0);
    const [first, second] = log.append(2);
    feed.offer(first);
    feed.offer(first);
    feed.offer(second);
    feed.offer(first);
    expect(received).toEqual([1, 2]);
  });

  it('fills a gap from the log when a later event arrives first', async () => {
    const log = new MemoryLog();
    const { feed, received } = feedOver(log, 0);
    const events = log.append(4);
    feed.offer(events[3]);
    await feed.catchUp();
    feed.offer(events[1]);
    feed.offer(events[2]);
    expect(received).toEqual([1, 2, 3, 4]);
  });

  it('live events arriving during a replay come after it, once, with nothing lost at the boundary', async () => {
    const log = new MemoryLog();
    log.append(5);
    const { feed, received } = feedOver(log, 0, 100);
    let open!: () => void;
    log.gate = new Promise<void>((resolve) => (open = resolve));
    const replay = feed.catchUp();
    // Committed after the replay's snapshot, announced while it is still running.
    const late = log.append(2);
    for (const event of late) feed.offer(event);
    log.gate = undefined;
    open();
    await replay;
    expect(received).toEqual([1, 2, 3, 4, 5, 6, 7]);
    feed.offer(late[0]);
    feed.offer(log.append(1)[0]);
    expect(received).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps retrying failed reads with growing delays (past any fixed count), reporting each failure, then delivers', async () => {
    const log = new MemoryLog();
    log.append(3);
    const failures: number[] = [];
    const received: number[] = [];
    const feed = new SessionFeed(SESSION, 0, log, (event) => received.push(event.position), {
      pageSize: 10,
      retryDelayMs: 1,
      maxRetryDelayMs: 8,
      onError: (_error, inARow) => failures.push(inARow),
    });
    log.failing = 9;
    await feed.catchUp();
    await waitFor(() => received.length === 3, { timeoutMs: 5_000, what: 'the events after nine failed reads' });
    expect(received).toEqual([1, 2, 3]);
    expect(failures).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(feed.failuresInARow).toBe(0);
  });

  it('is behind a head past its position, never when caught up or closed', async () => {
    const log = new MemoryLog();
    log.append(2);
    const { feed } = feedOver(log, 0);
    expect(feed.isBehind(2)).toBe(true);
    await feed.catchUp();
    expect(feed.isBehind(2)).toBe(false);
    expect(feed.isBehind(3)).toBe(true);
    feed.close();
    expect(feed.isBehind(3)).toBe(false);
  });

  it('a closed feed delivers nothing more', async () => {
    const log = new MemoryLog();
    const { feed, received } = feedOver(log, 0);
    feed.close();
    for (const event of log.append(2)) feed.offer(event);
    await feed.catchUp();
    expect(received).toEqual([]);
  });
});
