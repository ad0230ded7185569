import { waitFor } from '@choice-sherpa/platform/testing';
import { ApiError, ChoiceSherpaApi, LiveClient, SessionStore } from '../../libs/client/src';
import type { Cycle, SessionView } from '../../libs/client/src';
import { JOURNEY_OUTPUTS, TestStack } from '../support';

/**
 * The typed client against the running services behind one origin: every session-cycle and dashboard route it
 * types answers the shape it declares, errors come back as ApiError, and a SessionStore fed by the real gateway
 * ends up equal to a fresh read of the read model.
 */
describe('libs/client against session-cycle, dashboard-projector and ws-gateway', () => {
  let stack: TestStack;
  /** the entry point's one origin: the APIs, /socket.io and the web app */
  let origin: string;
  const user = `contract-${Date.now()}`;
  let api: ChoiceSherpaApi;
  let live: LiveClient;

  beforeAll(async () => {
    stack = await TestStack.start({ services: ['session-cycle', 'dashboard-projector', 'ws-gateway'] });
    origin = stack.publicUrl('session-cycle');
    const token = await stack.token(user, { email: 'contract@example.com' });
    api = new ChoiceSherpaApi({ baseUrl: origin, token: () => token });
    live = new LiveClient({ url: origin, token: () => token, socketOptions: { extraHeaders: { Origin: origin } } });
  }, 300_000);
  afterAll(async () => {
    live?.close();
    await stack?.stop();
  });

  it('sessions, cycles, components and memberships answer the declared shapes', async () => {
    const session = await api.sessions.create({ title: 'Contract decision', description: 'typed' });
    expect(session).toMatchObject({ title: 'Contract decision', description: 'typed', status: 'active', user_id: user, cycle_ids: [], archived_at: null });
    expect((await api.sessions.list()).map((s) => s.id)).toContain(session.id);
    const cycle: Cycle = await api.sessions.createCycle(session.id);
    expect(cycle).toMatchObject({ session_id: session.id, parent_cycle_id: null, branch_point: null, status: 'active', progress: { completed: 0, required: 8 } });
    expect(cycle.components.map((c) => [c.component_type, c.status])).toContainEqual(['issue_raising', 'not_started']);
    await api.cycles.startComponent(cycle.id, 'issue_raising');
    await api.cycles.updateOutput(cycle.id, 'issue_raising', JOURNEY_OUTPUTS.issue_raising as never);
    const completed = await api.cycles.completeComponent(cycle.id, 'issue_raising');
    expect(completed.components[0]).toMatchObject({ status: 'complete', output: JOURNEY_OUTPUTS.issue_raising });
    const revised = await api.cycles.reviseComponent(cycle.id, 'issue_raising', 'One more objective');
    expect(revised.components[0]).toMatchObject({ status: 'needs_revision', revision_reason: 'One more objective' });
    const branch = await api.cycles.branch(cycle.id, 'issue_raising');
    expect(branch).toMatchObject({ parent_cycle_id: cycle.id, branch_point: 'issue_raising' });
    expect((await api.sessions.rename(session.id, 'Contract decision, renamed')).title).toBe('Contract decision, renamed');
    expect((await api.sessions.get(session.id)).cycle_ids).toEqual(expect.arrayContaining([cycle.id]));

    const membership = await api.memberships.create('free');
    expect(membership).toMatchObject({ user_id: user, tier: 'free', email: 'contract@example.com' });
    expect((await api.memberships.upgrade(membership.id, 'monthly')).tier).toBe('monthly');
    expect(await api.memberships.mine()).toMatchObject({ effective_tier: 'monthly', limits: { decision_quality: true, cycles_per_session: 5 } });

    const view = await waitFor(async () => {
      const v = await api.dashboard.session(session.id);
      return v.cycle_count === 2 && v.title === 'Contract decision, renamed' ? v : undefined;
    }, { timeoutMs: 60_000, what: 'the session view' });
    expect(view.cycles[0]).toMatchObject({ cycle_id: cycle.id, components: expect.any(Array), branches: [expect.objectContaining({ cycle_id: branch.id, branch_point: 'issue_raising' })] });
    expect(view.positions).toContainEqual({ source: 'session-cycle', aggregate_key: `session:${session.id}`, sequence: 2 });
    const detail = await api.dashboard.component(cycle.id, 'issue_raising');
    expect(detail).toMatchObject({ cycle_id: cycle.id, component_type: 'issue_raising', status: 'needs_revision', can_revise: false, can_branch: true, next: 'problem_frame' });
    const comparison = await api.dashboard.compare([cycle.id, branch.id]);
    expect(comparison.cycles.map((c) => c.cycle_id)).toEqual([cycle.id, branch.id]);
    expect(comparison.components).toHaveLength(9);
    const overview = await api.dashboard.overview();
    expect(overview.sessions.find((s) => s.session_id === session.id)).toMatchObject({ cycle_count: 2, positions: expect.any(Array) });
  });

  it('errors arrive as ApiError: not found, validation with fields, conflicts and tier limits with the lifting tier', async () => {
    const other = new ChoiceSherpaApi({ baseUrl: origin, token: () => token });
    const token = await stack.token(`${user}-other`);
    const mine = await api.sessions.create({ title: 'Mine only' });
    const notFound = await other.dashboard.session(mine.id).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(ApiError);
    expect(notFound).toMatchObject({ status: 404, code: 'NOT_FOUND', isNotFound: true });
    const invalid = (await api.sessions.rename(mine.id, '').catch((e: unknown) => e)) as ApiError;
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(invalid.fieldProblems.map((p) => p.field)).toContain('title');
    const cycle = await api.sessions.createCycle(mine.id);
    const conflict = (await api.cycles.completeComponent(cycle.id, 'objectives').catch((e: unknown) => e)) as ApiError;
    expect(conflict.status).toBe(409);
    const freeUser = new ChoiceSherpaApi({ baseUrl: origin, token: () => freeToken });
    const freeToken = await stack.token(`${user}-free`);
    const limited = await freeUser.sessions.create({ title: 'Two cycles at most' });
    await freeUser.sessions.createCycle(limited.id);
    await freeUser.sessions.createCycle(limited.id);
    const tier = (await freeUser.sessions.createCycle(limited.id).catch((e: unknown) => e)) as ApiError;
    expect(tier).toMatchObject({ status: 403, code: 'TIER_LIMIT' });
    expect(tier.tierLimit).toEqual({ limit: 'cycles_per_session', current: 2, max: 2, required_tier: 'monthly' });
  });

  it('a SessionStore fed by the gateway converges to the read model, and its commands settle on their own events', async () => {
    const session = await api.sessions.create({ title: 'Live store' });
    const store = new SessionStore(session.id, api, live);
    const stop = store.start();
    try {
      await waitFor(() => store.session.get().status === 'ready', { timeoutMs: 60_000, what: 'store ready' });
      expect(await store.createCycle()).toBe(true);
      const cycleId = (await waitFor(() => store.session.get().view?.cycles[0]?.cycle_id, { timeoutMs: 60_000, what: 'cycle in the store' }))!;
      expect(await store.startComponent(cycleId, 'issue_raising')).toBe(true);
      expect(await store.rename('Live store, renamed')).toBe(true);
      expect(store.session.get().view?.title).toBe('Live store, renamed');
      await waitFor(() => store.session.get().pending === 0, { timeoutMs: 60_000, what: 'commands settled by their events' });
      const fresh = await waitFor(async () => {
        const v = await api.dashboard.session(session.id);
        return v.title === 'Live store, renamed' && v.cycles[0]?.components[0].status === 'in_progress' ? v : undefined;
      }, { timeoutMs: 60_000, what: 'read model caught up' });
      const comparable = ({ positions: _p, last_updated_at: _l, ...rest }: SessionView) => rest;
      expect(comparable(store.session.get().view!)).toEqual(comparable(fresh));
    } finally {
      stop();
    }
  });
});
