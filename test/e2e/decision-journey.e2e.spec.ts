import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';
import {
  ApiClient,
  createSession,
  JOURNEY_FINAL_STATUSES,
  JourneyIds,
  journeySteps,
  LiveEvent,
  LiveSocket,
  normalizeRun,
  onTestFailure,
  RENAMED_TITLE,
  SESSION_TITLE,
  TestStack,
} from '../support';

// The six services as real processes (the compiled entry points the containers run), driven as a user would:
// HTTP commands to session-cycle, the read model from dashboard-projector, live events from ws-gateway.
// Expected events, ids and per-aggregate order come from the Redis streams the services wrote, never from literals.

// Bound on every eventual-consistency wait: the projector's partition leases (15 s) must expire after a SIGKILL
// before it resumes, and the whole suite may run beside everything else on a busy 2-core machine.
const SETTLE_MS = 90_000;

let stack: TestStack;

beforeAll(async () => {
  stack = await TestStack.start();
}, 300_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

onTestFailure(() => {
  process.stderr.write(`\n${stack.logs(40)}\n`);
});

interface User {
  id: string;
  sessions: ApiClient;
  dashboard: ApiClient;
}

async function newUser(): Promise<User> {
  const id = `user-${randomUUID()}`;
  return { id, sessions: await stack.client('session-cycle', id), dashboard: await stack.client('dashboard-projector', id) };
}

async function runJourney(user: User, ids: JourneyIds, between?: (step: string) => Promise<void>): Promise<void> {
  for (const step of journeySteps()) {
    await step.run(user.sessions, ids);
    await between?.(step.name);
  }
}

/** What the session's owner sees on every dashboard route of that session. */
async function dashboardOf(user: User, ids: JourneyIds): Promise<Record<string, unknown>> {
  const overview = await user.dashboard.expect(200, 'GET', '/api/dashboard/overview');
  const session = await user.dashboard.expect(200, 'GET', `/api/dashboard/sessions/${ids.sessionId}`);
  const components: Record<string, unknown> = {};
  for (const type of Object.keys(JOURNEY_FINAL_STATUSES)) {
    components[type] = await user.dashboard.expect(200, 'GET', `/api/dashboard/cycles/${ids.cycleId}/components/${type}`);
  }
  return { overview, session, components };
}

/** Component statuses as session-cycle (the write side) reports them: the truth the read model must converge to. */
async function writeSideStatuses(user: User, cycleId: string): Promise<Record<string, string>> {
  const cycle = await user.sessions.expect(200, 'GET', `/api/cycles/${cycleId}`);
  return Object.fromEntries((cycle.components as { component_type?: string; type?: string; status: string }[]).map((c) => [c.component_type ?? c.type, c.status]));
}

function componentStatusesIn(sessionView: unknown, cycleId: string): Record<string, string> | undefined {
  const found: Record<string, string> = {};
  const visit = (node: unknown, inCycle: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, inCycle));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const here = inCycle || record.cycle_id === cycleId || record.id === cycleId;
    const type = record.component_type ?? record.type;
    if (here && typeof type === 'string' && typeof record.status === 'string' && type in JOURNEY_FINAL_STATUSES) found[type] = record.status;
    Object.values(record).forEach((value) => visit(value, here));
  };
  visit(sessionView, false);
  return Object.keys(found).length === 9 ? found : undefined;
}

/** The session's events from the streams, grouped by aggregate in stream (= sequence) order. */
function byAggregate(events: EventEnvelope[]): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const event of events) grouped.set(event.aggregate_id, [...(grouped.get(event.aggregate_id) ?? []), event.event_id]);
  return grouped;
}

/**
 * The live events of one socket must be exactly the session's streamed events from the join on: each once, nothing
 * that is not the session's, none missing after the join, and each aggregate's events a gap-free run in stream order.
 * Events already streamed when the join was acknowledged (`before`) may arrive too: the gateway may record ownership
 * from session.created a moment before it logs that event, so it is live for a client that joins in between.
 */
