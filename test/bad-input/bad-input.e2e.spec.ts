import { randomUUID } from 'node:crypto';
import { FORBIDDEN_KEYS, safeKey } from '@choice-sherpa/platform';
import { waitFor } from '@choice-sherpa/platform/testing';
import fc from 'fast-check';
import { ApiClient } from '../support/api-client';
import { createCycle, createSession, idOf } from '../support/journey';
import { recordConfidential } from '../support/run-logs';
import { TestStack, TEST_ORIGIN } from '../support/test-stack';
import { RawRequests, Sent } from './requests';
import { ADMIN_ROUTES, BadInputRoute, CONSUMING_SERVICES, RouteIds, ROUTES } from './routes';

const REFUSED = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\u0001', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009F');
const CARRIED = fc
  .array(fc.constantFrom('👩🏽‍💻', '🏳️‍🌈', '👨‍👩‍👧', 'مرحبا بالعالم', 'שלום עולם', '\u202Eevil\u202C', '\u2067isolate\u2069', 'zero\u200Bwidth', 'a\u200Cb', 'word\u2060joiner', '\uFEFF', 'tab\tand\nline', 'naïve café', '漢字'), { minLength: 1, maxLength: 4 })
  // Text fields are trimmed of surrounding whitespace (String.prototype.trim, which includes U+FEFF): end on a letter.
  .map((parts) => `Decision ${parts.join(' ')} ok`);
/** A value of another JSON type than `valid` (null only where the field is required). */
function wrongTypeFor(valid: unknown, optional: boolean): fc.Arbitrary<unknown> {
  const kinds: [string, fc.Arbitrary<unknown>][] = [
    ['number', fc.integer()],
    ['boolean', fc.boolean()],
    ['array', fc.array(fc.integer(), { maxLength: 3 })],
    ['object', fc.dictionary(fc.constantFrom('a', 'b'), fc.integer())],
    ['string', fc.string({ maxLength: 8 })],
  ];
  const type = Array.isArray(valid) ? 'array' : typeof valid;
  const wrong = kinds.filter(([kind]) => kind !== type).map(([, arbitrary]) => arbitrary);
  return fc.oneof(...wrong, ...(optional ? [] : [fc.constant(null)]));
}

const UNKNOWN_KEYS = fc.oneof(fc.constantFrom(...FORBIDDEN_KEYS), fc.stringMatching(/^[a-z][a-z_]{0,11}$/), fc.string({ minLength: 1, maxLength: 30 }));
const BAD_IDS = fc.oneof(
  fc.constantFrom('9007199254740993', '99999999999999999999999', '-1', '0', '1e3', '0x10', '1.5', ' 1', 'null', 'undefined', "1' OR '1'='1"),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 70n }).map(String),
  fc.string({ minLength: 1, maxLength: 20 }),
);
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 8);

function setAt(target: Record<string, any>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key];
  node[keys.at(-1)!] = value;
}

function describeRoute(route: BadInputRoute): string {
  return `${route.service} ${route.method} ${route.path({ sessionId: ':id', cycleId: ':id', membershipId: ':id' }, ':id')}`;
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
    stack = await TestStack.start({ env: { WS_MAX_SOCKETS_PER_USER: '4' } });
    raw = new RawRequests(stack);
    userId = `bad-input-${randomUUID()}`;
    token = await stack.token(userId, { email: `${userId}@example.test` });
    adminToken = await stack.token(`admin-${randomUUID()}`, { roles: ['admin'] });
    owner = new ApiClient(stack.url('session-cycle'), token);
    const membershipId = idOf(await owner.expect(201, 'POST', '/api/memberships', { tier: 'monthly' }), 'membership');
    const sessionId = await createSession(owner);
    const cycleId = await createCycle(owner, sessionId);
    ids = { sessionId, cycleId, membershipId };
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const send = (route: BadInputRoute, options: { body?: string; contentType?: string; id?: string } = {}): Promise<Sent> =>
    raw.send(route.service, route.method, route.path(ids, options.id), { token: route.admin ? adminToken : token, body: options.body, contentType: options.contentType });

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
          expectThat(validUnknown ? sent.status === 404 : sent.status === 400 && RawRequests.fields(sent).includes('id'), `bad id ${JSON.stringify(id)}`, sent);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('refuses unknown and prototype-named query parameters on the dashboard and the admin list', async () => {
    await fc.assert(
      fc.asyncProperty(UNKNOWN_KEYS, fc.constantFrom('dashboard-projector', ...CONSUMING_SERVICES), async (key, service) => {
        const path = service === 'dashboard-projector' ? `/api/dashboard/cycles/compare?ids=${ids.cycleId},${randomUUID()}&` : '/admin/dead-letters?';
        const sent = await raw.send(service, 'GET', `${path}${encodeURIComponent(key)}=1`, { token: service === 'dashboard-projector' ? token : adminToken });
        expectThat(sent.status === 400, `query parameter ${JSON.stringify(key)} on ${service}`, sent);
      }),
      { numRuns: RUNS * 2 },
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

  it('covers every route of session-cycle and dashboard-projector in API.md, the notifier preferences and each service’s admin routes', () => {
    expect(ROUTES.filter((route) => route.service === 'session-cycle').length).toBe(16);
    expect(ROUTES.filter((route) => route.service === 'dashboard-projector').length).toBe(4);
    expect(ROUTES.filter((route) => route.service === 'notifier').length).toBe(2);
    expect(ADMIN_ROUTES.length).toBe(3 * CONSUMING_SERVICES.length);
    expect(new Set(ROUTES.map(describeRoute)).size).toBe(ROUTES.length);
  });
});
