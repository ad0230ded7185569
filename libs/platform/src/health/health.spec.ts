import { Client } from 'pg';
import { errorOf, jsonOf } from '../spec-support/http';
import { CreateSampleThings1764000000001 } from '../spec-support/sample.migration';
import { PlatformTestApp, startPlatformTestApp } from '../spec-support/platform-test-app';
import { freePort } from '../testing/redis-server';
import { TEST_ADMIN_DATABASE_URL } from '../testing/test-database';

async function onDatabase<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('health endpoints', () => {
  const apps: PlatformTestApp[] = [];
  const start = async (...args: Parameters<typeof startPlatformTestApp>) => {
    const app = await startPlatformTestApp(...args);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('is live and ready, without a token, when database, migrations and Redis are fine', async () => {
    const t = await start({}, [CreateSampleThings1764000000001]);
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await jsonOf(ready)).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', status: 'up' },
        { name: 'migrations', status: 'up' },
        { name: 'redis', status: 'up' },
      ],
    });
  });

  it('created the database and applied the migrations on start', async () => {
    const t = await start({}, [CreateSampleThings1764000000001]);
    const applied = await onDatabase(t.database.url, (client) => client.query('SELECT name FROM migrations'));
    expect(applied.rows.map((row: { name: string }) => row.name)).toEqual(['CreateSampleThings1764000000001']);
  });

  it('checks no Redis when the service uses none (STREAM_BROKER=in-process)', async () => {
    const t = await start({ STREAM_BROKER: 'in-process', REDIS_URL: undefined });
    expect(await jsonOf(await fetch(`${t.baseUrl}/health/ready`))).toEqual({
      status: 'ready',
      checks: [
        { name: 'database', status: 'up' },
        { name: 'migrations', status: 'up' },
      ],
    });
  });

  it('answers 503 NOT_READY naming redis when nobody listens on the Redis port (and stays live)', async () => {
    const t = await start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    const error = await errorOf(ready);
    expect(error.code).toBe('NOT_READY');
    expect(error.message).toBe('not ready: redis');
    expect(error.details).toContainEqual(expect.objectContaining({ name: 'redis', status: 'down' }));
    expect(error.details).toContainEqual({ name: 'database', status: 'up' });
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
  });

  it('answers 503 naming the database when its database disappears', async () => {
    const t = await start();
    await onDatabase(TEST_ADMIN_DATABASE_URL, (client) => client.query(`DROP DATABASE "${t.database.name}" WITH (FORCE)`));
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    const error = await errorOf(ready);
    expect(error.details).toContainEqual(expect.objectContaining({ name: 'database', status: 'down' }));
    expect(JSON.stringify(error)).not.toContain('127.0.0.1');
  });

  it('stops asking about migrations once they were found applied (a probe is one SELECT 1 and one PING)', async () => {
    const t = await start({}, [CreateSampleThings1764000000001]);
    expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);
    await onDatabase(t.database.url, (client) => client.query('DROP TABLE migrations'));
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect((await jsonOf(ready)).checks).toContainEqual({ name: 'migrations', status: 'up' });
  });

  it('answers 503 naming migrations when one is not recorded as applied at the first probe', async () => {
    const t = await start({}, [CreateSampleThings1764000000001]);
    await onDatabase(t.database.url, (client) => client.query('DELETE FROM migrations'));
    const ready = await fetch(`${t.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect((await errorOf(ready)).details).toContainEqual({ name: 'migrations', status: 'down', reason: '1 pending' });
  });
});
