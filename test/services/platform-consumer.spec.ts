import { CanActivate, Controller, ExecutionContext, INestApplication, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Ctx, Payload } from '@nestjs/microservices';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { CONSUMER_MIGRATIONS, OnStreamEvent, RedisStreamsContext, RedisStreamsServer, TransportEvent } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { FAST, makeEvent, publishAll } from '@choice-sherpa/events/transport/testing/transport-harness';
import { configurePlatformHttp, connectStreamConsumer, PLATFORM_CONFIG, PlatformConfig, PlatformModule } from '@choice-sherpa/platform';
import { createTestDatabase, TEST_REDIS_URL, testPlatformEnv, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';

class CreateEffects1764000000100 implements MigrationInterface {
  name = 'CreateEffects1764000000100';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE effects (event_id uuid PRIMARY KEY)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE effects');
  }
}

/** An HTTP app guard that records every context it is asked about. */
@Injectable()
class RecordingGuard implements CanActivate {
  static readonly seen: string[] = [];
  canActivate(context: ExecutionContext): boolean {
    RecordingGuard.seen.push(context.getType());
    return true;
  }
}

@Controller()
class EffectsConsumer {
  @OnStreamEvent('component.started', { handler: 'record-effect' })
  async record(@Payload() event: TransportEvent, @Ctx() context: RedisStreamsContext): Promise<void> {
    await context.requireManager().query('INSERT INTO effects (event_id) VALUES ($1)', [event.event_id]);
  }

  @OnStreamEvent('component.completed', { handler: 'always-fails' })
  fail(): never {
    throw new Error('downstream unavailable');
  }
}

/**
 * A service's stream consumer next to the platform's global guards, pipe and filter: events reach handlers untouched
 * (no token, no HTTP validation), and handler errors reach the transport with their own message (retry, then dead
 * letter) through connectStreamConsumer, which bootstrapService uses.
 */
describe('platform globals with a stream consumer in the same app', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let client: RedisStreamsClient;
  let dataSource: DataSource;
  const streamPrefix = uniqueName('pc');

  beforeAll(async () => {
    database = await createTestDatabase('platform_consumer');
    @Module({
      imports: [
        PlatformModule.forService({
          service: 'notifier',
          env: testPlatformEnv({ databaseUrl: database.url, streamPrefix, STREAM_PARTITIONS: '2' }),
          migrations: [...CONSUMER_MIGRATIONS, CreateEffects1764000000100],
        }),
      ],
      controllers: [EffectsConsumer],
      providers: [{ provide: APP_GUARD, useClass: RecordingGuard }],
    })
    class ConsumerAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ConsumerAppModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    const config = configurePlatformHttp(app);
    dataSource = app.get(DataSource);
    const layout = { prefix: config.streamPrefix, partitions: config.streamPartitions };
    connectStreamConsumer(app, new RedisStreamsServer({ ...FAST, url: config.redisUrl, group: config.service, dataSource, layout, maxDeliveries: 2 }));
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
    expect(app.get<PlatformConfig>(PLATFORM_CONFIG).streamPrefix).toBe(streamPrefix);
  });

  afterAll(async () => {
    await client?.close();
    await app?.close();
    await database?.drop();
  });

  it('delivers events to handlers (no token needed, no validation in the way) with the idempotent transaction', async () => {
    const event = makeEvent('agg-platform-1', 1);
    await publishAll(client, [event]);
    await waitFor(async () => (await dataSource.query('SELECT 1 FROM effects WHERE event_id = $1', [event.event_id])).length === 1, {
      what: 'effect row',
    });
    const processed = await dataSource.query('SELECT handler FROM processed_events WHERE event_id = $1', [event.event_id]);
    expect(processed).toEqual([{ handler: 'record-effect' }]);
    // The stream consumer has enhancers of its own: the HTTP app's guards never run for a stream message.
    expect(RecordingGuard.seen).not.toContain('rpc');
  });

  it('lets a failing handler error reach the transport, which dead-letters it with the original message', async () => {
    const event = makeEvent('agg-platform-2', 1, 'component.completed');
    await publishAll(client, [event]);
    const letter = await waitFor(
      async () => (await dataSource.query('SELECT handler, error_message FROM dead_letter_events WHERE event_id = $1', [event.event_id]))[0],
      { what: 'dead letter' },
    );
    expect(letter).toEqual({ handler: 'always-fails', error_message: 'downstream unavailable' });
    expect(RecordingGuard.seen).not.toContain('rpc');
  });
});
