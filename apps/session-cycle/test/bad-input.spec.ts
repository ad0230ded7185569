import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';
import { createCycle, createSession, expectStatus, subscribe, workThroughUntil } from './support/journey';
import { VALID_OUTPUTS } from './support/outputs';
import type { UserClient } from './support/http-client';

/** One bad request and the field its 400 must name (a string: exact path or its prefix; a RegExp: matched). */
interface BadCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: unknown;
  field?: string | RegExp;
}

const long = (n: number) => 'x'.repeat(n);
const NOT_A_UUID = 'not-a-uuid';

function badCases(sessionId: string, cycleId: string, membershipId: string): BadCase[] {
  const component = (type: string, id = cycleId) => `/api/cycles/${id}/components/${type}`;
  const consequences = VALID_OUTPUTS.consequences as { alternative_ids: string[]; objective_ids: string[]; cells: Record<string, object> };
  const withCell = (cell: object) => ({ output: { ...consequences, cells: { ...consequences.cells, 'a1:o1': cell } } });
  return [
    // POST /api/sessions
    { name: 'unknown field', method: 'POST', path: '/api/sessions', body: { title: 'ok', owner: 'someone' }, field: 'owner' },
    { name: '__proto__ key', method: 'POST', path: '/api/sessions', body: '{"title":"ok","__proto__":{"admin":true}}', field: '__proto__' },
    { name: 'constructor key', method: 'POST', path: '/api/sessions', body: '{"title":"ok","constructor":{"prototype":{"admin":true}}}', field: 'constructor' },
    { name: 'title of wrong type', method: 'POST', path: '/api/sessions', body: { title: 42 }, field: 'title' },
    { name: 'title as an array', method: 'POST', path: '/api/sessions', body: { title: ['a', 'b'] }, field: 'title' },
    { name: 'title missing', method: 'POST', path: '/api/sessions', body: {}, field: 'title' },
    { name: 'title blank', method: 'POST', path: '/api/sessions', body: { title: '    ' }, field: 'title' },
    { name: 'title oversized', method: 'POST', path: '/api/sessions', body: { title: long(501) }, field: 'title' },
    { name: 'description oversized', method: 'POST', path: '/api/sessions', body: { title: 'ok', description: long(5001) }, field: 'description' },
    { name: 'malformed JSON', method: 'POST', path: '/api/sessions', body: '{"title":' },
    { name: 'array body', method: 'POST', path: '/api/sessions', body: '[{"title":"ok"}]' },
    // /api/sessions/:id
    { name: 'invalid session id', method: 'GET', path: `/api/sessions/${NOT_A_UUID}`, field: 'id' },
    { name: 'rename: invalid id', method: 'PATCH', path: `/api/sessions/${NOT_A_UUID}`, body: { title: 'ok' }, field: 'id' },
    { name: 'rename: empty title', method: 'PATCH', path: `/api/sessions/${sessionId}`, body: { title: '' }, field: 'title' },
    { name: 'rename: unknown field', method: 'PATCH', path: `/api/sessions/${sessionId}`, body: { title: 'ok', status: 'archived' }, field: 'status' },
    { name: 'rename: oversized title', method: 'PATCH', path: `/api/sessions/${sessionId}`, body: { title: long(10_000) }, field: 'title' },
    { name: 'archive session: unknown field', method: 'POST', path: `/api/sessions/${sessionId}/archive`, body: { force: true }, field: 'force' },
    { name: 'archive session: invalid id', method: 'POST', path: `/api/sessions/${NOT_A_UUID}/archive`, field: 'id' },
    { name: 'create cycle: unknown field', method: 'POST', path: `/api/sessions/${sessionId}/cycles`, body: { parent_cycle_id: cycleId }, field: 'parent_cycle_id' },
    { name: 'create cycle: invalid id', method: 'POST', path: `/api/sessions/${NOT_A_UUID}/cycles`, field: 'id' },
    // /api/cycles/:id
    { name: 'invalid cycle id', method: 'GET', path: `/api/cycles/${NOT_A_UUID}`, field: 'id' },
    { name: 'sql in cycle id', method: 'GET', path: `/api/cycles/${encodeURIComponent("1' OR '1'='1")}`, field: 'id' },
    { name: 'branch: missing branch point', method: 'POST', path: `/api/cycles/${cycleId}/branch`, body: {}, field: 'branch_point' },
    { name: 'branch: invalid component type', method: 'POST', path: `/api/cycles/${cycleId}/branch`, body: { branch_point: 'bogus' }, field: 'branch_point' },
    { name: 'branch: wrong type', method: 'POST', path: `/api/cycles/${cycleId}/branch`, body: { branch_point: 3 }, field: 'branch_point' },
    { name: 'branch: unknown field', method: 'POST', path: `/api/cycles/${cycleId}/branch`, body: { branch_point: 'issue_raising', copy: 'all' }, field: 'copy' },
    { name: 'branch: invalid id', method: 'POST', path: `/api/cycles/${NOT_A_UUID}/branch`, body: { branch_point: 'issue_raising' }, field: 'id' },
    { name: 'archive cycle: unknown field', method: 'POST', path: `/api/cycles/${cycleId}/archive`, body: { now: true }, field: 'now' },
    { name: 'complete cycle: unknown field', method: 'POST', path: `/api/cycles/${cycleId}/complete`, body: { dq_score: 100 }, field: 'dq_score' },
    { name: 'complete cycle: invalid id', method: 'POST', path: `/api/cycles/${NOT_A_UUID}/complete`, field: 'id' },
    // components
    { name: 'start: invalid component type', method: 'POST', path: `${component('bogus')}/start`, field: 'type' },
    { name: 'start: invalid cycle id', method: 'POST', path: `${component('tradeoffs', NOT_A_UUID)}/start`, field: 'id' },
    { name: 'start: unknown field', method: 'POST', path: `${component('tradeoffs')}/start`, body: { status: 'complete' }, field: 'status' },
    { name: 'output: missing', method: 'PUT', path: `${component('consequences')}/output`, body: {}, field: 'output' },
    { name: 'output: a string', method: 'PUT', path: `${component('consequences')}/output`, body: { output: 'text' }, field: 'output' },
    { name: 'output: an array', method: 'PUT', path: `${component('consequences')}/output`, body: { output: [1, 2] }, field: 'output' },
    { name: 'output: unknown top-level field', method: 'PUT', path: `${component('consequences')}/output`, body: { ...withCell({ rating: 1 }), status: 'complete' }, field: 'status' },
    { name: 'output: unknown field inside', method: 'PUT', path: `${component('consequences')}/output`, body: { output: { ...consequences, winner: 'a2' } }, field: /^output\.winner$/ },
    { name: 'output: __proto__ inside', method: 'PUT', path: `${component('consequences')}/output`, body: `{"output":{"alternative_ids":[],"objective_ids":[],"cells":{},"__proto__":{"polluted":true}}}`, field: /__proto__/ },
    { name: 'output: rating above +2', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: 3 }), field: /^output\.cells.*rating$/ },
    { name: 'output: rating below -2', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: -3 }), field: /^output\.cells.*rating$/ },
    { name: 'output: fractional rating', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: 1.5 }), field: /^output\.cells.*rating$/ },
    { name: 'output: rating as a string', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: '2' }), field: /^output\.cells.*rating$/ },
    { name: 'output: invalid uncertainty', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: 1, uncertainty: 'extreme' }), field: /^output\.cells.*uncertainty$/ },
    { name: 'output: oversized string', method: 'PUT', path: `${component('consequences')}/output`, body: withCell({ rating: 1, rationale: long(2001) }), field: /^output\.cells.*rationale$/ },
    {
      name: 'output: oversized array',
      method: 'PUT',
      path: `${component('consequences')}/output`,
      body: { output: { ...consequences, alternative_ids: Array.from({ length: 21 }, (_, i) => `a${i}`) } },
      field: /^output\.alternative_ids/,
    },
    { name: 'output: invalid component type', method: 'PUT', path: `${component('bogus')}/output`, body: { output: {} }, field: 'type' },
    { name: 'complete: unknown field', method: 'POST', path: `${component('consequences')}/complete`, body: { force: true }, field: 'force' },
    { name: 'complete: invalid component type', method: 'POST', path: `${component('Consequences')}/complete`, field: 'type' },
    { name: 'revise: missing reason', method: 'POST', path: `${component('objectives')}/revise`, body: {}, field: 'reason' },
    { name: 'revise: reason of wrong type', method: 'POST', path: `${component('objectives')}/revise`, body: { reason: 5 }, field: 'reason' },
    { name: 'revise: oversized reason', method: 'POST', path: `${component('objectives')}/revise`, body: { reason: long(2001) }, field: 'reason' },
    // memberships
    { name: 'membership: invalid tier', method: 'POST', path: '/api/memberships', body: { tier: 'gold' }, field: 'tier' },
    { name: 'membership: missing tier', method: 'POST', path: '/api/memberships', body: {}, field: 'tier' },
    { name: 'membership: email in body', method: 'POST', path: '/api/memberships', body: { tier: 'annual', email: 'x@evil.test' }, field: 'email' },
    { name: 'upgrade: invalid tier', method: 'POST', path: `/api/memberships/${membershipId}/upgrade`, body: { tier: 'platinum' }, field: 'tier' },
    { name: 'upgrade: invalid id', method: 'POST', path: `/api/memberships/${NOT_A_UUID}/upgrade`, body: { tier: 'annual' }, field: 'id' },
    { name: 'cancel: reason of wrong type', method: 'POST', path: `/api/memberships/${membershipId}/cancel`, body: { reason: 7 }, field: 'reason' },
    { name: 'cancel: oversized reason', method: 'POST', path: `/api/memberships/${membershipId}/cancel`, body: { reason: long(2001) }, field: 'reason' },
    { name: 'cancel: invalid id', method: 'POST', path: `/api/memberships/${NOT_A_UUID}/cancel`, field: 'id' },
  ];
}

