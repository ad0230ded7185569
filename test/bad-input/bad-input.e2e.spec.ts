import { hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { safeKey } from '@choice-sherpa/platform';
import { waitFor } from '@choice-sherpa/platform/testing';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { ApiClient } from '../support/api-client';
import { createCycle, createSession, idOf } from '../support/journey';
import { recordConfidential } from '../support/run-logs';
import { TestStack, TEST_ORIGIN } from '../support/test-stack';
import { RawRequests, Sent } from './requests';
import { BAD_IDS, badUnsubscribeTokens, CARRIED, ONE_CLICK_FORMS, REFUSED, RUNS, setAt, UNKNOWN_KEYS, wrongTypeFor } from './cases';
import { ADMIN_ROUTES, BadInputRoute, CONSUMING_SERVICES, ONE_CLICK_BODY, RouteIds, ROUTES, UNSUBSCRIBE_ROUTES } from './routes';

/** The notifier's own unsubscribe secret for this run; the suite signs tokens with the key the notifier derives from it. */
const UNSUBSCRIBE_SECRET = randomBytes(24).toString('hex');
const UNSUBSCRIBE_KEY = new Uint8Array(hkdfSync('sha256', UNSUBSCRIBE_SECRET, 'choice-sherpa', 'notifier unsubscribe tokens', 32));

function unsubscribeToken(userId: string, claims: { audience?: string; expiresIn?: number; key?: Uint8Array } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'unsubscribe+jwt' })
    .setSubject(userId)
    .setIssuer('choice-sherpa-notifier')
    .setAudience(claims.audience ?? 'unsubscribe:cycle_summaries')
    .setIssuedAt(now - 120)
    .setExpirationTime(now + (claims.expiresIn ?? 3_600))
    .sign(claims.key ?? UNSUBSCRIBE_KEY);
}

function describeRoute(route: BadInputRoute): string {
  return `${route.service} ${route.method} ${route.path({ sessionId: ':id', cycleId: ':id', membershipId: ':id', conversationId: ':id' }, ':id')} ${route.accept ?? ''}`;
}

