import { errorOf, jsonOf } from '../spec-support/http';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { DevLoginModule } from './dev-login.module';

describe('POST /api/dev/token (development sign-in)', () => {
  const apps: PlatformTestApp[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });
  const start = async (env: Record<string, string | undefined>) => {
    const app = await startPlatformTestApp(env, [], [DevLoginModule]);
    apps.push(app);
    return app;
  };
  const requestToken = (t: PlatformTestApp, body: unknown) =>
    fetch(`${t.baseUrl}/api/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('with DEV_LOGIN=true signs a token the platform accepts, for the user id and email asked for', async () => {
    const t = await start({ DEV_LOGIN: 'true' });
    const response = await requestToken(t, { user_id: 'alice', email: 'alice@example.com' });
    expect(response.status).toBe(200);
    const { token } = await jsonOf(response);
    const me = await fetch(`${t.baseUrl}/api/things/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await jsonOf(me)).toMatchObject({ userId: 'alice', email: 'alice@example.com', roles: [] });
  });

  it('refuses a missing or malformed user id and unknown fields with 400, naming the field', async () => {
    const t = await start({ DEV_LOGIN: 'true' });
    for (const body of [{}, { user_id: '' }, { user_id: 'a b' }, { user_id: 'alice', admin: true }, { user_id: 'alice', email: 'not-an-email' }]) {
      const response = await requestToken(t, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(response)).code).toBe('VALIDATION_FAILED');
    }
  });

  it('does not exist unless DEV_LOGIN=true: 404 in the error shape', async () => {
    const t = await start({});
    for (const body of [{ user_id: 'alice' }, { nonsense: 1 }]) {
      const response = await requestToken(t, body);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toEqual({ code: 'NOT_FOUND', message: 'route not found', details: [] });
    }
  });
});
