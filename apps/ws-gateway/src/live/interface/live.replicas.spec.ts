import { randomUUID } from 'node:crypto';
import { partitionOf } from '@choice-sherpa/events';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import { waitFor } from '@choice-sherpa/platform/testing';
import { ClientEvent, GatewayWorld, join, record, RunningGateway } from '../../testing/gateway-harness';
import { PgAccessSignals } from '../infrastructure/pg-access-signals';

describe('ws-gateway /live: several replicas', () => {
  let world: GatewayWorld;
  let first: RunningGateway;
  let second: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create();
    first = await world.startGateway();
    second = await world.startGateway();
    // Both replicas consume: the 4 partitions are split between them.
    await waitFor(
      () => first.consumer.ownedPartitions().length === 2 && second.consumer.ownedPartitions().length === 2,
      { timeoutMs: 20_000, what: 'partitions split between the replicas' },
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  function perCycle(received: ClientEvent[], cycleId: string): number[] {
    return received.filter((event) => event.data.cycle_id === cycleId).map((event) => event.sequence);
  }

  it('events consumed by either replica reach sockets on both, in per-aggregate order, each once', async () => {
    const owner = randomUUID();
    const token = await world.token(owner);
    const onFirst = await world.connect(first, { token });
    const onSecond = await world.connect(second, { token });
    const receivedFirst = record(onFirst);
    const receivedSecond = record(onSecond);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(onFirst, sessionId)).toEqual({ ok: true });
    expect(await world.joinWhenKnown(onSecond, sessionId)).toEqual({ ok: true });

    // Four cycles on partitions the first replica consumes and four on the second's, chosen, not left to chance.
    const onPartitionsOf = (replica: RunningGateway) => {
      const owned = replica.consumer.ownedPartitions();
      expect(owned).toHaveLength(2);
      let cycleId = randomUUID();
      while (!owned.includes(partitionOf(cycleId, world.layout.partitions))) cycleId = randomUUID();
      return world.cycleEvents(sessionId, 4, cycleId);
    };
    const cycles = [first, second, first, second, first, second, first, second].map(onPartitionsOf);

    await world.publish(cycles.flatMap((cycle) => cycle));
    for (const received of [receivedFirst, receivedSecond]) {
      await waitFor(() => received.filter((event) => event.event_type !== 'session.created').length === 32, { what: '32 events on each socket' });
      const ids = received.map((event) => event.event_id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const cycle of cycles) expect(perCycle(received, cycle[0].aggregate_id)).toEqual([1, 2, 3, 4]);
    }
  });

  it("a join waiting on one replica is woken when the other replica records the session's owner", async () => {
    const owner = randomUUID();
    const socket = await world.connect(first, { token: await world.token(owner) });
    // A session id whose partition the second replica consumes.
    let sessionId = randomUUID();
    while (!second.consumer.ownedPartitions().includes(partitionOf(sessionId, world.layout.partitions))) sessionId = randomUUID();
    const signals = first.app.get(PgAccessSignals);
    const pending = join(socket, sessionId);
    await waitFor(() => signals.waitingFor(sessionId) > 0, { what: 'the join to wait on the first replica' });
    await world.publish([sampleEvent('session.created', { aggregateId: sessionId, payload: { session_id: sessionId, user_id: owner } })]);
    expect(await pending).toEqual({ ok: true });
  });

  it('when one replica stops, the other takes its partitions and its sockets keep receiving everything', async () => {
    const owner = randomUUID();
    const onFirst = await world.connect(first, { token: await world.token(owner) });
    const received = record(onFirst);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(onFirst, sessionId)).toEqual({ ok: true });
    await second.close();
    const cycles = Array.from({ length: 6 }, () => world.cycleEvents(sessionId, 3));
    await world.publish(cycles.flatMap((cycle) => cycle));
    await waitFor(() => received.filter((event) => event.event_type !== 'session.created').length === 18, { timeoutMs: 20_000, what: 'all 18 events after failover' });
    for (const cycle of cycles) expect(perCycle(received, cycle[0].aggregate_id)).toEqual([1, 2, 3]);
    expect(first.consumer.ownedPartitions()).toEqual([0, 1, 2, 3]);
  });
});
