import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AnyEvent, RedisStreamsClient, RedisStreamsServer, StreamLayout } from '@choice-sherpa/events';
import { configurePlatformHttp, createLogger, loadPlatformConfig, PlatformConfig } from '@choice-sherpa/platform';
import { createTestDatabase, signTestToken, TEST_REDIS_URL, TestDatabase, testPlatformEnv, uniqueName } from '@choice-sherpa/platform/testing';
import { dashboardProjectorImports } from '../../src/app.imports';
import { rebuildFromStreams } from '../../src/rebuild-command';

/** Short timings so the consumer picks partitions up within a test's bounds. */
const FAST = { blockMs: 300, renewIntervalMs: 150, leaseTtlMs: 1_200, backoffBaseMs: 10, backoffMaxMs: 100, commandTimeoutMs: 2_000 };

export interface Json {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * The dashboard-projector as it runs in production (AppModule, platform HTTP settings, the Redis Streams consumer),
 * against its own database and its own stream prefix on the shared Redis.
 */
export class DashboardTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly database: TestDatabase,
    readonly config: PlatformConfig,
    private readonly client: RedisStreamsClient,
  ) {}

  static async start(): Promise<DashboardTestApp> {
    const database = await createTestDatabase('dashboard');
    const env = testPlatformEnv({ databaseUrl: database.url, streamPrefix: uniqueName('dash'), STREAM_PARTITIONS: '4', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000' });
    const config = loadPlatformConfig('dashboard-projector', env);
    @Module({ imports: dashboardProjectorImports({ env }) })
    class DashboardTestModule {}
    const app = await NestFactory.create(DashboardTestModule, { bodyParser: false, logger: false, abortOnError: false });
    configurePlatformHttp(app);
    const layout: StreamLayout = { prefix: config.streamPrefix, partitions: config.streamPartitions };
    app.connectMicroservice({ strategy: new RedisStreamsServer({ ...FAST, url: TEST_REDIS_URL, group: config.service, dataSource: app.get(DataSource), layout }) });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    return new DashboardTestApp(app, `http://127.0.0.1:${port}`, database, config, new RedisStreamsClient({ url: TEST_REDIS_URL, layout }));
  }

  async publish(...events: AnyEvent[]): Promise<void> {
    for (const event of events) await this.client.publishEvent(event);
  }

  async get(path: string, userId: string | null): Promise<Json> {
    const headers: Record<string, string> = userId ? { authorization: `Bearer ${await signTestToken(userId)}` } : {};
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  rebuild(options: { allowTrimmed?: boolean } = {}) {
    return rebuildFromStreams(this.config, createLogger('dashboard-projector', 'silent'), options);
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.app.get(DataSource).query(sql, params);
  }

  async close(): Promise<void> {
    await this.client.close();
    await this.app.close();
    await this.database.drop();
  }
}
