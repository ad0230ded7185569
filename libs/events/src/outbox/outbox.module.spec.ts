import { Global, INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_CONFIG } from '@choice-sherpa/platform';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import Redis from 'ioredis';
import { allStreams, StreamLayout } from '../streams/stream-layout';
import { OUTBOX_MIGRATIONS } from './outbox.migrations';
import { OutboxModule } from './outbox.module';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { pendingEvent, readAllEntries } from './testing/outbox-harness';
import { UnitOfWork } from './unit-of-work';

describe('OutboxModule', () => {
  let database: TestDatabase;
  let redis: Redis;
  let layout: StreamLayout;
  let app: INestApplicationContext | undefined;

  beforeEach(async () => {
    database = await createTestDatabase('outbox_module');
    redis = new Redis(TEST_REDIS_URL);
    layout = { prefix: uniqueName('obm'), partitions: 3 };
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await redis.del(...allStreams(layout));
    redis.disconnect();
    await database.drop();
  });

  const typeOrm = () => TypeOrmModule.forRoot({ type: 'postgres', url: database.url, migrations: OUTBOX_MIGRATIONS, migrationsRun: true });

  it('forRoot() takes Redis and the stream layout from the platform config, runs the relay on bootstrap and stops it on close', async () => {
    @Global()
    @Module({ providers: [{ provide: PLATFORM_CONFIG, useValue: { redisUrl: TEST_REDIS_URL, streamPrefix: layout.prefix, streamPartitions: layout.partitions } }], exports: [PLATFORM_CONFIG] })
    class FakePlatformConfig {}
    @Module({ imports: [FakePlatformConfig, typeOrm(), OutboxModule.forRoot()] })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    expect(app.get(OutboxWriter)).toBeInstanceOf(OutboxWriter);
    expect(app.get(OutboxRelay).layout).toEqual(layout);
    const event = pendingEvent('agg-nest');
    await app.get(UnitOfWork).run(async ({ publish }) => publish(event));
    await waitFor(async () => (await readAllEntries(redis, layout)).some((e) => e.eventId === event.event_id), { what: 'relayed by the module relay' });
    const relay = app.get(OutboxRelay);
    await app.close();
    app = undefined;
    expect(relay.passCount).toBeGreaterThan(0);
  });

  it('forRootAsync() builds the options from injected providers; runRelay: false only provides the writer side', async () => {
    @Module({ providers: [{ provide: 'STREAMS', useValue: { url: TEST_REDIS_URL, layout } }], exports: ['STREAMS'] })
    class StreamsConfig {}
    @Module({
      imports: [
        typeOrm(),
        OutboxModule.forRootAsync({
          imports: [StreamsConfig],
          inject: ['STREAMS'],
          useFactory: (streams: { url: string; layout: StreamLayout }) => ({ redisUrl: streams.url, layout: streams.layout, runRelay: false }),
        }),
      ],
    })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const [envelope] = await app.get(UnitOfWork).run(async ({ manager }) => app!.get(OutboxWriter).append(manager, [pendingEvent('agg-async')]));
    expect(envelope.sequence).toBe(1);
    expect(app.get(OutboxRelay).passCount).toBe(0);
    expect(await app.get(OutboxRelay).publishPending()).toBe(1);
    expect((await readAllEntries(redis, layout)).map((e) => e.eventId)).toEqual([envelope.event_id]);
  });

  it('never reads the environment itself: without options or platform config it refuses to start, even with REDIS_URL set', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = TEST_REDIS_URL;
    try {
      // A stand-in DataSource: the options are resolved before anything touches the database.
      @Global()
      @Module({ providers: [{ provide: getDataSourceToken(), useValue: {} }], exports: [getDataSourceToken()] })
      class NoDatabase {}
      @Module({ imports: [NoDatabase, OutboxModule.forRoot()] })
      class AppModule {}
      await expect(NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false })).rejects.toThrow(/no redisUrl or broker option and no platform config/);
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });
});
