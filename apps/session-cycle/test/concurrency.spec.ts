import { createCycle, createSession, expectStatus, subscribe, workThrough } from './support/journey';
import { VALID_OUTPUTS } from './support/outputs';
import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';

describe('concurrent commands: no lost update, no limit raced past', () => {
  let service: SessionCycleTestApp;

  beforeAll(async () => {
    service = await startSessionCycleApp();
  });
  afterAll(async () => {
    await service?.close();
  });

  it('eight simultaneous session creations on the free tier: exactly three succeed, the rest are TIER_LIMIT', async () => {
    const user = await service.as('racer');
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => user.post('/api/sessions', { title: `Race ${i}` })));

    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 201, 403, 403, 403, 403, 403]);
    expect((await user.get('/api/sessions')).body).toHaveLength(3);
    const created = (await service.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE event_type = 'session.created' AND envelope::jsonb -> 'metadata' ->> 'user_id' = 'racer'`,
    ))[0].n;
    expect(created).toBe(3);
  });

  it('simultaneous cycle creations and branches in one session respect cycles per session', async () => {
    const user = await service.as('cycle-racer');
    await subscribe(user, 'monthly');
    const sessionId = await createSession(user);
    const first = await createCycle(user, sessionId);
    await workThrough(user, first, 'issue_raising');

    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => user.post(`/api/sessions/${sessionId}/cycles`)),
      ...Array.from({ length: 4 }, () => user.post(`/api/cycles/${first}/branch`, { branch_point: 'issue_raising' })),
    ]);

    expect(responses.filter((r) => r.status === 201)).toHaveLength(4);
    expect(responses.filter((r) => r.status === 403 && r.body.error.code === 'TIER_LIMIT')).toHaveLength(4);
    expect((await service.dataSource.query('SELECT count(*)::int AS n FROM cycles WHERE session_id = $1', [sessionId]))[0].n).toBe(5);
  });

  it('simultaneous changes to different components of one cycle all land, with contiguous event sequences', async () => {
    const user = await service.as('parallel-worker');
    const cycleId = await createCycle(user, await createSession(user));
    await workThrough(user, cycleId, 'issue_raising');
    await expectStatus(200, user.post(`/api/cycles/${cycleId}/components/problem_frame/start`));

    const base = `/api/cycles/${cycleId}/components`;
    const responses = await Promise.all([
      user.put(`${base}/problem_frame/output`, { output: VALID_OUTPUTS.problem_frame }),
      user.post(`${base}/objectives/start`),
      user.post(`${base}/issue_raising/revise`, { reason: 'rethink' }),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const cycle = await expectStatus(200, user.get(`/api/cycles/${cycleId}`));
    const status = Object.fromEntries(cycle.components.map((c: { component_type: string; status: string }) => [c.component_type, c.status]));
    expect(status).toMatchObject({ issue_raising: 'needs_revision', problem_frame: 'in_progress', objectives: 'in_progress' });
    expect(cycle.components[1].output).toMatchObject({ focal_decision: VALID_OUTPUTS.problem_frame.focal_decision });
    const sequences: number[] = (
      await service.dataSource.query('SELECT sequence::int AS s FROM outbox_events WHERE aggregate_id = $1 ORDER BY sequence', [cycleId])
    ).map((row: { s: number }) => row.s);
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    expect(sequences).toHaveLength(1 + 3 + 1 + 3);
  });
});
