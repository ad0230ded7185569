import { COMPONENT_TYPES, createEvent, EventEnvelope } from '@choice-sherpa/events';
import { waitFor } from '@choice-sherpa/platform/testing';
import { v7 as uuidv7 } from 'uuid';
import { createCycle, createSession, expectStatus, subscribe, workThrough } from './support/journey';
import { VALID_OUTPUTS } from './support/outputs';
import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('one cycle through the nine components (HTTP, PostgreSQL, outbox relay, Redis Streams)', () => {
  let service: SessionCycleTestApp;

  beforeAll(async () => {
    service = await startSessionCycleApp();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('publishes every event of the journey, in order, with session ids, user ids and correlation ids', async () => {
    const user = await service.as('ana');
    const membershipId = await subscribe(user, 'monthly');
    const session = await expectStatus(201, user.post('/api/sessions', { title: '  Where should we live?  ', description: 'Stay or move' }));
    expect(session).toMatchObject({ title: 'Where should we live?', description: 'Stay or move', status: 'active', user_id: 'ana', cycle_ids: [] });

    const cycle = await expectStatus(201, user.post(`/api/sessions/${session.id}/cycles`));
    expect(cycle.components.map((c: { component_type: string; status: string }) => [c.component_type, c.status])).toEqual(
      COMPONENT_TYPES.map((type) => [type, 'not_started']),
    );

    // The session learns its cycles from cycle.created (its own consumer).
    await waitFor(async () => (await user.get(`/api/sessions/${session.id}`)).body.cycle_ids?.length === 1, { what: 'cycle listed in session' });
    expect((await user.get(`/api/sessions/${session.id}`)).body.cycle_ids).toEqual([cycle.id]);

    for (const type of COMPONENT_TYPES) await workThrough(user, cycle.id, type);
    const worked = await expectStatus(200, user.get(`/api/cycles/${cycle.id}`));
    expect(worked.components.every((c: { status: string }) => c.status === 'complete')).toBe(true);
    expect(worked.progress).toEqual({ completed: 8, required: 8, percent: 100 });

    // The analysis worker's answer to decision_quality being completed: the weakest element.
    await service.publish({
      ...createEvent('analysis.dq_computed', {
        aggregateId: cycle.id,
        payload: { cycle_id: cycle.id, session_id: session.id, element_scores: [{ name: 'Creative Alternatives', score: 60 }], overall_score: 60, computed_at: new Date().toISOString() },
        metadata: { correlationId: uuidv7(), userId: 'ana' },
      }),
      sequence: 1,
    });
    await waitFor(async () => (await user.get(`/api/cycles/${cycle.id}`)).body.dq_score === 60, { what: 'dq score recorded' });

    const correlationId = uuidv7();
    const completed = await service.http.request('POST', `/api/cycles/${cycle.id}/complete`, {
      token: await service.token('ana'),
      headers: { 'x-correlation-id': correlationId },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ status: 'completed', dq_score: 60 });

    const cycleEvents = await waitFor(
      async () => {
        const events = await service.streams.forAggregate(cycle.id);
        return events.some((e) => e.event_type === 'cycle.completed') ? events : undefined;
      },
      { what: 'cycle.completed on the stream' },
    );
    const ours = cycleEvents.filter((e) => e.event_type !== 'analysis.dq_computed');
    expect(ours.map((e) => e.event_type)).toEqual([
      'cycle.created',
      ...COMPONENT_TYPES.flatMap(() => ['component.started', 'component.output_updated', 'component.completed']),
      'cycle.completed',
    ]);
    expect(ours.map((e) => e.sequence)).toEqual(ours.map((_, index) => index + 1));
    for (const event of ours) {
      expect(event.payload.session_id).toBe(session.id);
      expect(event.payload.cycle_id).toBe(cycle.id);
      expect(event.metadata.user_id).toBe('ana');
      expect(event.metadata.correlation_id).toMatch(UUID);
      expect(event.aggregate_type).toBe('cycle');
    }

    const componentIds = Object.fromEntries(worked.components.map((c: { component_type: string; id: string }) => [c.component_type, c.id]));
    const completions = ours.filter((e) => e.event_type === 'component.completed');
    expect(completions.map((e) => [e.payload.component_type, e.payload.component_id])).toEqual(COMPONENT_TYPES.map((type) => [type, componentIds[type]]));
    const consequences = completions.find((e) => e.payload.component_type === 'consequences')!;
    expect(consequences.payload.output).toMatchObject({ alternative_ids: ['a1', 'a2'], objective_ids: ['o1', 'o2'] });
    expect((consequences.payload.output as { cells: Record<string, { rating: number }> }).cells['a2:o2'].rating).toBe(2);

    const update = ours.find((e) => e.event_type === 'component.output_updated' && e.payload.component_type === 'alternatives')!;
    expect(update.payload.output).toMatchObject({ status_quo_id: 'a1' });
    expect(typeof update.payload.output_summary).toBe('string');
    expect(update.payload.output_summary).not.toContain('Lisbon');

    const cycleCompleted = ours.at(-1)!;
    expect(cycleCompleted.payload).toMatchObject({ cycle_id: cycle.id, session_id: session.id, dq_score: 60 });
    expect(cycleCompleted.metadata.correlation_id).toBe(correlationId);

    const sessionEvents = await service.streams.forAggregate(session.id);
    expect(sessionEvents.map((e) => e.event_type)).toEqual(['session.created']);
    expect(sessionEvents[0].payload).toMatchObject({ session_id: session.id, user_id: 'ana', title: 'Where should we live?' });

    const membershipEvents = await service.streams.forAggregate(membershipId);
    expect(membershipEvents.map((e) => [e.event_type, e.payload.tier, e.payload.email])).toEqual([['membership.created', 'monthly', 'ana@example.test']]);

    // Each request has its own correlation id.
    const correlations = new Set(ours.map((e: EventEnvelope) => e.metadata.correlation_id));
    expect(correlations.size).toBe(ours.length);
  });

  it('answers GET on the caller\'s sessions and cycles with what was written', async () => {
    const user = await service.as('bea');
    const sessionId = await createSession(user, 'A second decision');
    const cycleId = await createCycle(user, sessionId);
    await workThrough(user, cycleId, 'issue_raising');

    const sessions = await expectStatus(200, user.get('/api/sessions'));
    expect(sessions.map((s: { id: string }) => s.id)).toEqual([sessionId]);
    const cycle = await expectStatus(200, user.get(`/api/cycles/${cycleId}`));
    expect(cycle.components[0]).toMatchObject({ component_type: 'issue_raising', status: 'complete' });
    expect(cycle.components[0].output).toMatchObject({ objectives: VALID_OUTPUTS.issue_raising.objectives });
    expect(cycle.progress.percent).toBe(12);
  });
});
