import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AnyEvent, EventEnvelope, RedisStreamsServer, StreamLayout } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { configurePlatformHttp, loadPlatformConfig, PlatformConfig } from '@choice-sherpa/platform';
import { createTestDatabase, signTestToken, TEST_REDIS_URL, TestDatabase, testPlatformEnv, uniqueName } from '@choice-sherpa/platform/testing';
import { notifierImports } from '../../src/app.imports';

/** Short timings so the consumer picks partitions up within a test's bounds. */
const FAST = { blockMs: 300, renewIntervalMs: 150, leaseTtlMs: 1_200, backoffBaseMs: 10, backoffMaxMs: 100, commandTimeoutMs: 2_000 };

export const TEST_MAIL_FROM = 'Choice Sherpa <notifications@mail.choice-sherpa.test>';
export const TEST_PUBLIC_URL = 'https://app.choice-sherpa.test';

export interface Json {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * The notifier as it runs in production (its modules, the platform HTTP settings, the Redis Streams consumer, the
 * sender), on its own database and stream prefix, sending to the SMTP server at `smtpUrl` with fast retries.
 */
export class NotifierTestApp {
  private readonly tokens = new Map<string, Promise<string>>();

  private constructor(
    readonly app: INestApplication,
    readonly baseUrl: string,
    readonly database: TestDatabase,
    readonly config: PlatformConfig,
    private readonly client: RedisStreamsClient,
  ) {}

  /**
   * `setupSql` runs on the migrated database and `backlog` is published before the consumer starts (so its first
   * read of each partition gets those events together).
   */
  static async start(settings: { smtpUrl?: string; env?: Record<string, string>; setupSql?: string[]; backlog?: (AnyEvent | EventEnvelope)[] } = {}): Promise<NotifierTestApp> {
    const database = await createTestDatabase('notifier');
    const env = testPlatformEnv({
      databaseUrl: database.url,
      streamPrefix: uniqueName('notif'),
      STREAM_PARTITIONS: '2',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_MAX: '100000',
      SMTP_URL: settings.smtpUrl,
      MAIL_FROM: TEST_MAIL_FROM,
      PUBLIC_URL: TEST_PUBLIC_URL,
      MAIL_RETRY_BASE_MS: '50',
      MAIL_RETRY_MAX_MS: '400',
      ...settings.env,
    });
    const config = loadPlatformConfig('notifier', env);
    @Module({ imports: notifierImports({ env }) })
    class NotifierTestModule {}
    const app = await NestFactory.create(NotifierTestModule, { bodyParser: false, logger: false, abortOnError: false });
    configurePlatformHttp(app);
    const layout: StreamLayout = { prefix: config.streamPrefix, partitions: config.streamPartitions };
    const server = new RedisStreamsServer({ ...FAST, url: TEST_REDIS_URL, group: config.service, replica: uniqueName('replica'), dataSource: app.get(DataSource), layout });
    const client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
    for (const sql of settings.setupSql ?? []) await app.get(DataSource).query(sql);
    for (const event of settings.backlog ?? []) await client.publishEvent(event);
    app.connectMicroservice({ strategy: server });
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    return new NotifierTestApp(app, `http://127.0.0.1:${port}`, database, config, client);
  }

  async publish(...events: (AnyEvent | EventEnvelope)[]): Promise<void> {
    for (const event of events) await this.client.publishEvent(event);
  }

  async request(method: string, path: string, options: { userId?: string; roles?: string[]; body?: unknown; headers?: Record<string, string> } = {}): Promise<Json> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.userId) headers.authorization = `Bearer ${await this.token(options.userId, options.roles)}`;
    let body: string | undefined;
    if (typeof options.body === 'string') body = options.body;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // an HTML page or empty body: keep the text
    }
    return { status: response.status, body: parsed };
  }

  /** The mail outbox rows (test inspection only; the admin API shows metadata). */
  notifications(): Promise<{ id: string; notification_key: string; kind: string; state: string; attempts: number; last_error: string | null }[]> {
    return this.app.get(DataSource).query('SELECT id::text, notification_key, kind, state, attempts, last_error FROM notifications ORDER BY id');
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.app.get(DataSource).query(sql, params);
  }

  private token(userId: string, roles?: string[]): Promise<string> {
    const key = `${userId}|${roles?.join(',') ?? ''}`;
    if (!this.tokens.has(key)) this.tokens.set(key, signTestToken(userId, { roles }));
    return this.tokens.get(key)!;
  }

  async close(): Promise<void> {
    await this.app.close();
    const redis = await this.client.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${this.config.streamPrefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
    await this.client.close();
    await this.database.drop();
  }
}
