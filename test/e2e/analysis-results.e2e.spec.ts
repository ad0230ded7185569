import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { TEST_REDIS_URL, waitFor } from '@choice-sherpa/platform/testing';
import { ApiClient, createCycle, createSession, JOURNEY_OUTPUTS, LiveSocket, onTestFailure, TestStack } from '../support';

// Pugh and decision quality through the six services as processes: the user completes consequences and decision
// quality over session-cycle's HTTP API; the analysis-worker computes; the dashboard, the owner's socket and
// cycle.completed show the results.

const SETTLE_MS = 90_000;

const CONSEQUENCES = {
  alternative_ids: ['a1', 'a2'],
  objective_ids: ['o1', 'o2'],
  cells: { 'a1:o1': { rating: 0 }, 'a1:o2': { rating: 0 }, 'a2:o1': { rating: 2, rationale: 'cheaper rent' }, 'a2:o2': { rating: 1 } },
};
// After the revision staying wins on both objectives.
const REVISED_CONSEQUENCES = { ...CONSEQUENCES, cells: { 'a1:o1': { rating: 1 }, 'a1:o2': { rating: 2 }, 'a2:o1': { rating: -1 }, 'a2:o2': { rating: -2 } } };
const LATER_OUTPUTS = {
  tradeoffs: { dominated_alternatives: [{ alternative_id: 'a2', dominated_by_id: 'a1', explanation: 'staying is better on both' }], irrelevant_objectives: [], tensions: [] },
  recommendation: {
    synthesis: 'Staying is better on cost and on career once the real rents are known, so we stay for another year.',
    standout_alternative_id: 'a1',
    caveats: ['Rents may fall'],
    remaining_uncertainties: [],
  },
  decision_quality: {
    elements: [
      { name: 'Helpful Problem Frame', score: 90 },
      { name: 'Clear Objectives', score: 85 },
      { name: 'Creative Alternatives', score: 45, improvement: 'look for a third place' },
      { name: 'Reliable Consequence Information', score: 75 },
      { name: 'Logically Correct Reasoning', score: 88 },
      { name: 'Clear Tradeoffs', score: 80 },
      { name: 'Commitment to Follow Through', score: 95 },
    ],
  },
};

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

async function workThrough(api: ApiClient, cycleId: string, type: string, output: unknown): Promise<void> {
  const base = `/api/cycles/${cycleId}/components/${type}`;
  await api.expect(200, 'POST', `${base}/start`);
  await api.expect(200, 'PUT', `${base}/output`, { output });
  await api.expect(200, 'POST', `${base}/complete`);
}

type CycleTree = { cycle_id: string; branches?: CycleTree[] };

/** The cycle in the session's tree (branches are listed under their parents). */
function cycleView(session: { cycles: CycleTree[] }, cycleId: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const find = (cycles: CycleTree[]): CycleTree | undefined => {
    for (const cycle of cycles) {
      const found = cycle.cycle_id === cycleId ? cycle : find(cycle.branches ?? []);
      if (found) return found;
    }
    return undefined;
  };
  return find(session.cycles);
}

async function dashboardCycle(dashboard: ApiClient, sessionId: string, cycleId: string, until: (cycle: any) => boolean): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return waitFor(
    async () => {
      const cycle = cycleView(await dashboard.expect(200, 'GET', `/api/dashboard/sessions/${sessionId}`), cycleId);
      return cycle && until(cycle) ? cycle : undefined;
    },
    { timeoutMs: SETTLE_MS, intervalMs: 200, what: 'the analysis on the dashboard' },
  );
}

function liveOf(socket: LiveSocket, type: string, count: number) {
  return socket.waitForCount(count, SETTLE_MS, (event) => event.event_type === type);
}

async function metric(service: 'analysis-worker', line: RegExp): Promise<number> {
  const text = await (await fetch(`${stack.url(service)}/metrics`)).text();
  const found = text.split('\n').find((l) => line.test(l));
  return found ? Number(found.split(' ').at(-1)) : 0;
}

