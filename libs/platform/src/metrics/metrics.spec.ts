import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { signTestToken } from '../testing/platform-test-env';

describe('GET /metrics', () => {
  let t: PlatformTestApp;

  beforeAll(async () => {
    t = await startPlatformTestApp();
  });
  afterAll(() => t.close());

  it('serves Prometheus text with process metrics, without a token', async () => {
    const response = await fetch(`${t.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });

  it('counts HTTP requests by route pattern, never by raw path or user', async () => {
    const token = await signTestToken('user-with-a-distinct-id');
    await fetch(`${t.baseUrl}/api/things/me`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${t.baseUrl}/api/does-not-exist/123`);
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/things\/me",status="200"\} \d+/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    expect(text).not.toContain('user-with-a-distinct-id');
    expect(text).not.toContain('does-not-exist');
  });
});
