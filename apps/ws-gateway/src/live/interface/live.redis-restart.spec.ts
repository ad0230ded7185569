import { randomUUID } from 'node:crypto';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { DisposableRedisServer, waitFor } from '@choice-sherpa/platform/testing';
import { ClientEvent, GatewayWorld, record, RunningGateway } from '../../testing/gateway-harness';

/** A private Redis for both the streams and the Socket.IO adapter, restarted (SIGKILL) while sockets stay connected. */
describe('ws-gateway /live: Redis restart', () => {
  let redis: DisposableRedisServer;
  let world: GatewayWorld;
  let first: RunningGateway;
  let second: RunningGateway;
  let publisher: RedisStreamsClient;

  beforeAll(async () => {
    redis = await DisposableRedisServer.start();
    world = await GatewayWorld.create({ REDIS_URL: redis.url });
    first = await world.startGateway();
    second = await world.startGateway();
    publisher = new RedisStreamsClient({ url: redis.url, layout: world.layout });
    await waitFor(() => first.consumer.ownedPartitions().length === 2 && second.consumer.ownedPartitions().length === 2, {
      timeoutMs: 20_000,
      what: 'partitions split between the replicas',
    });
  });
  afterAll(async () => {
    await publisher?.close();
    await world?.close({ skipStreams: true });
    await redis?.stop();
  });

  const cycleEventsIn = (received: ClientEvent[]) => received.filter((event) => event.event_type !== 'session.created');

  async function publishRetrying(events: Parameters<RedisStreamsClient['publishEvent']>[0][]): Promise<void> {
    for (const event of events) await waitFor(() => publisher.publishEvent(event).then(() => true), { timeoutMs: 20_000, intervalMs: 100, what: 'publish' });
  }

  it('sockets on both replicas keep receiving, in order, after Redis restarted', async () => {
    const owner = randomUUID();
    const token = await world.token(owner);
    const onFirst = await world.connect(first, { token });
    const onSecond = await world.connect(second, { token });
    const receivedFirst = record(onFirst);
    const receivedSecond = record(onSecond);
    const sessionId = randomUUID();
    await publishRetrying([sampleEvent('session.created', { aggregateId: sessionId, payload: { session_id: sessionId, user_id: owner } })]);
    expect(await world.joinWhenKnown(onFirst, sessionId)).toEqual({ ok: true });
    expect(await world.joinWhenKnown(onSecond, sessionId)).toEqual({ ok: true });
    const before = Array.from({ length: 4 }, () => world.cycleEvents(sessionId, 2));
    await publishRetrying(before.flat());
    for (const received of [receivedFirst, receivedSecond]) await waitFor(() => cycleEventsIn(received).length === 8, { what: 'events before the restart' });

    await redis.restart();

    const after = Array.from({ length: 4 }, () => world.cycleEvents(sessionId, 3));
    await publishRetrying(after.flat());
    for (const received of [receivedFirst, receivedSecond]) {
      await waitFor(() => cycleEventsIn(received).length === 20, { timeoutMs: 30_000, what: 'events after the restart on both replicas' });
      for (const cycle of after) {
        expect(received.filter((event) => event.data.cycle_id === cycle[0].aggregate_id).map((event) => event.sequence)).toEqual([1, 2, 3]);
      }
      expect(new Set(received.map((event) => event.event_id)).size).toBe(received.length);
    }
    // Whichever replica consumed them, the socket on the other one got them through the restarted adapter.
    expect(onFirst.connected && onSecond.connected).toBe(true);
  });
});