describe('analysis results across the six services', () => {
  it('Pugh and DQ reach the dashboard and the owner\'s socket, a revision recomputes, a stale completion changes nothing, and cycle.completed carries the DQ score', async () => {
    const userId = `user-${randomUUID()}`;
    const sessions = await stack.client('session-cycle', userId, { email: 'analysis-e2e@example.test' });
    const dashboard = await stack.client('dashboard-projector', userId);
    await sessions.expect(201, 'POST', '/api/memberships', { tier: 'monthly' });
    const sessionId = await createSession(sessions);
    const socket = await stack.socket(userId);
    await socket.joinWhenKnown(sessionId);
    const cycleId = await createCycle(sessions, sessionId);
    for (const type of ['issue_raising', 'problem_frame', 'objectives', 'alternatives'] as const) await workThrough(sessions, cycleId, type, JOURNEY_OUTPUTS[type]);

    // Consequences: a2 is better on both objectives, so it is the best and a1 is dominated.
    await workThrough(sessions, cycleId, 'consequences', CONSEQUENCES);
    const first = await dashboardCycle(dashboard, sessionId, cycleId, (cycle) => cycle.pugh !== null);
    expect(first.pugh).toMatchObject({
      scores: [{ alternative_id: 'a2', score: 3, rank: 1 }, { alternative_id: 'a1', score: 0, rank: 2 }],
      best_alternative_id: 'a2',
      dominated_alternatives: [{ alternative_id: 'a1', dominated_by_id: 'a2', objective_ids: ['o1', 'o2'] }],
      irrelevant_objectives: [],
    });
    const [livePugh] = await liveOf(socket, 'analysis.pugh_computed', 1);
    expect(livePugh.data).toMatchObject({ cycle_id: cycleId, scores: { a1: 0, a2: 3 }, ranks: { a2: 1, a1: 2 }, best_alternative_id: 'a2' });

    // Revised and completed again: recomputed, the new best replaces the old one everywhere.
    const base = `/api/cycles/${cycleId}/components/consequences`;
    await sessions.expect(200, 'POST', `${base}/revise`, { reason: 'The rents were wrong' });
    await sessions.expect(200, 'PUT', `${base}/output`, { output: REVISED_CONSEQUENCES });
    await sessions.expect(200, 'POST', `${base}/complete`);
    const revised = await dashboardCycle(dashboard, sessionId, cycleId, (cycle) => cycle.pugh?.best_alternative_id === 'a1');
    expect(revised.pugh.scores).toEqual([{ alternative_id: 'a1', score: 3, rank: 1 }, { alternative_id: 'a2', score: -3, rank: 2 }]);
    const livePughs = await liveOf(socket, 'analysis.pugh_computed', 2);
    expect(livePughs.map((event) => event.data.best_alternative_id)).toEqual(['a2', 'a1']);

    // A stale completion (the first one again, as a late redelivery under a new id would bring it) is ignored.
    const streamed = await stack.streams.ofSession(sessionId);
    const firstCompletion = streamed.find((e) => e.event_type === 'component.completed' && (e.payload as { component_type: string }).component_type === 'consequences')!;
    const client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout: { prefix: stack.streamPrefix, partitions: stack.partitions } });
    try {
      await client.publishEvent({ ...firstCompletion, event_id: randomUUID() } as EventEnvelope);
    } finally {
      await client.close();
    }
    await waitFor(async () => (await metric('analysis-worker', /^analysis_computations_total\{.*kind="pugh".*outcome="stale"/)) === 1, {
      timeoutMs: SETTLE_MS,
      what: 'the analysis-worker to see the stale completion',
    });

    // Tradeoffs, recommendation, decision quality: DQ overall is the weakest element (45), not acceptable.
    for (const type of ['tradeoffs', 'recommendation', 'decision_quality'] as const) await workThrough(sessions, cycleId, type, LATER_OUTPUTS[type]);
    const withDq = await dashboardCycle(dashboard, sessionId, cycleId, (cycle) => cycle.dq !== null);
    expect(withDq.dq).toMatchObject({ overall_score: 45, acceptable: false });
    expect(withDq.dq.elements).toHaveLength(7);
    expect(withDq.pugh.best_alternative_id).toBe('a1');
    const [liveDq] = await liveOf(socket, 'analysis.dq_computed', 1);
    expect(liveDq.data).toMatchObject({ overall_score: 45, acceptable: false });
    expect((liveDq.data.element_scores as { name: string; improvement_priority: string }[]).find((e) => e.name === 'Creative Alternatives')).toEqual({
      name: 'Creative Alternatives',
      score: 45,
      improvement_priority: 'high',
    });
    expect(socket.received.filter((event) => event.event_type === 'analysis.pugh_computed')).toHaveLength(2);

    // session-cycle learned the score from analysis.dq_computed; completing the cycle publishes it.
    await waitFor(async () => (await sessions.expect(200, 'GET', `/api/cycles/${cycleId}`)).dq_score === 45, { timeoutMs: SETTLE_MS, what: 'dq_score on the cycle' });
    await sessions.expect(200, 'POST', `/api/cycles/${cycleId}/complete`);
    const [completed] = await liveOf(socket, 'cycle.completed', 1);
    expect(completed.data).toMatchObject({ cycle_id: cycleId, dq_score: 45 });
    const overview = await waitFor(
      async () => {
        const body = await dashboard.expect(200, 'GET', '/api/dashboard/overview');
        const entry = body.sessions.find((s: { session_id: string }) => s.session_id === sessionId);
        return entry?.latest_scores?.dq_score === 45 ? entry : undefined;
      },
      { timeoutMs: SETTLE_MS, what: 'the overview with the scores' },
    );
    expect(overview.latest_scores).toMatchObject({ pugh_best_alternative_id: 'a1', dq_score: 45 });
    socket.disconnect();
  }, 300_000);

  it('a branch that copied consequences and decision quality complete shows its own Pugh and DQ, caused by cycle.branched, and a later completion in the branch wins there only', async () => {
    const userId = `user-${randomUUID()}`;
    const sessions = await stack.client('session-cycle', userId, { email: 'analysis-branch-e2e@example.test' });
    const dashboard = await stack.client('dashboard-projector', userId);
    await sessions.expect(201, 'POST', '/api/memberships', { tier: 'monthly' });
    const sessionId = await createSession(sessions);
    const parentId = await createCycle(sessions, sessionId);
    for (const type of ['issue_raising', 'problem_frame', 'objectives', 'alternatives'] as const) await workThrough(sessions, parentId, type, JOURNEY_OUTPUTS[type]);
    await workThrough(sessions, parentId, 'consequences', CONSEQUENCES);
    for (const type of ['tradeoffs', 'recommendation', 'decision_quality'] as const) await workThrough(sessions, parentId, type, LATER_OUTPUTS[type]);
    await dashboardCycle(dashboard, sessionId, parentId, (cycle) => cycle.pugh !== null && cycle.dq !== null);

    // Branching at notes_next_steps copies everything before it complete, consequences and decision quality included.
    await sessions.expect(200, 'POST', `/api/cycles/${parentId}/components/notes_next_steps/start`);
    const branch = await sessions.expect(201, 'POST', `/api/cycles/${parentId}/branch`, { branch_point: 'notes_next_steps' });
    const branchId = branch.id as string;
    const streamed = await waitFor(
      async () => {
        const events = await stack.streams.ofSession(sessionId);
        return events.filter((e) => e.event_type.startsWith('analysis.') && e.aggregate_id === branchId).length >= 2 ? events : undefined;
      },
      { timeoutMs: SETTLE_MS, what: "the branch's analysis events in the streams" },
    );
    const branchedEvent = streamed.find((e) => e.event_type === 'cycle.branched' && e.aggregate_id === branchId)!;
    const branchAnalyses = streamed.filter((e) => e.event_type.startsWith('analysis.') && e.aggregate_id === branchId);
    expect(branchAnalyses.map((e) => [e.event_type, e.metadata.causation_id]).sort()).toEqual([
      ['analysis.dq_computed', branchedEvent.event_id],
      ['analysis.pugh_computed', branchedEvent.event_id],
    ]);
    const branched = await dashboardCycle(dashboard, sessionId, branchId, (cycle) => cycle.pugh !== null && cycle.dq !== null);
    expect(branched.pugh).toMatchObject({ best_alternative_id: 'a2', scores: [{ alternative_id: 'a2', score: 3, rank: 1 }, { alternative_id: 'a1', score: 0, rank: 2 }] });
    expect(branched.dq).toMatchObject({ overall_score: 45, acceptable: false });
    // session-cycle learned the branch's DQ score too
    await waitFor(async () => (await sessions.expect(200, 'GET', `/api/cycles/${branchId}`)).dq_score === 45, { timeoutMs: SETTLE_MS, what: "dq_score on the branch" });

    // Consequences revised and completed again in the branch: the branch's result is replaced, the parent's is not.
    const base = `/api/cycles/${branchId}/components/consequences`;
    await sessions.expect(200, 'POST', `${base}/revise`, { reason: 'The rents were wrong' });
    await sessions.expect(200, 'PUT', `${base}/output`, { output: REVISED_CONSEQUENCES });
    await sessions.expect(200, 'POST', `${base}/complete`);
    await dashboardCycle(dashboard, sessionId, branchId, (cycle) => cycle.pugh?.best_alternative_id === 'a1');
    expect(cycleView(await dashboard.expect(200, 'GET', `/api/dashboard/sessions/${sessionId}`), parentId).pugh.best_alternative_id).toBe('a2');
  }, 300_000);
});
