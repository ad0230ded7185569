import { randomUUID } from 'node:crypto';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import { waitFor } from '@choice-sherpa/platform/testing';
import { GatewayWorld, join, record, RunningGateway } from '../../testing/gateway-harness';
import { PgAccessSignals } from '../infrastructure/pg-access-signals';
import { PgEventLogStore } from '../infrastructure/pg-event-log.store';

describe('ws-gateway /live: joining and delivery', () => {
  let world: GatewayWorld;
  let gateway: RunningGateway;

  beforeAll(async () => {
    world = await GatewayWorld.create();
    gateway = await world.startGateway();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("delivers every event of the owner's session in per-aggregate order, each once, in the API.md shape", async () => {
    const owner = randomUUID();
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const received = record(socket);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    const cycleA = world.cycleEvents(sessionId, 6);
    const cycleB = world.cycleEvents(sessionId, 6);
    // Interleaved publishing of two aggregates (they may sit on different partitions).
    await world.publish(cycleA.flatMap((event, index) => [event, cycleB[index]]));
    const expected = new Set([...cycleA, ...cycleB].map((event) => event.event_id));
    await waitFor(() => received.filter((event) => expected.has(event.event_id)).length === expected.size, { what: '12 events' });
    const ids = received.map((event) => event.event_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cycle of [cycleA, cycleB]) {
      const got = received.filter((event) => event.data.cycle_id === cycle[0].aggregate_id);
      expect(got.map((event) => event.event_id)).toEqual(cycle.map((event) => event.event_id));
      expect(got.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const first = received.find((event) => event.event_id === cycleA[0].event_id);
    expect(first).toEqual({
      event_id: cycleA[0].event_id,
      event_type: 'cycle.created',
      session_id: sessionId,
      occurred_at: cycleA[0].occurred_at,
      sequence: 1,
      correlation_id: cycleA[0].metadata.correlation_id,
      causation_id: cycleA[0].metadata.causation_id,
      data: cycleA[0].payload,
    });
  });

  it("refuses another user's join with NOT_FOUND and that user receives nothing of the session", async () => {
    const owner = randomUUID();
    const intruder = randomUUID();
    const ownerSocket = await world.connect(gateway, { token: await world.token(owner) });
    const intruderSocket = await world.connect(gateway, { token: await world.token(intruder) });
    const ownerReceived = record(ownerSocket);
    const intruderReceived = record(intruderSocket);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(ownerSocket, sessionId)).toEqual({ ok: true });
    const refused = await join(intruderSocket, sessionId);
    expect(refused).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    // Their own session works, and only its events arrive.
    const ownSession = await world.createSession(intruder);
    expect(await world.joinWhenKnown(intruderSocket, ownSession)).toEqual({ ok: true });
    const ownersEvents = world.cycleEvents(sessionId, 3);
    const intrudersEvents = world.cycleEvents(ownSession, 2);
    await world.publish([...ownersEvents, ...intrudersEvents]);
    await waitFor(() => intruderReceived.filter((event) => event.session_id === ownSession && event.event_type !== 'session.created').length === 2, { what: 'own events' });
    await waitFor(() => ownerReceived.filter((event) => event.event_type !== 'session.created').length === 3, { what: "owner's events" });
    expect(intruderReceived.filter((event) => event.session_id === sessionId)).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown session after the bounded wait, and INVALID_REQUEST for bad bodies', async () => {
    const socket = await world.connect(gateway, { token: await world.token(randomUUID()) });
    expect(await join(socket, randomUUID())).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
    for (const body of [{ session_id: 'not-a-uuid' }, {}, 'x', 42, null, [randomUUID()], { session_id: randomUUID(), since: 'bad' }, { session_id: randomUUID(), extra: 1 }]) {
      const ack = (await socket.timeout(5_000).emitWithAck('session:join', body)) as { ok: boolean; error?: { code: string } };
      expect(ack.ok).toBe(false);
      expect(ack.error?.code).toBe('INVALID_REQUEST');
    }
    expect(socket.connected).toBe(true);
  });

  it('a join sent before the gateway consumed session.created waits for it and succeeds', async () => {
    const owner = randomUUID();
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const sessionId = randomUUID();
    const signals = gateway.app.get(PgAccessSignals);
    const pending = join(socket, sessionId);
    await waitFor(() => signals.waitingFor(sessionId) > 0, { what: 'the join to wait for the projection' });
    await world.publish([sampleEvent('session.created', { aggregateId: sessionId, payload: { session_id: sessionId, user_id: owner } })]);
    expect(await pending).toEqual({ ok: true });
  });

  it('an event the transport delivers twice (published twice) reaches the socket once', async () => {
    const owner = randomUUID();
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const received = record(socket);
    const sessionId = await world.createSession(owner);
    expect(await world.joinWhenKnown(socket, sessionId)).toEqual({ ok: true });
    const [created, started, marker] = world.cycleEvents(sessionId, 3);
    // One aggregate, one partition stream: the marker is handled after every duplicate before it.
    await world.publish([created, created, started, created, marker]);
    await waitFor(() => received.some((event) => event.event_id === marker.event_id), { what: 'the marker after the duplicates' });
    const got = received.filter((event) => event.data.cycle_id === created.aggregate_id).map((event) => event.event_id);
    expect(got).toEqual([created.event_id, started.event_id, marker.event_id]);
    // Logged once each: session.created and the three cycle events.
    await waitFor(async () => (await gateway.app.get(PgEventLogStore).head(sessionId)) === 4, { what: 'four logged events' });
    expect(received.filter((event) => event.event_id === created.event_id)).toHaveLength(1);
  });

  it('after session:leave the socket receives nothing more of that session', async () => {
    const owner = randomUUID();
    const socket = await world.connect(gateway, { token: await world.token(owner) });
    const received = record(socket);
    const left = await world.createSession(owner);
    const kept = await world.createSession(owner);
    expect(await world.joinWhenKnown(socket, left)).toEqual({ ok: true });
    expect(await world.joinWhenKnown(socket, kept)).toEqual({ ok: true });
    expect(await socket.timeout(5_000).emitWithAck('session:leave', { session_id: left })).toEqual({ ok: true });
    await world.publish([...world.cycleEvents(left, 2), ...world.cycleEvents(kept, 2)]);
    await waitFor(() => received.filter((event) => event.session_id === kept && event.event_type !== 'session.created').length === 2, { what: 'kept events' });
    // The left session's events were logged (so the gateway handled them) and still never reached the socket.
    await waitFor(async () => (await gateway.app.get(PgEventLogStore).head(left)) === 3, { what: "the left session's events logged" });
    expect(received.filter((event) => event.session_id === left && event.event_type !== 'session.created')).toEqual([]);
  });
});