describe('bad input through the running services: refused or carried, never 500, no dead letter, no leak in any log', () => {
  let stack: TestStack;
  let raw: RawRequests;
  let ids: RouteIds;
  let token: string;
  let adminToken: string;
  let owner: ApiClient;
  let userId: string;

  beforeAll(async () => {
    stack = await TestStack.start({ env: { WS_MAX_SOCKETS_PER_USER: '4', UNSUBSCRIBE_SECRET } });
    raw = new RawRequests(stack);
    userId = `bad-input-${randomUUID()}`;
    token = await stack.token(userId, { email: `${userId}@example.test` });
    adminToken = await stack.token(`admin-${randomUUID()}`, { roles: ['admin'] });
    owner = new ApiClient(stack.url('session-cycle'), token);
    const membershipId = idOf(await owner.expect(201, 'POST', '/api/memberships', { tier: 'monthly' }), 'membership');
    const sessionId = await createSession(owner);
    const cycleId = await createCycle(owner, sessionId);
    await owner.expect(200, 'POST', `/api/cycles/${cycleId}/components/issue_raising/start`);
    const chat = new ApiClient(stack.url('conversation'), token);
    const conversation = await waitFor(async () => (await chat.get(`/api/conversations?cycle_id=${cycleId}&component_type=issue_raising`)).body?.id as string | undefined, {
      timeoutMs: 90_000,
      what: 'the issue_raising conversation',
    });
    ids = { sessionId, cycleId, membershipId, conversationId: conversation };
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const send = (route: BadInputRoute, options: { body?: string; contentType?: string; id?: string } = {}): Promise<Sent> =>
    raw.send(route.service, route.method, route.path(ids, options.id), {
      token: route.admin ? adminToken : token,
      body: options.body,
      contentType: options.contentType,
      accept: route.accept,
    });

  /** Collects failures instead of stopping at the first, so one run names every route that misbehaves. */
  const failures: string[] = [];
  const expectThat = (ok: boolean, what: string, sent: Sent) => {
    if (!ok) failures.push(`${what}: ${sent.method} ${sent.path} -> ${sent.status} ${JSON.stringify(sent.body).slice(0, 200)}`);
  };
  afterEach(() => {
    const found = failures.splice(0);
    expect(found).toEqual([]);
  });

  it('refuses unknown fields, also every Object.prototype member, with 400 naming the field (or the body a route does not take)', async () => {
    for (const route of ROUTES.filter((candidate) => candidate.method !== 'GET')) {
      await fc.assert(
        fc.asyncProperty(UNKNOWN_KEYS, async (key) => {
          const body = `{${route.body ? `${JSON.stringify(route.body(ids)).slice(1, -1)},` : ''}${JSON.stringify(key)}:1}`;
          const sent = await send(route, { body });
          expectThat(sent.status === 400 && RawRequests.fields(sent).some((field) => field === safeKey(key) || field === 'body' || field === key), `unknown field ${JSON.stringify(key)}`, sent);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('refuses NUL, lone surrogates and control characters in every text field with 400 naming it', async () => {
    for (const route of ROUTES.filter((candidate) => candidate.text?.length)) {
      for (const field of route.text!) {
        await fc.assert(
          fc.asyncProperty(fc.string({ maxLength: 12 }), REFUSED, async (text, bad) => {
            const body = route.body!(ids);
            setAt(body, field, `${text}x${bad}x`);
            const sent = await send(route, { body: JSON.stringify(body) });
            expectThat(sent.status === 400 && RawRequests.fields(sent).includes(field.split('.').map(safeKey).join('.')), `refused text in ${field}`, sent);
          }),
          { numRuns: RUNS },
        );
      }
    }
  });

  it('refuses wrong types in every field with 400', async () => {
    for (const route of ROUTES.filter((candidate) => candidate.body)) {
      const valid = route.body!(ids);
      const cases = fc.constantFrom(...Object.keys(valid)).chain((field) => fc.tuple(fc.constant(field), wrongTypeFor(valid[field], route.optional?.includes(field) ?? false)));
      await fc.assert(
        fc.asyncProperty(cases, async ([field, value]) => {
          const body = { ...route.body!(ids), [field]: value };
          const sent = await send(route, { body: JSON.stringify(body) });
          expectThat(sent.status === 400, `wrong type in ${field}`, sent);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('answers a body of another content type with 415 on every route that takes requests with a body', async () => {
    const types = fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x', 'text/html');
    for (const route of [...ROUTES, ...ADMIN_ROUTES].filter((candidate) => candidate.method !== 'GET')) {
      await fc.assert(
        fc.asyncProperty(types, async (contentType) => {
          const body = JSON.stringify(route.body?.(ids) ?? { title: 'a JSON body under another type' });
          const sent = await send(route, { body, contentType });
          expectThat(sent.status === 415 && sent.body?.error?.code === 'UNSUPPORTED_MEDIA_TYPE', `415 for ${contentType}`, sent);
        }),
        { numRuns: 3 },
      );
    }
  });

  it('answers non-ids in every id parameter with 400 (also numbers past 2^53 in the admin routes), never 500', async () => {
    for (const route of [...ROUTES, ...ADMIN_ROUTES].filter((candidate) => candidate.idParam)) {
      await fc.assert(
        fc.asyncProperty(BAD_IDS, async (id) => {
          const sent = await send(route, { id: encodeURIComponent(id), body: route.body ? JSON.stringify(route.body(ids)) : undefined });
          // An id that is a valid id of nothing (a plain positive number on the admin routes) is 404.
          const validUnknown = route.admin && /^[1-9]\d{0,18}$/.test(id) && BigInt(id) < 2n ** 63n;
          const field = route.idField ?? 'id';
          expectThat(validUnknown ? sent.status === 404 : sent.status === 400 && RawRequests.fields(sent).includes(field), `bad id ${JSON.stringify(id)}`, sent);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('refuses unknown and prototype-named query parameters on the dashboard, the conversation list and the admin list', async () => {
    const userQueries: Partial<Record<string, string>> = {
      'dashboard-projector': `/api/dashboard/cycles/compare?ids=${ids.cycleId},${randomUUID()}&`,
      conversation: `/api/conversations?cycle_id=${ids.cycleId}&component_type=issue_raising&`,
    };
    await fc.assert(
      fc.asyncProperty(UNKNOWN_KEYS, fc.constantFrom('dashboard-projector', 'conversation', ...CONSUMING_SERVICES), fc.boolean(), async (key, service, admin) => {
        const user = !admin && userQueries[service] !== undefined;
        const path = user ? userQueries[service] : '/admin/dead-letters?';
        const sent = await raw.send(service, 'GET', `${path}${encodeURIComponent(key)}=1`, { token: user ? token : adminToken });
        expectThat(sent.status === 400, `query parameter ${JSON.stringify(key)} on ${service}`, sent);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('one-click unsubscribe: a valid token with any form body unsubscribes; a bad token, another body type or an unknown parameter is refused', async () => {
    const subscriber = `unsubscriber-${randomUUID()}`;
    const valid = await unsubscribeToken(subscriber);
    recordConfidential([valid, UNSUBSCRIBE_SECRET]);
    const post = UNSUBSCRIBE_ROUTES.find((route) => route.method === 'POST')!;
    await fc.assert(
      fc.asyncProperty(ONE_CLICK_FORMS, async ({ contentType, body }) => {
        const sent = await raw.send('notifier', 'POST', post.path(valid), { body, contentType });
        expectThat(sent.status === 200 && sent.body?.cycle_summaries === false, `one-click ${contentType}`, sent);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(badUnsubscribeTokens(valid, (claims) => unsubscribeToken(subscriber, claims)), fc.constantFrom(...UNSUBSCRIBE_ROUTES), async (pending, route) => {
        const bad = await pending;
        const sent = await raw.send('notifier', route.method, route.path(bad), route.method === 'POST' ? { body: ONE_CLICK_BODY, contentType: 'application/x-www-form-urlencoded' } : {});
        const named = route.method === 'GET' || (sent.body?.error?.code === 'INVALID_TOKEN' || RawRequests.fields(sent).includes('token'));
        // Never echoed (long enough not to occur in the page by chance).
        const echoed = bad.length >= 8 && JSON.stringify(sent.body).includes(JSON.stringify(bad).slice(1, -1));
        expectThat(sent.status === 400 && named && !echoed, `bad token on ${route.method}`, sent);
      }),
      { numRuns: RUNS * 2 },
    );
    const types = fc.constantFrom('application/json', 'text/plain', 'application/xml', 'text/html');
    await fc.assert(
      fc.asyncProperty(types, async (contentType) => {
        const sent = await raw.send('notifier', 'POST', post.path(valid), { body: contentType === 'application/json' ? '{"List-Unsubscribe":"One-Click"}' : ONE_CLICK_BODY, contentType });
        expectThat(sent.status === 415 && sent.body?.error?.code === 'UNSUPPORTED_MEDIA_TYPE', `415 for ${contentType}`, sent);
      }),
      { numRuns: 4 },
    );
    await fc.assert(
      fc.asyncProperty(UNKNOWN_KEYS, fc.constantFrom(...UNSUBSCRIBE_ROUTES), async (key, route) => {
        const path = `${route.path(valid)}&${encodeURIComponent(key)}=1`;
        const sent = await raw.send('notifier', route.method, path, route.method === 'POST' ? { body: ONE_CLICK_BODY, contentType: 'application/x-www-form-urlencoded' } : {});
        expectThat(sent.status === 400, `query parameter ${JSON.stringify(key)} on ${route.method} unsubscribe`, sent);
      }),
      { numRuns: RUNS },
    );
  });

  it('carries emoji, right-to-left, bidi and zero-width text end to end: stored, on the dashboard and on the owner’s socket', async () => {
    const socket = await stack.socket(userId, { origin: TEST_ORIGIN });
    try {
      const titles = fc.sample(CARRIED, 6);
      recordConfidential(titles);
      const dashboard = new ApiClient(stack.url('dashboard-projector'), token);
      for (const title of titles) {
        const sessionId = idOf(await owner.expect(201, 'POST', '/api/sessions', { title, description: title }), 'session');
        expect((await owner.get(`/api/sessions/${sessionId}`)).body.title).toBe(title);
        await socket.joinWhenKnown(sessionId, undefined, 90_000);
        const renamed = `${title} ✓`;
        await owner.expect(200, 'PATCH', `/api/sessions/${sessionId}`, { title: renamed });
        await waitFor(() => socket.received.find((event) => event.session_id === sessionId && event.data.new_title === renamed), { timeoutMs: 90_000, what: 'session.renamed on the socket' });
        await waitFor(async () => (await dashboard.get(`/api/dashboard/sessions/${sessionId}`)).body?.title === renamed || undefined, { timeoutMs: 90_000, what: 'the renamed title on the dashboard' });
      }
    } finally {
      socket.disconnect();
    }
  });

  it('keeps the gateway ready and the user bounded when the socket handshake and join are abused', async () => {
    const flooder = `flooder-${randomUUID()}`;
    const sockets: Awaited<ReturnType<TestStack['socket']>>[] = [];
    for (let i = 0; i < 4; i++) sockets.push(await stack.socket(flooder));
    await expect(stack.socket(flooder)).rejects.toThrow(/too many open connections/);
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (body) => {
        const ack = await sockets[0].socket.timeout(10_000).emitWithAck('session:join', body);
        return ack.ok === false && ['INVALID_REQUEST', 'NOT_FOUND', 'RATE_LIMITED'].includes(ack.error.code);
      }),
      { numRuns: 15 },
    );
    expect((await fetch(`${stack.url('ws-gateway')}/health/ready`)).status).toBe(200);
    for (const socket of sockets) socket.disconnect();
  });

  it('after all of it: no response was 500, no service has a dead letter, every service is still ready', async () => {
    expect(raw.sent.length).toBeGreaterThan(100);
    expect(raw.sent.filter((sent) => sent.status >= 500).map((sent) => `${sent.method} ${sent.path} ${sent.status}`)).toEqual([]);
    for (const service of CONSUMING_SERVICES) {
      const letters = await raw.send(service, 'GET', '/admin/dead-letters', { token: adminToken });
      expect({ service, status: letters.status, total: letters.body?.total }).toEqual({ service, status: 200, total: 0 });
      expect((await fetch(`${stack.url(service)}/health/ready`)).status).toBe(200);
    }
  });

  it('covers every route of session-cycle, conversation and dashboard-projector in API.md, the notifier’s and each service’s admin routes', () => {
    expect(ROUTES.filter((route) => route.service === 'session-cycle').length).toBe(16);
    expect(ROUTES.filter((route) => route.service === 'dashboard-projector').length).toBe(4);
    expect(ROUTES.filter((route) => route.service === 'conversation').length).toBe(5);
    expect(ROUTES.filter((route) => route.service === 'notifier').length).toBe(2);
    expect(UNSUBSCRIBE_ROUTES.length).toBe(2);
    expect(ADMIN_ROUTES.length).toBe(3 * CONSUMING_SERVICES.length);
    expect(new Set(ROUTES.map(describeRoute)).size).toBe(ROUTES.length);
  });
});