function assertExactDelivery(received: LiveEvent[], streamed: EventEnvelope[], before: Set<string>): void {
  const ids = received.map((event) => event.event_id);
  expect(new Set(ids).size, 'no event delivered twice').toBe(ids.length);
  const envelopes = new Map(streamed.map((event) => [event.event_id, event]));
  expect(ids.filter((id) => !envelopes.has(id)), 'nothing that is not one of the session\'s streamed events').toEqual([]);
  const missing = streamed.filter((event) => !before.has(event.event_id) && !ids.includes(event.event_id));
  expect(missing.map((event) => event.event_type), 'every event after the join delivered').toEqual([]);
  for (const [aggregateId, inStream] of byAggregate(streamed)) {
    const got = ids.filter((id) => envelopes.get(id)!.aggregate_id === aggregateId);
    expect(got, `aggregate ${aggregateId}: a gap-free run of its stream, in order`).toEqual(inStream.slice(inStream.length - got.length));
  }
  for (const event of received) {
    const envelope = envelopes.get(event.event_id)!;
    expect({ type: event.event_type, sequence: event.sequence, session: event.session_id, data: event.data }).toEqual({
      type: envelope.event_type,
      sequence: envelope.sequence,
      session: (envelope.payload as { session_id: string }).session_id,
      data: envelope.payload,
    });
  }
}

/** Waits until the socket has received every event of the session the streams hold beyond `before`; returns them all. */
async function waitForDelivery(socket: LiveSocket, sessionId: string, before: Set<string>): Promise<EventEnvelope[]> {
  let streamed: EventEnvelope[] = [];
  await waitFor(
    async () => {
      streamed = await stack.streams.ofSession(sessionId);
      const received = new Set(socket.eventsOf(sessionId).map((event) => event.event_id));
      const expected = streamed.filter((event) => !before.has(event.event_id));
      return expected.length > 0 && expected.every((event) => received.has(event.event_id));
    },
    { timeoutMs: SETTLE_MS, intervalMs: 100, what: `every streamed event of session ${sessionId} at the socket` },
  ).catch((error: Error) => {
    const got = socket.eventsOf(sessionId).map((event) => event.event_type);
    throw new Error(`${error.message}\nstreamed: ${streamed.map((event) => event.event_type).join(', ')}\nreceived: ${got.join(', ')}`);
  });
  return streamed;
}

async function streamedIds(sessionId: string): Promise<Set<string>> {
  return new Set((await stack.streams.ofSession(sessionId)).map((event) => event.event_id));
}

