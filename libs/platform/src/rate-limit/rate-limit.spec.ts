import { errorOf } from '../spec-support/http';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { signTestToken } from '../testing/platform-test-env';
import { freePort } from '../testing/redis-server';
import { TEST_REDIS_URL, uniqueName } from '../testing/test-database';
import { waitFor } from '../testing/wait-for';
import Redis from 'ioredis';

describe('rate limiting per client', () => {
  const apps: PlatformTestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });
  const start = async (env: Record<string, string>) => {
    const app = await startPlatformTestApp({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000', ...env });
    apps.push(app);
    return app;
  };
  const open = (t: PlatformTestApp, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}/api/things/open`, { headers });

  it('answers 429 RATE_LIMITED in the error shape once a client passes the limit, with Retry-After', async () => {
    const t = await start({});
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await open(t)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await open(t);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await errorOf(limited)).toEqual({ code: 'RATE_LIMITED', message: 'too many requests', details: [] });
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set, so a client cannot pick its own key', async () => {
    const t = await start({});
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await open(t, { 'x-forwarded-for': `203.0.113.${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keys on the client address the trusted proxy reports when TRUST_PROXY=true', async () => {
    const t = await start({ TRUST_PROXY: 'true' });
    const clientA = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 3; i++) expect((await open(t, clientA)).status).toBe(200);
    expect((await open(t, clientA)).status).toBe(429);
    // Another client behind the same proxy has its own budget; a spoofed left-most entry does not help client A.
    expect((await open(t, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(200);
    expect((await open(t, { 'x-forwarded-for': '10.9.9.9, 198.51.100.7' })).status).toBe(429);
  });

  it('follows X-Forwarded-For only through the listed proxy addresses (TRUST_PROXY=loopback)', async () => {
    const t = await start({ TRUST_PROXY: 'loopback' });
    for (let i = 0; i < 3; i++) expect((await open(t, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(200);
    expect((await open(t, { 'x-forwarded-for': '198.51.100.20' })).status).toBe(429);
    expect((await open(t, { 'x-forwarded-for': '198.51.100.21' })).status).toBe(200);
    const untrusted = await start({ TRUST_PROXY: '10.0.0.0/8' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await open(untrusted, { 'x-forwarded-for': `198.51.100.${30 + i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('holds one limit across replicas: the counters are in Redis', async () => {
    const prefix = uniqueName('rl');
    const [a, b] = [await start({ STREAM_PREFIX: prefix }), await start({ STREAM_PREFIX: prefix })];
    const statuses = [(await open(a)).status, (await open(b)).status, (await open(a)).status, (await open(b)).status];
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('blocks for a window once a client is past the limit, then starts a new window', async () => {
    const prefix = uniqueName('rl');
    const t = await start({ STREAM_PREFIX: prefix, RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW_MS: '1000' });
    const token = await signTestToken('dave');
    const me = async () => (await fetch(`${t.baseUrl}/api/things/me`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect([await me(), await me(), await me()]).toEqual([200, 200, 429]);
    // Every hit counts, blocked or not (a client that keeps hammering stays blocked): wait, without hitting, for
    // Redis to drop the window's and the block's keys.
    const slot = `{${prefix}:rate-limit:notifier:default:user:dave:default}`;
    const redis = new Redis(TEST_REDIS_URL);
    try {
      expect(await redis.pttl(`${slot}:blocked`)).toBeGreaterThan(0);
      await waitFor(async () => (await redis.exists(`${slot}:hits`, `${slot}:blocked`)) === 0, { timeoutMs: 5_000, intervalMs: 50, what: 'the end of the block' });
    } finally {
      redis.disconnect();
    }
    expect([await me(), await me(), await me()]).toEqual([200, 200, 429]);
  });

  it('counts a caller with a valid token as its user, whatever address it comes from', async () => {
    const t = await start({ TRUST_PROXY: 'loopback' });
    const me = (user: string, ip: string) =>
      fetch(`${t.baseUrl}/api/things/me`, { headers: { authorization: `Bearer ${tokens[user]}`, 'x-forwarded-for': ip } });
    const tokens: Record<string, string> = { alice: await signTestToken('alice'), bob: await signTestToken('bob') };
    const alice = [];
    for (let i = 0; i < 4; i++) alice.push((await me('alice', `203.0.113.${i}`)).status);
    expect(alice).toEqual([200, 200, 200, 429]);
    expect((await me('bob', '203.0.113.0')).status).toBe(200);
    // A forged token does not borrow a user's budget: it is counted by address (and refused).
    const forged = await fetch(`${t.baseUrl}/api/things/me`, { headers: { authorization: `Bearer ${tokens.bob}x`, 'x-forwarded-for': '203.0.113.50' } });
    expect(forged.status).toBe(401);
  });

  it('keeps serving with a per-process limit when Redis is unreachable', async () => {
    const t = await start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await open(t)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('never limits health and metrics (probes and scrapers)', async () => {
    const t = await start({});
    const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${t.baseUrl}/health/live`).then((r) => r.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
