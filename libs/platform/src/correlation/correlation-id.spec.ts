import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { jsonOf } from '../spec-support/http';
import { signTestToken } from '../testing/platform-test-env';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('correlation ids', () => {
  let t: PlatformTestApp;

  beforeAll(async () => {
    t = await startPlatformTestApp({ RATE_LIMIT_MAX: '1000' });
  });
  afterAll(() => t.close());

  it('echoes a supplied X-Correlation-Id and exposes it to the handler', async () => {
    const id = '0b7c2a53-5c1e-4b8e-9f61-2f4d7e3c9a10';
    const response = await fetch(`${t.baseUrl}/api/things/me`, {
      headers: { 'x-correlation-id': id, authorization: `Bearer ${await signTestToken('u1')}` },
    });
    expect(response.headers.get('x-correlation-id')).toBe(id);
    expect((await jsonOf(response)).correlation_id).toBe(id);
  });

  it('generates a new UUID when none is supplied, the same one the handler sees', async () => {
    const response = await fetch(`${t.baseUrl}/api/things/open`);
    const header = response.headers.get('x-correlation-id');
    expect(header).toMatch(UUID);
    expect((await jsonOf(response)).correlation_id).toBe(header);
  });

  it('replaces a supplied id that is not a UUID (never built from client data)', async () => {
    const response = await fetch(`${t.baseUrl}/api/things/open`, { headers: { 'x-correlation-id': 'user@example.com' } });
    const header = response.headers.get('x-correlation-id');
    expect(header).toMatch(UUID);
    expect(header).not.toContain('example');
  });

  it('gives concurrent requests their own ids', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${t.baseUrl}/api/things/open`)));
    const pairs = await Promise.all(responses.map(async (r) => [r.headers.get('x-correlation-id'), (await jsonOf(r)).correlation_id]));
    for (const [header, seen] of pairs) expect(seen).toBe(header);
    expect(new Set(pairs.map(([header]) => header)).size).toBe(20);
  });

  it('correlates error responses too', async () => {
    const response = await fetch(`${t.baseUrl}/api/unknown`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-correlation-id')).toMatch(UUID);
  });
});
