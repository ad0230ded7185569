import { randomUUID } from 'node:crypto';
import { COMPONENT_TYPES } from '@choice-sherpa/events';
import { SAMPLE_OUTPUTS } from '@choice-sherpa/events/outputs/testing';
import { waitFor } from '@choice-sherpa/platform/testing';
import { JourneyEvents } from './support/journey-events';
import { TrimmedHistoryError } from '../src/rebuild-command';
import { DashboardTestApp } from './support/dashboard-test-app';

interface Decision {
  userId: string;
  sessionId: string;
  cycleIds: string[];
}

/** A whole decision: nine components with conversations, analysis results, a branch worked on, a completion. */
function decision(j: JourneyEvents, userId: string): Decision {
  const sessionId = j.sessionCreated(userId, `Decision of ${userId}`).payload.session_id;
  const cycleId = j.cycleCreated(sessionId).payload.cycle_id;
  for (const type of COMPONENT_TYPES) {
    j.componentStarted(sessionId, cycleId, type);
    const conversationId = j.conversationStarted(sessionId, cycleId, type).payload.conversation_id;
    for (let i = 0; i < 2; i++) j.messageSent(sessionId, conversationId, i % 2 ? 'user' : 'assistant');
    j.dataExtracted(sessionId, cycleId, type, conversationId, SAMPLE_OUTPUTS[type]);
    j.componentOutput(sessionId, cycleId, type, SAMPLE_OUTPUTS[type], `${type} summary`);
    j.componentCompleted(sessionId, cycleId, type, SAMPLE_OUTPUTS[type]);
    if (type === 'consequences') j.pughComputed(sessionId, cycleId, { a: 2, b: 1 });
    if (type === 'decision_quality') j.dqComputed(sessionId, cycleId, [{ name: 'Clear Objectives', score: 81 }]);
  }
  const branchId = j.branch(sessionId, cycleId, 'objectives').payload.cycle_id;
  j.componentCompleted(sessionId, branchId, 'objectives', { fundamental_objectives: [{ id: 'o9', description: 'Objectives, again' }] });
  j.componentRevised(sessionId, cycleId, 'tradeoffs');
  j.cycleCompleted(sessionId, cycleId, 81);
  j.sessionRenamed(sessionId, `Decision of ${userId}`, `Decided by ${userId}`);
  return { userId, sessionId, cycleIds: [cycleId, branchId] };
}

async function everyRoute(service: DashboardTestApp, decisions: Decision[]) {
  const answers: Record<string, unknown> = {};
  for (const { userId, sessionId, cycleIds } of decisions) {
    const paths = [
      '/api/dashboard/overview',
      `/api/dashboard/sessions/${sessionId}`,
      `/api/dashboard/cycles/compare?ids=${cycleIds.join(',')}`,
      ...cycleIds.flatMap((id) => COMPONENT_TYPES.map((type) => `/api/dashboard/cycles/${id}/components/${type}`)),
    ];
    for (const path of paths) {
      const response = await service.get(path, userId);
      expect(response.status, path).toBe(200);
      answers[`${userId} ${path}`] = response.body;
    }
  }
  return answers;
}

describe('dashboard-projector replicas and rebuild', () => {
  let first: DashboardTestApp;
  let second: DashboardTestApp;
  const j = new JourneyEvents();
  let decisions: Decision[];

  beforeAll(async () => {
    first = await DashboardTestApp.start();
    second = await DashboardTestApp.start(first);
    decisions = Array.from({ length: 3 }, () => decision(j, `user-${randomUUID()}`));
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('two replicas share the partitions and build the same read model as a rebuild from the streams', async () => {
    await first.publish(...j.all);
    await waitFor(
      async () => (await first.query("SELECT count(*)::int AS n FROM processed_events WHERE handler = 'dashboard-projection'"))[0].n === j.all.length,
      { timeoutMs: 90_000, what: 'every event projected' },
    );
    expect(first.server.ownedPartitions().length).toBeGreaterThan(0);
    expect(second.server.ownedPartitions().length).toBeGreaterThan(0);
    const live = await everyRoute(first, decisions);
    expect(await everyRoute(second, decisions)).toEqual(live);

    const view = live[`${decisions[0].userId} /api/dashboard/sessions/${decisions[0].sessionId}`] as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(view).toMatchObject({ title: `Decided by ${decisions[0].userId}`, cycle_count: 2 });
    expect(view.cycles[0]).toMatchObject({ status: 'completed', progress: { percent: 87 }, dq: { overall_score: 81 }, pugh: { best_alternative_id: 'a' } });
    expect(view.cycles[0].components.every((c: { message_count: number }) => c.message_count === 2)).toBe(true);
    expect(view.cycles[0].branches[0].components.map((c: { status: string }) => c.status).slice(0, 3)).toEqual(['complete', 'complete', 'complete']);

    const report = await first.rebuild();
    expect(report).toMatchObject({ entries: j.all.length, applied: j.all.length, gaps: 0, stale: 0, invalid: 0 });
    expect(await everyRoute(first, decisions)).toEqual(live);
  }, 120_000);

  it('a rebuild while the replicas keep consuming loses nothing and applies nothing twice', async () => {
    const later = new JourneyEvents('2026-03-01T00:00:00.000Z');
    const more = Array.from({ length: 2 }, () => decision(later, `user-${randomUUID()}`));
    const publishing = first.publish(...later.all);
    await first.rebuild();
    await publishing;
    const total = j.all.length + later.all.length;
    await waitFor(
      async () => (await first.query("SELECT count(*)::int AS n FROM processed_events WHERE handler = 'dashboard-projection'"))[0].n === total,
      { timeoutMs: 90_000, what: 'every event projected after the rebuild' },
    );
    const live = await everyRoute(first, [...decisions, ...more]);
    expect(await first.query('SELECT * FROM dashboard_sequence_gaps')).toEqual([]);
    expect(await first.rebuild()).toMatchObject({ entries: total, applied: total, stale: 0, gaps: 0 });
    expect(await everyRoute(first, [...decisions, ...more])).toEqual(live);
  }, 150_000);

  it('refuses to rebuild from trimmed streams unless told to, and leaves the read model as it was', async () => {
    const before = await everyRoute(first, decisions.slice(0, 1));
    const [{ entries }] = await first.query("SELECT count(*)::int AS entries FROM processed_events WHERE handler = 'dashboard-projection'");
    const redis = await first.redis();
    const stream = `${first.config.streamPrefix}:p0`;
    const [[oldest]] = await redis.xrange(stream, '-', '+', 'COUNT', 1);
    await redis.xdel(stream, oldest);
    await expect(first.rebuild()).rejects.toBeInstanceOf(TrimmedHistoryError);
    expect(await everyRoute(first, decisions.slice(0, 1))).toEqual(before);
    const report = await first.rebuild({ allowTrimmed: true });
    expect(report.entries).toBe(entries - 1);
  }, 60_000);
});
