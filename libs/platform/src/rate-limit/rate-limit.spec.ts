import { errorOf } from '../spec-support/http';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';

describe('rate limiting per client IP', () => {
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

  it('never limits health and metrics (probes and scrapers)', async () => {
    const t = await start({});
    const statuses = await Promise.all(Array.from({ length: 8 }, () => fetch(`${t.baseUrl}/health/live`).then((r) => r.status)));
    expect(statuses.every((status) => status === 200)).toBe(true);
  });
});
