import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AnyEvent, RedisStreamsServer, StreamLayout } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
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
    readonly server: RedisStreamsServer,
    private readonly ownsResources: boolean,
  ) {}

  /** A fresh database and stream prefix, or those of `joining` (another replica of the same service). */
  static async start(joining?: DashboardTestApp): Promise<DashboardTestApp> {
    const database = joining?.database ?? (await createTestDatabase('dashboard'));
    const env = testPlatformEnv({ databaseUrl: database.url, streamPrefix: joining?.config.streamPrefix ?? uniqueName('dash'), STREAM_PARTITIONS: '4', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000' });
    const config = loadPlatformConfig('dashboard-projector', env);
    @Module({ imports: dashboardProjectorImports({ env }) })
    class DashboardTestModule {}
    const app = await NestFactory.create(DashboardTestModule, { bodyParser: false, logger: false, abortOnError: false });
    configurePlatformHttp(app);
    const layout: StreamLayout = { prefix: config.streamPrefix, partitions: config.streamPartitions };
    // each replica its own name (the default, host-pid, would make two replicas in one test process one replica)
    const server = new RedisStreamsServer({ ...FAST, url: TEST_REDIS_URL, group: config.service, replica: uniqueName('replica'), dataSource: app.get(DataSource), layout });
    app.connectMicroservice({ strategy: server });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    return new DashboardTestApp(app, `http://127.0.0.1:${port}`, database, config, new RedisStreamsClient({ url: TEST_REDIS_URL, layout }), server, !joining);
  }

  async publish(...events: AnyEvent[]): Promise<void> {
    for (const event of events) await this.client.publishEvent(event);
  }

  private readonly tokens = new Map<string, Promise<string>>();

  async get(path: string, userId: string | null): Promise<Json> {
    if (userId && !this.tokens.has(userId)) this.tokens.set(userId, signTestToken(userId));
    const headers: Record<string, string> = userId ? { authorization: `Bearer ${await this.tokens.get(userId)}` } : {};
    const response = await fetch(`${this.baseUrl}${path}`, { headers });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  rebuild(options: { allowTrimmed?: boolean } = {}) {
    return rebuildFromStreams(this.config, createLogger('dashboard-projector', 'silent'), options);
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.app.get(DataSource).query(sql, params);
  }

  /** The Redis connection publishing the events (tests inspect or trim the streams with it). */
  redis(): Promise<Redis> {
    return this.client.connect();
  }

  async close(): Promise<void> {
    await this.app.close();
    if (this.ownsResources) {
      const redis = await this.client.connect();
      const keys: string[] = [];
      const scan = redis.scanStream({ match: `${this.config.streamPrefix}*`, count: 500 });
      for await (const batch of scan) keys.push(...(batch as string[]));
      if (keys.length > 0) await redis.del(...keys);
      await this.database.drop();
    }
    await this.client.close();
  }
}
