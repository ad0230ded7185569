import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventEnvelope, StreamLayout } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { HttpClient, UserClient } from './http-client';
import { StreamReader } from './stream-reader';
import { mintToken } from './tokens';

/**
 * The real service in-process: its own database, its own stream prefix on the shared Redis, the outbox relay and
 * the stream consumer running, listening on a free port. Configured through the environment, as in production.
 */
export interface SessionCycleTestApp {
  app: INestApplication;
  http: HttpClient;
  streams: StreamReader;
  dataSource: DataSource;
  layout: StreamLayout;
  /** A client acting as `userId` (token signed with the app's JWT_SECRET). */
  as(userId: string, options?: { email?: string; roles?: string[] }): Promise<UserClient>;
  token(userId: string, options?: { email?: string; roles?: string[] }): Promise<string>;
  /** Publishes an event as another service would (the conversation service, the analysis worker). */
  publish(event: EventEnvelope): Promise<void>;
  /** Rows in the outbox: every event the service ever produced, committed or not yet relayed. */
  outboxCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startSessionCycleApp(): Promise<SessionCycleTestApp> {
  const database: TestDatabase = await createTestDatabase('session_cycle');
  const layout: StreamLayout = { prefix: uniqueName('sc'), partitions: 4 };
  const secret = randomBytes(32).toString('hex');
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    STREAM_PREFIX: layout.prefix,
    STREAM_PARTITIONS: String(layout.partitions),
    JWT_SECRET: secret,
    PORT: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '1000000',
  });
  // Imported after the environment is set: the platform reads its configuration once, when the app is built.
  const { startSessionCycle } = await import('../../src/shared/interface/start-session-cycle');
  const app = await startSessionCycle();
  const dataSource = app.get(DataSource);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const http = new HttpClient(url);
  const streams = new StreamReader(TEST_REDIS_URL, layout);
  const publisher = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
  const token = (userId: string, options?: { email?: string; roles?: string[] }) => mintToken(secret, userId, options);
  return {
    app,
    http,
    streams,
    dataSource,
    layout,
    token,
    as: async (userId, options) => http.as(await token(userId, options)),
    publish: async (event) => {
      await publisher.publishEvent(event);
    },
    outboxCount: async () => Number((await dataSource.query('SELECT count(*)::int AS n FROM outbox_events'))[0].n),
    close: async () => {
      await publisher.close();
      await streams.close();
      await app.close();
      await database.drop();
      await deleteKeys(`${layout.prefix}*`);
    },
  };
}

/** Removes this test's streams and the transport's bookkeeping keys from the shared Redis. */
async function deleteKeys(pattern: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await client.quit();
  }
}
