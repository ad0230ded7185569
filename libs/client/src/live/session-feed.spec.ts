import { renamed } from '../testing/fixtures';
import type { LiveEvent } from '../events/live-event';
import { JoinAck, SessionFeed, SessionFeedHandler } from './session-feed';

const SESSION = '0192f0a0-0000-7000-8000-0000000000a1';
const noWait = { notFoundRetries: 2, retryDelayMs: () => 0 };

function recorder() {
  const events: LiveEvent[] = [];
  const calls: string[] = [];
  const handler: SessionFeedHandler = {
    onEvent: (event) => events.push(event),
    onResync: () => calls.push('resync'),
    onJoined: ({ resumed }) => calls.push(resumed ? 'resumed' : 'joined'),
    onJoinError: (error) => calls.push(`error ${error.code}`),
  };
  return { events, calls, handler };
}

/** A gateway that answers each join with the next scripted ack and records the bodies. */
function gateway(...acks: JoinAck[]) {
  const bodies: Array<{ session_id: string; since?: string }> = [];
  return {
    bodies,
    join: async (body: { session_id: string; since?: string }) => {
      bodies.push(body);
      return acks.shift() ?? { ok: true as const };
    },
  };
}

const refused = (code: string): JoinAck => ({ ok: false, error: { code, message: code } });

describe('SessionFeed (resume logic)', () => {
  it('rejoins after a reconnect from the last event seen, and drops what the replay repeats', async () => {
    const { events, calls, handler } = recorder();
    const feed = new SessionFeed(SESSION, handler, noWait, async () => undefined);
    const g = gateway();
    await feed.join(g.join);
    const [a, b, c] = [renamed(1, 'a'), renamed(2, 'b'), renamed(3, 'c')];
    feed.receive(a);
    feed.receive(b);
    await feed.join(g.join); // the socket reconnected
    feed.receive(b); // replayed by the gateway and also delivered live
    feed.receive(c);
    expect(g.bodies).toEqual([{ session_id: SESSION }, { session_id: SESSION, since: b.event_id }]);
    expect(events.map((e) => e.event_id)).toEqual([a.event_id, b.event_id, c.event_id]);
    // the first join starts at the gateway's head (the store reads its view after it); the rejoin resumes
    expect(calls).toEqual(['joined', 'resumed']);
  });

  it('on SINCE_UNKNOWN joins without since and asks for a reload', async () => {
    const { calls, handler } = recorder();
    const feed = new SessionFeed(SESSION, handler, noWait, async () => undefined);
    await feed.join(gateway().join);
    const seen = renamed(1, 'a');
    feed.receive(seen);
    const g = gateway(refused('SINCE_UNKNOWN'));
    await feed.join(g.join);
    expect(g.bodies).toEqual([{ session_id: SESSION, since: seen.event_id }, { session_id: SESSION }]);
    expect(calls).toEqual(['joined', 'joined', 'resync']);
  });

  it('a rejoin before any event was seen cannot resume from one: it asks for a reload', async () => {
    const { calls, handler } = recorder();
    const feed = new SessionFeed(SESSION, handler, noWait, async () => undefined);
    await feed.join(gateway().join);
    await feed.join(gateway().join);
    expect(calls).toEqual(['joined', 'joined', 'resync']);
  });

  it('retries NOT_FOUND a bounded number of times (a session created a moment ago), then reports it', async () => {
    const { calls, handler } = recorder();
    const sleeps: number[] = [];
    const feed = new SessionFeed(SESSION, handler, { notFoundRetries: 2, retryDelayMs: (n) => 100 * (n + 1) }, async (ms) => void sleeps.push(ms));
    const g = gateway(refused('NOT_FOUND'), refused('NOT_FOUND'), refused('NOT_FOUND'));
    await feed.join(g.join);
    expect(g.bodies).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
    expect(calls).toEqual(['error NOT_FOUND']);
  });

  it('retries RATE_LIMITED, UNAVAILABLE and a lost acknowledgement until joined', async () => {
    const { calls, handler } = recorder();
    const feed = new SessionFeed(SESSION, handler, noWait, async () => undefined);
    let n = 0;
    await feed.join(async () => {
      n += 1;
      if (n === 1) return refused('RATE_LIMITED');
      if (n === 2) throw new Error('ack timeout');
      if (n === 3) return refused('UNAVAILABLE');
      return { ok: true };
    });
    expect(n).toBe(4);
    expect(calls).toEqual(['joined']);
  });

  it('a newer join supersedes one still retrying, and a closed feed hands on nothing', async () => {
    const { events, calls, handler } = recorder();
    let release: (() => void) | undefined;
    const feed = new SessionFeed(SESSION, handler, noWait, () => new Promise<void>((resolve) => (release = resolve)));
    const first = feed.join(gateway(refused('UNAVAILABLE'), { ok: true }).join);
    // the first join waits before its retry
    for (let tick = 0; tick < 100 && !release; tick++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(release).toBeDefined();
    await feed.join(gateway().join);
    release!();
    await first;
    expect(calls).toEqual(['joined']);
    feed.close();
    feed.receive(renamed(1, 'late'));
    expect(events).toEqual([]);
  });
});