describe('a decision journey across the six services', () => {
  it('reaches the dashboard and exactly the owner\'s socket, in order, once each', async () => {
    const owner = await newUser();
    const ids: JourneyIds = { sessionId: await createSession(owner.sessions) };
    const socket = await stack.socket(owner.id);
    await socket.joinWhenKnown(ids.sessionId);
    const before = await streamedIds(ids.sessionId);

    await runJourney(owner, ids);

    // The write side published what API.md says each command publishes, in command order for each aggregate.
    const cycleTypes = journeySteps().filter((step) => step.name !== 'rename session').flatMap((step) => step.emits);
    const streamed = await waitFor(
      async () => {
        const events = await stack.streams.ofSession(ids.sessionId);
        const published = events.filter((event) => event.aggregate_id === ids.cycleId || event.aggregate_id === ids.sessionId);
        return published.length >= cycleTypes.length + 2 ? events : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 100, what: 'the journey\'s events in the streams' },
    );
    const typesOf = (aggregateId: string) => streamed.filter((event) => event.aggregate_id === aggregateId).map((event) => event.event_type);
    expect(typesOf(ids.cycleId!)).toEqual(cycleTypes);
    expect(typesOf(ids.sessionId)).toEqual(['session.created', 'session.renamed']);
    const sequencesOf = (aggregateId: string) => streamed.filter((event) => event.aggregate_id === aggregateId).map((event) => event.sequence);
    expect(sequencesOf(ids.cycleId!)).toEqual(cycleTypes.map((_, index) => index + 1));

    const streamedNow = await waitForDelivery(socket, ids.sessionId, before);
    assertExactDelivery(socket.eventsOf(ids.sessionId), streamedNow, before);
    expect(socket.received.length, 'nothing from any other session').toBe(socket.eventsOf(ids.sessionId).length);

    // The read model shows the journey: the renamed session with one cycle whose statuses match the write side.
    const truth = await writeSideStatuses(owner, ids.cycleId!);
    expect(truth).toEqual(JOURNEY_FINAL_STATUSES);
    const view = await waitFor(
      async () => {
        const session = await owner.dashboard.expect(200, 'GET', `/api/dashboard/sessions/${ids.sessionId}`);
        return JSON.stringify(session).includes(RENAMED_TITLE) && componentStatusesIn(session, ids.cycleId!) ? session : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 200, what: 'the session view with the journey applied' },
    );
    expect(componentStatusesIn(view, ids.cycleId!)).toEqual(truth);
    const overview = await waitFor(
      async () => {
        const body = await owner.dashboard.expect(200, 'GET', '/api/dashboard/overview');
        return JSON.stringify(body).includes(RENAMED_TITLE) ? body : undefined;
      },
      { timeoutMs: SETTLE_MS, intervalMs: 200, what: 'the overview with the renamed session' },
    );
    const entry = (overview.sessions as { session_id: string; cycle_count: number; progress: unknown }[]).find((s) => s.session_id === ids.sessionId);
    const writeSideCycle = await owner.sessions.expect(200, 'GET', `/api/cycles/${ids.cycleId}`);
    expect({ cycle_count: entry?.cycle_count, progress: entry?.progress }).toEqual({ cycle_count: 1, progress: writeSideCycle.progress });

    // No late duplicate: a last command's event arrives after everything before it, and the delivery is still exact.
    const finalTitle = 'Where we live, final';
    await owner.sessions.expect(200, 'PATCH', `/api/sessions/${ids.sessionId}`, { title: finalTitle });
    await waitFor(() => socket.received.some((event) => event.event_type === 'session.renamed' && event.data.new_title === finalTitle), {
      timeoutMs: SETTLE_MS,
      what: 'the last rename at the socket',
    });
    const finalStreamed = await waitForDelivery(socket, ids.sessionId, before);
    assertExactDelivery(socket.eventsOf(ids.sessionId), finalStreamed, before);
    socket.disconnect();
  }, 240_000);

  it('gives a second user none of the first user\'s events and refuses joining the first user\'s session', async () => {
    const first = await newUser();
    const second = await newUser();
    const firstIds: JourneyIds = { sessionId: await createSession(first.sessions) };
    const secondIds: JourneyIds = { sessionId: await createSession(second.sessions, 'Which bike to buy') };
    const firstSocket = await stack.socket(first.id);
    const secondSocket = await stack.socket(second.id);
    await firstSocket.joinWhenKnown(firstIds.sessionId);
    await secondSocket.joinWhenKnown(secondIds.sessionId);
    const firstBefore = await streamedIds(firstIds.sessionId);
    const secondBefore = await streamedIds(secondIds.sessionId);

    const refused = await secondSocket.join(firstIds.sessionId);
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toEqual(expect.any(String));

    await runJourney(first, firstIds);
    await createSessionCycle(second, secondIds);

    const firstStreamed = await waitForDelivery(firstSocket, firstIds.sessionId, firstBefore);
    assertExactDelivery(firstSocket.received, firstStreamed, firstBefore);
    const secondStreamed = await waitForDelivery(secondSocket, secondIds.sessionId, secondBefore);
    // The first user's whole journey has reached the first socket; the second socket got only its own session.
    expect(secondSocket.eventsOf(firstIds.sessionId)).toEqual([]);
    expect(secondSocket.received.every((event) => event.session_id === secondIds.sessionId)).toBe(true);
    assertExactDelivery(secondSocket.received, secondStreamed, secondBefore);
    // And the dashboard answers the second user nothing about the first user's session.
    const foreign = await second.dashboard.get(`/api/dashboard/sessions/${firstIds.sessionId}`);
    expect([403, 404]).toContain(foreign.status);
    expect(JSON.stringify(foreign.body)).not.toContain(SESSION_TITLE);
    expect(JSON.stringify(foreign.body)).not.toContain(RENAMED_TITLE);
    firstSocket.disconnect();
    secondSocket.disconnect();
  }, 240_000);

  it('loses nothing and duplicates nothing across a socket reconnect with since', async () => {
    const owner = await newUser();
    const ids: JourneyIds = { sessionId: await createSession(owner.sessions) };
    const socket = await stack.socket(owner.id);
    await socket.joinWhenKnown(ids.sessionId);
    const before = await streamedIds(ids.sessionId);
    const steps = journeySteps();
    const half = Math.floor(steps.length / 2);

    for (const step of steps.slice(0, half)) await step.run(owner.sessions, ids);
    await socket.waitForCount(1);
    socket.disconnect();
    const seen = [...socket.received];
    for (const step of steps.slice(half, half + 3)) await step.run(owner.sessions, ids);

    await socket.reconnect();
    const ack = await socket.join(ids.sessionId, seen.at(-1)!.event_id);
    expect(ack.ok).toBe(true);
    for (const step of steps.slice(half + 3)) await step.run(owner.sessions, ids);

    const streamed = await waitForDelivery(socket, ids.sessionId, before);
    assertExactDelivery(socket.received, streamed, before);
    socket.disconnect();
  }, 240_000);

  it('delivers through two gateway replicas alike: a socket on each receives the whole journey exactly once', async () => {
    const replica = await stack.startReplica('ws-gateway');
    try {
      const owner = await newUser();
      const ids: JourneyIds = { sessionId: await createSession(owner.sessions) };
      const onFirst = await stack.socket(owner.id);
      const onSecond = await stack.socket(owner.id, { gatewayUrl: replica.url });
      await onFirst.joinWhenKnown(ids.sessionId);
      await onSecond.joinWhenKnown(ids.sessionId);
      const before = await streamedIds(ids.sessionId);

      await runJourney(owner, ids);

      for (const socket of [onFirst, onSecond]) {
        const streamed = await waitForDelivery(socket, ids.sessionId, before);
        assertExactDelivery(socket.received, streamed, before);
        socket.disconnect();
      }
    } finally {
      await replica.stop();
    }
  }, 300_000);

  it('rebuilds the same read model after the projector is SIGKILLed mid-journey', async () => {
    // An uninterrupted run and an interrupted run of the same journey, by two users; their dashboards must match.
    const steady = await newUser();
    const steadyIds: JourneyIds = { sessionId: await createSession(steady.sessions) };
    await runJourney(steady, steadyIds);

    const crashed = await newUser();
    const crashedIds: JourneyIds = { sessionId: await createSession(crashed.sessions) };
    const projector = stack.service('dashboard-projector');
    const steps = journeySteps();
    const killAfter = steps[Math.floor(steps.length / 2)].name;
    const restartAfter = steps[Math.floor(steps.length / 2) + 3].name;
    await runJourney(crashed, crashedIds, async (step) => {
      if (step === killAfter) await projector.kill(); // events of this step are in flight or just consumed
      if (step === restartAfter) {
        projector.start();
        await projector.waitReady();
      }
    });
    expect(projector.exits).toContain('signal SIGKILL');

    // Both read models must reach the write side's final state and, normalized for ids and times, be identical.
    let views: { steady?: unknown; crashed?: unknown } = {};
    await waitFor(
      async () => {
        views = { steady: normalizeRun(await convergedDashboard(steady, steadyIds)), crashed: normalizeRun(await convergedDashboard(crashed, crashedIds)) };
        return views.steady !== undefined && JSON.stringify(views.steady) === JSON.stringify(views.crashed);
      },
      { timeoutMs: SETTLE_MS, intervalMs: 500, what: 'the interrupted run\'s read model to match the uninterrupted one' },
    ).catch((error: Error) => {
      expect(views.crashed, error.message).toEqual(views.steady);
      throw error;
    });
    expect(views.crashed).toEqual(views.steady);
  }, 300_000);
});

async function createSessionCycle(user: User, ids: JourneyIds): Promise<void> {
  await journeySteps()[0].run(user.sessions, ids);
}

/** The dashboard of a finished journey if it shows the write side's final state (statuses and the new title). */
async function convergedDashboard(user: User, ids: JourneyIds): Promise<Record<string, unknown> | undefined> {
  const truth = await writeSideStatuses(user, ids.cycleId!);
  const dashboard = await dashboardOf(user, ids);
  const statuses = componentStatusesIn(dashboard.session, ids.cycleId!);
  return JSON.stringify(dashboard).includes(RENAMED_TITLE) && JSON.stringify(statuses) === JSON.stringify(truth) ? dashboard : undefined;
}
