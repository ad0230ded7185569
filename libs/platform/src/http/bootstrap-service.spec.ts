import { Module } from '@nestjs/common';
import { PlatformModule } from '../platform.module';
import { SampleController } from '../spec-support/sample.controller';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { testPlatformEnv } from '../testing/platform-test-env';
import { ConfigError } from '../config/config-error';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config';
import { bootstrapService } from './bootstrap-service';

@Module({ imports: [PlatformModule.forService({ service: 'analysis-worker' })], controllers: [SampleController] })
class WorkerModule {}

describe('bootstrapService', () => {
  let database: TestDatabase;
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase('bootstrap');
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(() => database.drop());

  it('stops before creating anything when a setting is missing, naming it', async () => {
    Object.assign(process.env, testPlatformEnv({ databaseUrl: database.url, REDIS_URL: '', LOG_LEVEL: 'silent' }));
    process.env.REDIS_URL = '';
    await expect(bootstrapService(WorkerModule, 'analysis-worker')).rejects.toThrow(ConfigError);
    await expect(bootstrapService(WorkerModule, 'analysis-worker')).rejects.toThrow(/^REDIS_URL/);
  });

  it('serves the platform on the configured port, and a closed app stops answering signals', async () => {
    Object.assign(process.env, testPlatformEnv({ databaseUrl: database.url, PORT: '0', LOG_LEVEL: 'silent' }));
    const before = process.listenerCount('SIGTERM');
    let started: PlatformConfig | undefined;
    const app = await bootstrapService(WorkerModule, 'analysis-worker', { beforeListen: (_app, config) => void (started = config) });
    try {
      // Parsed once: the app's configuration is the very object bootstrapService parsed before creating it.
      expect(started).toBeDefined();
      expect(app.get(PLATFORM_CONFIG)).toBe(started);
      expect(process.listenerCount('SIGTERM')).toBe(before + 1);
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      expect((await fetch(`${url}/api/things/me`)).status).toBe(401);
      const big = await fetch(`${url}/api/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'x'.repeat(200_000) }) });
      expect(big.status).toBe(413);
    } finally {
      await app.close();
    }
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
