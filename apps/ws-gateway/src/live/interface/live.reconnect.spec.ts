import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import { DataSource } from 'typeorm';
import { FeedRegistry } from '../application/feed-registry';
import { ClientEvent, GatewayWorld, join, record, RunningGateway } from '../../testing/gateway-harness';

describe('ws-gateway /live: reconnecting with since', () => {
  let world: GatewayWorld;
  let gateway: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create();
    gateway = await world.startGateway();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('replays what was missed, then live events: no gap, no duplicate', async () => {
    const owner = randomUUID();
    const token = await world.token(owner);
    const sessionId = await world.createSession(owner);
    const first = await world.connect(gateway, { token });
    const before = record(first);
    expect(await world.joinWhenKnown(first, sessionId)).toEqual({ ok: true });
    const cycleA = world.cycleEvents(sessionId, 9);
    const cycleB = world.cycleEvents(sessionId, 9);
    await world.publish([...cycleA.slice(0, 3), ...cycleB.slice(0, 3)]);
    await waitFor(() => before.filter((event) => event.event_type !== 'session.created').length === 6, { what: 'first six' });
    first.disconnect();
    const lastSeen = before.at(-1)!.event_id;
    // The server let go of the disconnected socket's feed.
    await waitFor(() => gateway.app.get(FeedRegistry).feedCount === 0, { what: 'the feed closed on disconnect' });

    // Missed while disconnected.
    await world.publish([...cycleA.slice(3, 6), ...cycleB.slice(3, 6)]);
    await waitFor(async () => (await logged(sessionId)) === 13, { what: 'missed events logged' });

    const second = await world.connect(gateway, { token });
    const after = record(second);
    // Live events published while the replay runs: the boundary case.
    const joining = join(second, sessionId, lastSeen);
    const publishing = world.publish([...cycleA.slice(6), ...cycleB.slice(6)]);
    expect(await joining).toEqual({ ok: true });
    await publishing;

    // The 18 cycle events, split over the two connections (session.created may precede them, depending on timing).
    const cycleEventsIn = (list: ClientEvent[]) => list.filter((event) => event.event_type !== 'session.created');
    await waitFor(() => cycleEventsIn(before).length + cycleEventsIn(after).length === 18, { what: 'all 18 cycle events across both connections' });
    const ids = [...before, ...after].map((event) => event.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cycle of [cycleA, cycleB]) {
      const got = [...before, ...after].filter((event) => event.data.cycle_id === cycle[0].aggregate_id).map((event) => event.sequence);
      expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(after.some((event) => event.event_id === lastSeen)).toBe(false);
    // Nothing arrives after the expected set (a late duplicate would show up here).
    await world.publish(world.cycleEvents(sessionId, 1));
    await waitFor(() => cycleEventsIn(after).length === 18 - cycleEventsIn(before).length + 1, { what: 'a marker event' });
    expect(new Set(after.map((event) => event.event_id)).size).toBe(after.length);
  });

  it('a join without since gets only events from then on', async () => {
    const owner = randomUUID();
    const sessionId = await world.createSession(owner);
    const early = world.cycleEvents(sessionId, 3);
    await world.publish(early);
    await waitFor(async () => (await logged(sessionId)) === 4, { what: 'early events logged' });
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const received = record(socket);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    const late = world.cycleEvents(sessionId, 2);
    await world.publish(late);
    await waitFor(() => received.length === 2, { what: 'the two live events' });
    expect(received.map((event) => event.event_id)).toEqual(late.map((event) => event.event_id));
  });

  it('refuses a since that is not an event of this session with SINCE_UNKNOWN', async () => {
    const owner = randomUUID();
    const sessionId = await world.createSession(owner);
    const other = await world.createSession(owner);
    const otherEvents = world.cycleEvents(other, 1);
    await world.publish(otherEvents);
    await waitFor(async () => (await logged(other)) === 2, { what: 'other session logged' });
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    for (const since of [randomUUID(), otherEvents[0].event_id]) {
      const ack = await join(socket, sessionId, since);
      expect(ack).toEqual({ ok: false, error: { code: 'SINCE_UNKNOWN', message: expect.any(String) } });
    }
  });

  async function logged(sessionId: string): Promise<number> {
    const [row] = await queryLog('SELECT count(*)::int AS n FROM session_event_log WHERE session_id = $1', [sessionId]);
    return row.n;
  }

  function queryLog(sql: string, params: unknown[]): Promise<{ n: number }[]> {
    return gateway.app.get(DataSource).query(sql, params);
  }
});
