import { v7 as uuidv7 } from 'uuid';
import { createCycle, createSession, expectStatus, subscribe, workThrough } from './support/journey';
import { resourceRoutes, RouteIds } from './support/routes';
import { startSessionCycleApp, SessionCycleTestApp } from './support/session-cycle-app';
import type { UserClient } from './support/http-client';

describe("ownership: another user's sessions, cycles, components and memberships are 404, like unknown ids", () => {
  let service: SessionCycleTestApp;
  let owner: UserClient;
  let intruder: UserClient;
  let ids: RouteIds;

  beforeAll(async () => {
    service = await startSessionCycleApp();
    owner = await service.as('owner-a');
    intruder = await service.as('intruder-b');
    const membershipId = await subscribe(owner, 'monthly');
    const sessionId = await createSession(owner, 'Private decision');
    const cycleId = await createCycle(owner, sessionId);
    await workThrough(owner, cycleId, 'issue_raising');
    ids = { sessionId, cycleId, membershipId };
    // The intruder is a paying user with their own data, so no limit or emptiness explains a refusal.
    await subscribe(intruder, 'annual');
    await createCycle(intruder, await createSession(intruder, 'Their own'));
  });
  afterAll(async () => {
    await service?.close();
  });

  const ownerState = async () => ({
    sessions: (await owner.get('/api/sessions')).body,
    cycle: (await owner.get(`/api/cycles/${ids.cycleId}`)).body,
    membership: (await owner.get('/api/memberships/me')).body,
    outbox: await service.outboxCount(),
  });

  it("answers every route on the owner's resources exactly as on unknown ids: 404 NOT_FOUND, no data, no event", async () => {
    const before = await ownerState();
    const unknown = { sessionId: uuidv7(), cycleId: uuidv7(), membershipId: uuidv7() };
    const theirs = resourceRoutes(ids);
    const nobodys = resourceRoutes(unknown);
    expect(theirs).toHaveLength(14);

    for (const [index, route] of theirs.entries()) {
      const onTheirs = await intruder.send(route.method, route.path, route.body);
      const onUnknown = await intruder.send(nobodys[index].method, nobodys[index].path, nobodys[index].body);

      expect(onTheirs.status, route.name).toBe(404);
      expect(onTheirs.body, route.name).toEqual(onUnknown.body);
      expect(onTheirs.body.error.code, route.name).toBe('NOT_FOUND');
      expect(JSON.stringify(onTheirs.body), route.name).not.toMatch(/Private decision|owner-a|issue_raising/);
    }

    expect(await ownerState()).toEqual(before);
  });

  it("lists only the caller's own sessions and membership", async () => {
    const sessions = await expectStatus(200, intruder.get('/api/sessions'));
    expect(sessions.map((s: { title: string }) => s.title)).toEqual(['Their own']);
    const membership = await expectStatus(200, intruder.get('/api/memberships/me'));
    expect(membership.membership.user_id).toBe('intruder-b');
    expect(membership.membership.id).not.toBe(ids.membershipId);
  });

  it('refuses requests without a valid token (401) on every route, before any lookup', async () => {
    const before = await ownerState();
    for (const route of [...resourceRoutes(ids), { name: 'list', method: 'GET' as const, path: '/api/sessions' }]) {
      const anonymous = await service.http.request(route.method, route.path, { body: 'body' in route ? route.body : undefined });
      const forged = await service.http.request(route.method, route.path, {
        body: 'body' in route ? route.body : undefined,
        headers: { authorization: `Bearer ${(await service.token('owner-a')).slice(0, -4)}AAAA` },
      });
      expect([anonymous.status, forged.status], route.name).toEqual([401, 401]);
    }
    expect(await ownerState()).toEqual(before);
  });

  it('keeps the dead-letter admin routes to tokens with the admin role', async () => {
    const plain = await service.http.request('GET', '/admin/dead-letters', { token: await service.token('owner-a') });
    const admin = await service.http.request('GET', '/admin/dead-letters', { token: await service.token('ops', { roles: ['admin'] }) });

    expect(plain.status).toBe(403);
    expect(admin.status).toBe(200);
  });
});
