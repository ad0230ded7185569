import { COMPONENT_TYPES } from '@choice-sherpa/events';
import { waitFor } from '@choice-sherpa/platform/testing';
import { createCycle, createSession, expectStatus, subscribe, workThrough, workThroughUntil } from './support/journey';
import { VALID_OUTPUTS } from './support/outputs';
import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';

describe('session-cycle lifecycle rules over HTTP', () => {
  let service: SessionCycleTestApp;

  beforeAll(async () => {
    service = await startSessionCycleApp();
  });
  afterAll(async () => {
    await service?.close();
  });

  const eventTypesOf = async (aggregateId: string, count: number) =>
    waitFor(
      async () => {
        const events = await service.streams.forAggregate(aggregateId);
        return events.length >= count ? events : undefined;
      },
      { what: `${count} events of ${aggregateId}` },
    ).then((events) => events.map((e) => e.event_type));

  describe('branching at consequences', () => {
    it('copies the components before it, reopens the branch point and starts the rest fresh', async () => {
      const user = await service.as('brancher');
      await subscribe(user, 'monthly');
      const sessionId = await createSession(user);
      const parentId = await createCycle(user, sessionId);
      await workThroughUntil(user, parentId, 'consequences');
      const parent = await expectStatus(200, user.get(`/api/cycles/${parentId}`));

      const branch = await expectStatus(201, user.post(`/api/cycles/${parentId}/branch`, { branch_point: 'consequences' }));

      expect(branch).toMatchObject({ session_id: sessionId, parent_cycle_id: parentId, branch_point: 'consequences', status: 'active' });
      expect(branch.id).not.toBe(parentId);
      const byType = (cycle: { components: { component_type: string }[] }) =>
        Object.fromEntries(cycle.components.map((c) => [c.component_type, c])) as Record<string, any>;
      const before = byType(parent);
      const after = byType(branch);
      for (const type of ['issue_raising', 'problem_frame', 'objectives', 'alternatives']) {
        expect(after[type]).toMatchObject({ status: 'complete', output: before[type].output });
        expect(after[type].id).not.toBe(before[type].id);
      }
      expect(after.consequences).toMatchObject({ status: 'needs_revision', revision_reason: 'branched for exploration', output: before.consequences.output });
      for (const type of ['tradeoffs', 'recommendation', 'decision_quality', 'notes_next_steps']) {
        expect(after[type]).toMatchObject({ status: 'not_started', output: null });
      }
      expect(branch.progress.completed).toBe(4);

      expect(await eventTypesOf(branch.id, 2)).toEqual(['cycle.created', 'cycle.branched']);
      const [created, branched] = await service.streams.forAggregate(branch.id);
      expect(created.payload).toMatchObject({ cycle_id: branch.id, session_id: sessionId, parent_cycle_id: parentId });
      expect(branched.payload).toMatchObject({ cycle_id: branch.id, session_id: sessionId, parent_cycle_id: parentId, branch_point_component: 'consequences' });
      expect(created.metadata.correlation_id).toBe(branched.metadata.correlation_id);

      // The branch is worked on independently: revising its consequences leaves the parent's alone.
      await expectStatus(200, user.put(`/api/cycles/${branch.id}/components/consequences/output`, { output: VALID_OUTPUTS.consequences }));
      await expectStatus(200, user.post(`/api/cycles/${branch.id}/components/consequences/complete`));
      expect(byType(await expectStatus(200, user.get(`/api/cycles/${parentId}`))).consequences.status).toBe('complete');

      await waitFor(async () => (await user.get(`/api/sessions/${sessionId}`)).body.cycle_ids?.length === 2, { what: 'both cycles listed' });
      expect((await user.get(`/api/sessions/${sessionId}`)).body.cycle_ids).toEqual([parentId, branch.id]);
    });

    it('refuses to branch at a component that was never started (409) and writes nothing', async () => {
      const user = await service.as('brancher-early');
      const sessionId = await createSession(user);
      const cycleId = await createCycle(user, sessionId);
      await workThrough(user, cycleId, 'issue_raising');
      const outboxBefore = await service.outboxCount();

      const refused = await user.post(`/api/cycles/${cycleId}/branch`, { branch_point: 'consequences' });

      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('COMPONENT_NOT_STARTED');
      expect(await service.outboxCount()).toBe(outboxBefore);
    });
  });

  describe('component state machine', () => {
    it('answers 409 for skipping ahead, completing a never-started component and writing to a complete one; revision reopens it', async () => {
      const user = await service.as('stepper');
      const cycleId = await createCycle(user, await createSession(user));
      const base = `/api/cycles/${cycleId}/components`;

      expect((await user.post(`${base}/objectives/start`)).body.error.code).toBe('PREREQUISITE_NOT_STARTED');
      const neverStarted = await user.post(`${base}/issue_raising/complete`);
      expect([neverStarted.status, neverStarted.body.error.code]).toEqual([409, 'COMPONENT_NOT_STARTED']);

      await workThrough(user, cycleId, 'issue_raising');
      const locked = await user.put(`${base}/issue_raising/output`, { output: VALID_OUTPUTS.issue_raising });
      expect([locked.status, locked.body.error?.code], JSON.stringify(locked.body)).toEqual([409, 'OUTPUT_LOCKED']);
      expect((await user.post(`${base}/issue_raising/start`)).status).toBe(409);

      const revised = await expectStatus(200, user.post(`${base}/issue_raising/revise`, { reason: 'new facts' }));
      expect(revised.components[0]).toMatchObject({ status: 'needs_revision', revision_reason: 'new facts' });
      await expectStatus(200, user.put(`${base}/issue_raising/output`, { output: VALID_OUTPUTS.issue_raising }));
      await expectStatus(200, user.post(`${base}/issue_raising/complete`));

      const incomplete = await user.put(`${base}/problem_frame/output`, { output: VALID_OUTPUTS.problem_frame });
      expect([incomplete.status, incomplete.body.error.code]).toEqual([409, 'COMPONENT_NOT_STARTED']);

      const revision = (await service.streams.forAggregate(cycleId)).find((e) => e.event_type === 'component.marked_for_revision');
      expect(revision?.payload).toMatchObject({ component_type: 'issue_raising', reason: 'new facts', session_id: expect.any(String) });
    });

    it('refuses to complete alternatives without a status quo among them (409 COMPLETION_RULE_UNMET)', async () => {
      const user = await service.as('rule-checker');
      const cycleId = await createCycle(user, await createSession(user));
      await workThroughUntil(user, cycleId, 'objectives');
      await expectStatus(200, user.post(`/api/cycles/${cycleId}/components/alternatives/start`));
      await expectStatus(200, user.put(`/api/cycles/${cycleId}/components/alternatives/output`, { output: { alternatives: [{ id: 'a1', name: 'Only one', assumptions: [] }], status_quo_id: 'a1' } }));

      const refused = await user.post(`/api/cycles/${cycleId}/components/alternatives/complete`);

      expect([refused.status, refused.body.error.code]).toEqual([409, 'COMPLETION_RULE_UNMET']);
    });
  });

  describe('archive', () => {
    it('archives an active cycle (cycle.archived), after which it no longer changes', async () => {
      const user = await service.as('archivist');
      const sessionId = await createSession(user);
      const cycleId = await createCycle(user, sessionId);
      await workThrough(user, cycleId, 'issue_raising');

      const archived = await expectStatus(200, user.post(`/api/cycles/${cycleId}/archive`));
      expect(archived).toMatchObject({ status: 'archived', archived_at: expect.any(String) });

      const start = await user.post(`/api/cycles/${cycleId}/components/problem_frame/start`);
      expect([start.status, start.body.error.code]).toEqual([409, 'CYCLE_NOT_ACTIVE']);
      expect((await user.post(`/api/cycles/${cycleId}/archive`)).status).toBe(409);
      const types = await eventTypesOf(cycleId, 5);
      expect(types.at(-1)).toBe('cycle.archived');
      expect(types.filter((t) => t === 'cycle.archived')).toHaveLength(1);
    });

    it('archives a completed cycle', async () => {
      const user = await service.as('archivist-2');
      const cycleId = await createCycle(user, await createSession(user));
      await workThroughUntil(user, cycleId, 'recommendation');
      await expectStatus(200, user.post(`/api/cycles/${cycleId}/complete`));

      expect((await expectStatus(200, user.post(`/api/cycles/${cycleId}/archive`))).status).toBe('archived');
    });

    it('archives a session (session.archived); an archived session cannot be renamed or get cycles', async () => {
      const user = await service.as('archivist-3');
      const sessionId = await createSession(user, 'Old title');
      await expectStatus(200, user.patch(`/api/sessions/${sessionId}`, { title: 'New title' }));

      expect(await expectStatus(200, user.post(`/api/sessions/${sessionId}/archive`))).toMatchObject({ status: 'archived', title: 'New title' });
      const rename = await user.patch(`/api/sessions/${sessionId}`, { title: 'Newer' });
      expect([rename.status, rename.body.error.code]).toEqual([409, 'SESSION_ARCHIVED']);
      const cycle = await user.post(`/api/sessions/${sessionId}/cycles`);
      expect([cycle.status, cycle.body.error.code]).toEqual([409, 'SESSION_ARCHIVED']);
      expect((await user.post(`/api/sessions/${sessionId}/archive`)).status).toBe(409);

      expect(await eventTypesOf(sessionId, 3)).toEqual(['session.created', 'session.renamed', 'session.archived']);
      const renamed = (await service.streams.forAggregate(sessionId))[1];
      expect(renamed.payload).toEqual({ session_id: sessionId, old_title: 'Old title', new_title: 'New title' });
    });
  });

  describe('cycle completion per tier', () => {
    it('free tier: completes after recommendation, without decision_quality (which it may not start), dq_score null', async () => {
      const user = await service.as('free-completer');
      const cycleId = await createCycle(user, await createSession(user));
      await workThroughUntil(user, cycleId, 'recommendation');

      const dq = await user.post(`/api/cycles/${cycleId}/components/decision_quality/start`);
      expect(dq.status).toBe(403);
      expect(dq.body.error).toMatchObject({ code: 'TIER_LIMIT', details: [{ limit: 'decision_quality', required_tier: 'monthly' }] });

      expect(await expectStatus(200, user.post(`/api/cycles/${cycleId}/complete`))).toMatchObject({ status: 'completed' });
      expect((await user.post(`/api/cycles/${cycleId}/complete`)).status).toBe(409);
      const types = await eventTypesOf(cycleId, 1 + 7 * 3 + 1);
      expect(types.at(-1)).toBe('cycle.completed');
      expect((await service.streams.forAggregate(cycleId)).at(-1)!.payload.dq_score).toBeNull();
    });

    it('monthly tier: needs decision_quality complete (409 CYCLE_INCOMPLETE before), then completes with dq_score null when analysis has not reported', async () => {
      const user = await service.as('monthly-completer');
      await subscribe(user, 'monthly');
      const cycleId = await createCycle(user, await createSession(user));
      await workThroughUntil(user, cycleId, 'recommendation');

      const early = await user.post(`/api/cycles/${cycleId}/complete`);
      expect([early.status, early.body.error.code]).toEqual([409, 'CYCLE_INCOMPLETE']);
      await workThrough(user, cycleId, 'decision_quality');

      expect(await expectStatus(200, user.post(`/api/cycles/${cycleId}/complete`))).toMatchObject({ status: 'completed', dq_score: null });
      const types = await eventTypesOf(cycleId, 1 + 8 * 3 + 1);
      expect(types.at(-1)).toBe('cycle.completed');
      expect(types.filter((t) => t === 'cycle.completed')).toHaveLength(1);
      expect((await service.streams.forAggregate(cycleId)).at(-1)!.payload.dq_score).toBeNull();
    });
  });

  describe('tier limits and memberships', () => {
    it('free tier: a fourth active session is refused with TIER_LIMIT details; archiving one frees a place', async () => {
      const user = await service.as('collector');
      const ids = [await createSession(user), await createSession(user), await createSession(user)];
      const outboxBefore = await service.outboxCount();

      const fourth = await user.post('/api/sessions', { title: 'One too many' });

      expect(fourth.status).toBe(403);
      expect(fourth.body.error).toMatchObject({ code: 'TIER_LIMIT', details: [{ limit: 'active_sessions', current: 3, max: 3, required_tier: 'monthly' }] });
      expect(await service.outboxCount()).toBe(outboxBefore);
      expect((await user.get('/api/sessions')).body).toHaveLength(3);

      await expectStatus(200, user.post(`/api/sessions/${ids[0]}/archive`));
      await createSession(user, 'Now it fits');
    });

    it('free tier: a third cycle in a session (created or branched) is refused; monthly allows it', async () => {
      const user = await service.as('cycler');
      const sessionId = await createSession(user);
      const first = await createCycle(user, sessionId);
      await createCycle(user, sessionId);
      await workThrough(user, first, 'issue_raising');

      const third = await user.post(`/api/sessions/${sessionId}/cycles`);
      expect(third.status).toBe(403);
      expect(third.body.error).toMatchObject({ code: 'TIER_LIMIT', details: [{ limit: 'cycles_per_session', current: 2, max: 2, required_tier: 'monthly' }] });
      const branch = await user.post(`/api/cycles/${first}/branch`, { branch_point: 'issue_raising' });
      expect([branch.status, branch.body.error.code]).toEqual([403, 'TIER_LIMIT']);

      await subscribe(user, 'monthly');
      await createCycle(user, sessionId);
    });

    it('creates, shows, upgrades and cancels a membership; refuses downgrades; cancelled means free limits again', async () => {
      const user = await service.as('member', { email: 'member@example.test' });
      const none = await expectStatus(200, user.get('/api/memberships/me'));
      expect(none).toMatchObject({ membership: null, effective_tier: 'free', limits: { active_sessions: 3, cycles_per_session: 2, decision_quality: false } });

      const created = await expectStatus(201, user.post('/api/memberships', { tier: 'monthly' }));
      expect(created).toMatchObject({ tier: 'monthly', status: 'active', email: 'member@example.test', user_id: 'member' });
      expect((await user.post('/api/memberships', { tier: 'annual' })).body.error.code).toBe('MEMBERSHIP_EXISTS');
      expect((await expectStatus(200, user.get('/api/memberships/me'))).effective_tier).toBe('monthly');

      const downgrade = await user.post(`/api/memberships/${created.id}/upgrade`, { tier: 'free' });
      expect([downgrade.status, downgrade.body.error.code]).toEqual([409, 'TIER_DOWNGRADE']);
      expect((await expectStatus(200, user.post(`/api/memberships/${created.id}/upgrade`, { tier: 'annual' }))).tier).toBe('annual');
      expect((await expectStatus(200, user.get('/api/memberships/me'))).limits).toMatchObject({ active_sessions: null, cycles_per_session: null });

      const cancelled = await expectStatus(200, user.post(`/api/memberships/${created.id}/cancel`, { reason: 'too expensive' }));
      expect(cancelled).toMatchObject({ status: 'cancelled', cancel_reason: 'too expensive' });
      expect((await expectStatus(200, user.get('/api/memberships/me'))).effective_tier).toBe('free');

      expect(await eventTypesOf(created.id, 3)).toEqual(['membership.created', 'membership.upgraded', 'membership.cancelled']);
      const [, upgraded, cancel] = await service.streams.forAggregate(created.id);
      expect(upgraded.payload).toMatchObject({ membership_id: created.id, user_id: 'member', email: 'member@example.test', old_tier: 'monthly', new_tier: 'annual' });
      expect(cancel.payload).toMatchObject({ membership_id: created.id, reason: 'too expensive', cancelled_at: expect.any(String) });
    });
  });

  it('all nine component types have a route', () => {
    expect(COMPONENT_TYPES).toHaveLength(9);
  });
});
