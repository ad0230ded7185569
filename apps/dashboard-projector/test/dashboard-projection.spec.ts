import { randomUUID } from 'node:crypto';
import { waitFor } from '@choice-sherpa/platform/testing';
import { JourneyEvents } from './support/journey-events';
import { DashboardTestApp } from './support/dashboard-test-app';

const routesOf = (sessionId: string, cycleIds: string[]) => [
  '/api/dashboard/overview',
  `/api/dashboard/sessions/${sessionId}`,
  ...cycleIds.flatMap((id) => [`/api/dashboard/cycles/${id}/components/issue_raising`, `/api/dashboard/cycles/${id}/components/consequences`]),
  `/api/dashboard/cycles/compare?ids=${cycleIds.join(',')}`,
];

describe('dashboard-projector (real PostgreSQL, Redis Streams, HTTP with tokens)', () => {
  let service: DashboardTestApp;
  const j = new JourneyEvents();
  const ana = `ana-${randomUUID()}`;
  const bob = `bob-${randomUUID()}`;
  let sessionId: string;
  let cycleId: string;
  let branchId: string;
  let conversationId: string;

  beforeAll(async () => {
    service = await DashboardTestApp.start();
    sessionId = j.sessionCreated(ana, 'Where should we live?').payload.session_id;
    cycleId = j.cycleCreated(sessionId).payload.cycle_id;
    j.finish(sessionId, cycleId, 'issue_raising', { objectives: ['calm'] });
    conversationId = j.conversationStarted(sessionId, cycleId, 'problem_frame').payload.conversation_id;
    j.componentStarted(sessionId, cycleId, 'problem_frame');
    j.messageSent(sessionId, conversationId, 'assistant');
    j.messageSent(sessionId, conversationId, 'user');
    j.componentCompleted(sessionId, cycleId, 'problem_frame');
    for (const type of ['objectives', 'alternatives'] as const) j.finish(sessionId, cycleId, type);
    j.finish(sessionId, cycleId, 'consequences', { alternative_ids: ['stay'], objective_ids: ['calm'], cells: { 'stay:calm': { rating: 1 } } });
    j.pughComputed(sessionId, cycleId, { stay: 2, move: -1 });
    branchId = j.branch(sessionId, cycleId, 'alternatives').payload.cycle_id;
    j.componentStarted(sessionId, branchId, 'alternatives');
    await service.publish(...j.all);
  });
  afterAll(async () => {
    await service?.close();
  });

  const projected = (userId: string, path: string, until: (body: any) => boolean) => // eslint-disable-line @typescript-eslint/no-explicit-any
    waitFor(async () => {
      const response = await service.get(path, userId);
      return response.status === 200 && until(response.body) ? response.body : undefined;
    }, { timeoutMs: 15_000, what: `${path} projected` });

  it('the session view shows the cycle tree with the branch, statuses, progress, message counts and Pugh results', async () => {
    const view = await projected(
      ana,
      `/api/dashboard/sessions/${sessionId}`,
      (b) => b.cycles?.[0]?.pugh !== null && b.cycles?.[0]?.progress.completed === 5 && b.cycles?.[0]?.branches?.[0]?.components?.[3]?.status === 'in_progress',
    );
    expect(view).toMatchObject({ session_id: sessionId, title: 'Where should we live?', status: 'active', cycle_count: 2 });
    const [root] = view.cycles;
    expect(root).toMatchObject({ cycle_id: cycleId, parent_cycle_id: null, progress: { completed: 5, required: 8, percent: 62 } });
    expect(root.components.find((c: { component_type: string }) => c.component_type === 'problem_frame')).toMatchObject({ status: 'complete', message_count: 2 });
    expect(root.pugh).toMatchObject({ best_alternative_id: 'stay', scores: [{ alternative_id: 'stay', score: 2, rank: 1 }, { alternative_id: 'move', score: -1, rank: 2 }] });
    const [branch] = root.branches;
    expect(branch).toMatchObject({ cycle_id: branchId, parent_cycle_id: cycleId, branch_point: 'alternatives', progress: { completed: 3 } });
    expect(branch.components.map((c: { status: string }) => c.status)).toEqual([
      'complete', 'complete', 'complete', 'in_progress', 'not_started', 'not_started', 'not_started', 'not_started', 'not_started',
    ]);
    const lastOf = (aggregateId: string, module: string) =>
      Math.max(...j.all.filter((e) => e.aggregate_id === aggregateId && e.event_type.startsWith(module)).map((e) => e.sequence));
    expect(view.positions).toEqual([
      { source: 'analysis-worker', aggregate_key: `cycle:${cycleId}`, sequence: 1 },
      { source: 'conversation', aggregate_key: `conversation:${conversationId}`, sequence: lastOf(conversationId, 'conversation.') },
      ...[branchId, cycleId].sort().map((id) => ({ source: 'session-cycle', aggregate_key: `cycle:${id}`, sequence: Math.max(lastOf(id, 'cycle.'), lastOf(id, 'component.')) })),
      { source: 'session-cycle', aggregate_key: `session:${sessionId}`, sequence: 1 },
    ]);
  });

  it('the overview, component detail and comparison answer the owner in snake_case', async () => {
    const overview = await projected(ana, '/api/dashboard/overview', (b) => b.sessions?.[0]?.latest_scores.pugh_best_alternative_id !== null && b.sessions?.[0]?.progress?.completed === 3);
    expect(overview.sessions).toHaveLength(1);
    expect(overview.sessions[0]).toMatchObject({
      session_id: sessionId,
      title: 'Where should we live?',
      cycle_count: 2,
      current_cycle_id: branchId,
      progress: { completed: 3, percent: 37 },
      latest_scores: { pugh_best_alternative_id: 'stay', dq_score: null },
    });
    const detail = await service.get(`/api/dashboard/cycles/${cycleId}/components/issue_raising`, ana);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'complete', output: { objectives: ['calm'] }, can_branch: true, can_revise: true, previous: null, next: 'problem_frame' });
    const frame = await service.get(`/api/dashboard/cycles/${cycleId}/components/problem_frame`, ana);
    expect(frame.body).toMatchObject({ message_count: 2, conversation: { conversation_id: conversationId, message_count: 2 } });
    const compare = await service.get(`/api/dashboard/cycles/compare?ids=${cycleId},${branchId}`, ana);
    expect(compare.status).toBe(200);
    const differs = Object.fromEntries(compare.body.components.map((c: { component_type: string; differs: boolean }) => [c.component_type, c.differs]));
    expect(differs).toMatchObject({ issue_raising: false, alternatives: true, consequences: true, tradeoffs: false });
    expect(compare.body.cycles.map((c: { cycle_id: string; progress: { completed: number } }) => [c.cycle_id, c.progress.completed])).toEqual([[cycleId, 5], [branchId, 3]]);
  });

  it('another user gets 404 for every route of the session, exactly as for an unknown id, and an empty overview', async () => {
    await projected(ana, `/api/dashboard/sessions/${sessionId}`, (b) => b.cycles?.[0]?.branches?.length === 1);
    const unknown = randomUUID();
    for (const [mine, absent] of [
      [`/api/dashboard/sessions/${sessionId}`, `/api/dashboard/sessions/${unknown}`],
      [`/api/dashboard/cycles/${cycleId}/components/objectives`, `/api/dashboard/cycles/${unknown}/components/objectives`],
      [`/api/dashboard/cycles/compare?ids=${cycleId},${branchId}`, `/api/dashboard/cycles/compare?ids=${unknown},${branchId}`],
    ]) {
      const asBob = await service.get(mine, bob);
      expect(asBob.status, mine).toBe(404);
      const missing = await service.get(absent, ana);
      expect(missing.status).toBe(404);
      expect(asBob.body.error.code).toBe(missing.body.error.code);
      expect(JSON.stringify(asBob.body)).not.toContain('Where should we live');
    }
    expect((await service.get('/api/dashboard/overview', bob)).body).toEqual({ sessions: [] });
  });

  it('refuses requests without a token (401) and invalid ids, component types and id lists (400 naming the field)', async () => {
    expect((await service.get('/api/dashboard/overview', null)).status).toBe(401);
    const cases: Array<[string, string]> = [
      ['/api/dashboard/sessions/not-a-uuid', 'id'],
      [`/api/dashboard/cycles/${cycleId}/components/feelings`, 'type'],
      ['/api/dashboard/cycles/not-a-uuid/components/objectives', 'id'],
      [`/api/dashboard/cycles/compare?ids=${cycleId}`, 'ids'],
      ['/api/dashboard/cycles/compare', 'ids'],
      [`/api/dashboard/cycles/compare?ids=${cycleId},nope`, 'ids'],
      [`/api/dashboard/cycles/compare?ids=${cycleId},${cycleId}`, 'ids'],
      [`/api/dashboard/cycles/compare?ids=${Array.from({ length: 11 }, () => randomUUID()).join(',')}`, 'ids'],
      [`/api/dashboard/cycles/compare?ids=${cycleId},${branchId}&components=objectives,feelings`, 'components'],
      [`/api/dashboard/cycles/compare?ids=${cycleId},${branchId}&extra=1`, 'extra'],
    ];
    for (const [path, field] of cases) {
      const response = await service.get(path, ana);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { field: string }) => d.field), path).toContain(field);
    }
  });

  it('a redelivered event (same id) and a duplicate sequence (new id) do not count twice', async () => {
    await projected(ana, `/api/dashboard/cycles/${cycleId}/components/problem_frame`, (b) => b.message_count === 2);
    const message = j.all.find((e) => e.event_type === 'conversation.message_sent')!;
    await service.publish(message, { ...message, event_id: randomUUID() });
    const marker = j.messageSent(sessionId, conversationId);
    await service.publish(marker);
    // the marker follows the duplicates in the conversation's partition, so once it shows they were handled
    const detail = await projected(ana, `/api/dashboard/cycles/${cycleId}/components/problem_frame`, (b) => b.last_message_at === marker.payload.sent_at);
    expect(detail.message_count).toBe(3);
    const [{ n }] = await service.query('SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1', [message.event_id]);
    expect(n).toBe(1);
  });

  it('an event whose predecessor was lost is applied and the gap recorded', async () => {
    const skipped = j.componentStarted(sessionId, cycleId, 'tradeoffs');
    const after = j.componentOutput(sessionId, cycleId, 'tradeoffs', { tensions: [] }, 'no tensions');
    await service.publish(after);
    await projected(ana, `/api/dashboard/cycles/${cycleId}/components/tradeoffs`, (b) => b.output_summary === 'no tensions' && b.status === 'in_progress');
    const gaps = await service.query('SELECT aggregate_key, expected, received, event_id FROM dashboard_sequence_gaps');
    expect(gaps).toEqual([{ aggregate_key: `cycle:${cycleId}`, expected: skipped.sequence, received: after.sequence, event_id: after.event_id }]);
  });

  it('rebuild from the streams produces the identical read model on every route', async () => {
    const last = j.all[j.all.length - 1];
    await projected(ana, `/api/dashboard/cycles/${cycleId}/components/tradeoffs`, (b) => b.updated_at === last.occurred_at);
    const paths = routesOf(sessionId, [cycleId, branchId]);
    const before = await Promise.all(paths.map((p) => service.get(p, ana)));
    expect(before.every((r) => r.status === 200)).toBe(true);

    const report = await service.rebuild();
    const projectedTypes = j.all.length;
    // everything published once, plus the two duplicates of the redelivery test; the skipped event was never published
    expect(report).toMatchObject({ entries: projectedTypes - 1 + 2, applied: projectedTypes - 1, stale: 2, gaps: 1, invalid: 0 });

    const after = await Promise.all(paths.map((p) => service.get(p, ana)));
    expect(after).toEqual(before);
    // one row per distinct event id: the published events and the duplicate that came with a new id
    const [{ n }] = await service.query("SELECT count(*)::int AS n FROM processed_events WHERE handler = 'dashboard-projection'");
    expect(n).toBe(projectedTypes - 1 + 1);
  });
});
