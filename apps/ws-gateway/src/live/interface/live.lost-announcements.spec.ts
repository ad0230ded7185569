import { randomUUID } from 'node:crypto';
import { partitionOf } from '@choice-sherpa/events';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { RedisAdapter } from '@socket.io/redis-adapter';
import { DataSource } from 'typeorm';
import { ClientEvent, GatewayWorld, metricValue, record, RunningGateway } from '../../testing/gateway-harness';
import { FeedCatchUp } from '../application/feed-catch-up';

const CATCH_UP_INTERVAL_MS = 200;
/** Two check intervals (a lost announcement is found by the second check after its commit), plus generous slack. */
const DELIVERY_BOUND_MS = 5_000;

/**
 * Two replicas whose cross-replica announcements are lost: every PUBLISH of the consuming replica's Socket.IO Redis
 * adapter is dropped (what a pub/sub blip does). The socket sits on the other replica, so only the periodic catch-up
 * from the log can bring it the events.
 */
describe('ws-gateway /live: lost announcements', () => {
  let world: GatewayWorld;
  let consuming: RunningGateway;
  let other: RunningGateway;
  let dropped = 0;

  beforeAll(async () => {
    world = await GatewayWorld.create({ WS_FEED_CATCH_UP_INTERVAL_MS: String(CATCH_UP_INTERVAL_MS) });
    consuming = await world.startGateway();
    other = await world.startGateway();
    await waitFor(() => consuming.consumer.ownedPartitions().length === 2 && other.consumer.ownedPartitions().length === 2, {
      timeoutMs: 20_000,
      what: 'partitions split between the replicas',
    });
    const pub = (consuming.namespace.adapter as unknown as RedisAdapter).pubClient as { publish: (...args: unknown[]) => Promise<number> };
    pub.publish = async () => {
      dropped++;
      return 0;
    };
  });
  afterAll(async () => {
    await world?.close();
  });

  /** A cycle whose events the consuming replica logs (its aggregate id falls on one of that replica's partitions). */
  function cycleOnConsumingReplica(sessionId: string, count: number) {
    for (;;) {
      const cycle = world.cycleEvents(sessionId, count);
      if (consuming.consumer.ownedPartitions().includes(partitionOf(cycle[0].aggregate_id, world.layout.partitions))) return cycle;
    }
  }

  async function loggedIds(sessionId: string): Promise<string[]> {
    const rows: { event_id: string; event_type: string }[] = await consuming.app
      .get(DataSource)
      .query('SELECT event_id, event_type FROM session_event_log WHERE session_id = $1 ORDER BY position', [sessionId]);
    return rows.filter((row) => row.event_type !== 'session.created').map((row) => row.event_id);
  }

  const cycleEventIds = (received: ClientEvent[]) => received.filter((event) => event.event_type !== 'session.created').map((event) => event.event_id);

  it('a socket on another replica still gets every event, in log order, once, within the bound', async () => {
    const owner = randomUUID();
    const socket = await world.connect(other, { token: await world.token(owner) });
    const received = record(socket);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    const droppedBefore = dropped;
    const caughtUpBefore = await metricValue(other, 'ws_feed_catch_ups_total');

    const cycles = Array.from({ length: 3 }, () => cycleOnConsumingReplica(sessionId, 4));
    const published = Date.now();
    await world.publish(cycles.flat());
    await waitFor(() => cycleEventIds(received).length >= 12, { timeoutMs: DELIVERY_BOUND_MS, what: 'all 12 events on the socket of the other replica' });
    const deliveredWithinMs = Date.now() - published;

    expect(cycleEventIds(received)).toEqual(await loggedIds(sessionId));
    for (const cycle of cycles) {
      expect(received.filter((event) => event.data.cycle_id === cycle[0].aggregate_id).map((event) => event.sequence)).toEqual([1, 2, 3, 4]);
    }
    // The announcements really were lost, and the catch-up (not a live event) delivered them.
    expect(dropped - droppedBefore).toBeGreaterThanOrEqual(12);
    expect(await metricValue(other, 'ws_feed_catch_ups_total')).toBeGreaterThan(caughtUpBefore);
    expect(deliveredWithinMs).toBeLessThan(DELIVERY_BOUND_MS);

    // Later checks find nothing behind and deliver nothing twice.
    const catchUp = other.app.get(FeedCatchUp);
    await catchUp.check();
    expect(await catchUp.check()).toBe(0);
    expect(new Set(received.map((event) => event.event_id)).size).toBe(received.length);
    expect(cycleEventIds(received)).toHaveLength(12);
  }, 30_000);
});
