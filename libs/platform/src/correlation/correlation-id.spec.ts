import { get } from 'node:http';
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

  it('chooses one id per request and echoes it in exactly one header (the middleware is registered once)', async () => {
    const { rawHeaders, body } = await new Promise<{ rawHeaders: string[]; body: string }>((resolve, reject) => {
      get(`${t.baseUrl}/api/things/open`, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ rawHeaders: res.rawHeaders, body: data }));
      }).on('error', reject);
    });
    const echoed = rawHeaders.filter((_, i) => i % 2 === 1 && rawHeaders[i - 1].toLowerCase() === 'x-correlation-id');
    expect(echoed).toHaveLength(1);
    expect(echoed[0]).toMatch(UUID);
    expect(JSON.parse(body).correlation_id).toBe(echoed[0]);
  });

  it('correlates error responses too', async () => {
    const response = await fetch(`${t.baseUrl}/api/unknown`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-correlation-id')).toMatch(UUID);
  });
});