describe('bad input on every session-cycle route: 400 naming the field, nothing changes, no event, never 500', () => {
  let service: SessionCycleTestApp;
  let user: UserClient;
  let ids: { sessionId: string; cycleId: string; membershipId: string };
  let cases: BadCase[];

  beforeAll(async () => {
    service = await startSessionCycleApp();
    user = await service.as('careful');
    const membershipId = await subscribe(user, 'monthly');
    const sessionId = await createSession(user);
    const cycleId = await createCycle(user, sessionId);
    await workThroughUntil(user, cycleId, 'alternatives');
    await expectStatus(200, user.post(`/api/cycles/${cycleId}/components/consequences/start`));
    ids = { sessionId, cycleId, membershipId };
    cases = badCases(sessionId, cycleId, membershipId);
  });
  afterAll(async () => {
    await service?.close();
  });

  const state = async () => ({
    sessions: (await user.get('/api/sessions')).body,
    cycle: (await user.get(`/api/cycles/${ids.cycleId}`)).body,
    membership: (await user.get('/api/memberships/me')).body,
    outbox: await service.outboxCount(),
  });

  it('covers every route of the API', () => {
    const routes = new Set(cases.map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}|not-a-uuid|1'[^/]*/g, ':id').replace(/components\/[^/]+/, 'components/:type')}`));
    for (const route of [
      'POST /api/sessions',
      'GET /api/sessions/:id',
      'PATCH /api/sessions/:id',
      'POST /api/sessions/:id/archive',
      'POST /api/sessions/:id/cycles',
      'GET /api/cycles/:id',
      'POST /api/cycles/:id/branch',
      'POST /api/cycles/:id/archive',
      'POST /api/cycles/:id/complete',
      'POST /api/cycles/:id/components/:type/start',
      'PUT /api/cycles/:id/components/:type/output',
      'POST /api/cycles/:id/components/:type/complete',
      'POST /api/cycles/:id/components/:type/revise',
      'POST /api/memberships',
      'POST /api/memberships/:id/upgrade',
      'POST /api/memberships/:id/cancel',
    ]) {
      expect(routes, route).toContain(route);
    }
  });

  it('answers each bad request with 400 and the field, and leaves state and outbox untouched', async () => {
    const before = await state();
    const failures: string[] = [];
    for (const badCase of cases) {
      const response = await service.http.request(badCase.method, badCase.path, { token: await service.token('careful'), body: badCase.body });
      const fields: string[] = (response.body?.error?.details ?? []).map((d: { field?: string }) => d.field ?? '');
      const named =
        badCase.field === undefined ||
        fields.some((field) => (typeof badCase.field === 'string' ? field === badCase.field || field.startsWith(`${badCase.field}.`) : badCase.field!.test(field)));
      if (response.status !== 400 || !named || typeof response.body?.error?.code !== 'string') {
        failures.push(`${badCase.name}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('never answers 500 to garbage in any route (types, nulls, nesting, huge numbers)', async () => {
    const before = await state();
    const garbage: unknown[] = [null, 0, -1, 1e308, true, 'string', [], [[[]]], { output: null }, { output: { cells: null } }, { reason: null, title: null, tier: null }];
    const paths: [BadCase['method'], string][] = [
      ['POST', '/api/sessions'],
      ['PATCH', `/api/sessions/${ids.sessionId}`],
      ['POST', `/api/cycles/${ids.cycleId}/branch`],
      ['PUT', `/api/cycles/${ids.cycleId}/components/consequences/output`],
      ['POST', `/api/cycles/${ids.cycleId}/components/objectives/revise`],
      ['POST', '/api/memberships'],
      ['POST', `/api/memberships/${ids.membershipId}/upgrade`],
    ];
    const statuses = new Set<number>();
    for (const [method, path] of paths) {
      for (const body of garbage) {
        const response = await service.http.request(method, path, { token: await service.token('careful'), body: JSON.stringify(body) });
        statuses.add(response.status);
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    }
    expect([...statuses]).toEqual([400]);
    expect(await state()).toEqual(before);
  });
});
