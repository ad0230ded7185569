import { Controller, Global, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { createTestDatabase, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import { connectStreamConsumer, StreamConsumers } from '@choice-sherpa/platform/http/stream-consumer';
import { DataSource } from 'typeorm';
import { DeadLetterAdminModule } from '../dead-letters/dead-letter-admin.module';
import { DeadLetterReplayService } from '../dead-letters/dead-letter-replay.service';
import type { TransportEvent } from './parse-seam';
import { RedisStreamsClient } from './testing/redis-streams.client';
import { RedisStreamsContext } from './redis-streams.context';
import { RedisStreamsServer } from './stream-transport.server';
import { OnStreamEvent } from './on-stream-event.decorator';
import { createConsumerDataSource, FAST, layoutFor, makeEvent, publishAll } from './testing/transport-harness';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const broadcasts: string[] = [];
let failing = new Set<string>();

@Controller()
class ConversationStarterConsumer {
  @OnStreamEvent('component.started', { handler: 'initialize-conversation' })
  async onStarted(@Payload() event: TransportEvent, @Ctx() context: RedisStreamsContext): Promise<void> {
    if (failing.has(event.event_id)) throw new Error('downstream unavailable');
    await context.requireManager().query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.event_id]);
  }

  @EventPattern<string>('*', { handler: 'broadcast', idempotent: false })
  onAny(@Payload() event: TransportEvent, @Ctx() context: RedisStreamsContext): void {
    if (context.getManager() === undefined) broadcasts.push(event.event_id);
  }
}

describe('RedisStreamsServer in a Nest application', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let app: INestApplication;
  let client: RedisStreamsClient;
  const layout = layoutFor(uniqueName('tn'));
  const group = uniqueName('conversation');

  beforeAll(async () => {
    database = await createTestDatabase('transport_nest');
    dataSource = await createConsumerDataSource(database.url);
    @Global()
    @Module({ providers: [{ provide: DataSource, useValue: dataSource }, StreamConsumers], exports: [DataSource, StreamConsumers] })
    class DatabaseModule {}
    @Module({ imports: [DatabaseModule, DeadLetterAdminModule], controllers: [ConversationStarterConsumer] })
    class ConsumerAppModule {}
    app = await NestFactory.create(ConsumerAppModule, { logger: ['error'], abortOnError: false });
    // The replay finds the transport through DI: the app's StreamConsumers, which connectStreamConsumer fills.
    connectStreamConsumer(app, new RedisStreamsServer({ ...FAST, url: URL, group, layout, dataSource, maxDeliveries: 2 }));
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    client = new RedisStreamsClient({ url: URL, layout });
  });
  afterAll(async () => {
    await client.close();
    await app.close();
    await dataSource.destroy();
    await database.drop();
  });

  const effects = async (id: string) => (await dataSource.query('SELECT count(*)::int AS n FROM test_effects WHERE event_id = $1', [id]))[0].n;

  it('routes events to @EventPattern handlers with the transaction manager, and * handlers without one', async () => {
    const started = makeEvent('agg-1', 1);
    const other = makeEvent('agg-1', 2, 'component.completed');
    await publishAll(client, [started, other]);
    await waitFor(async () => (await effects(started.event_id)) === 1 && broadcasts.includes(other.event_id), { what: 'both handlers' });
    expect(broadcasts).toContain(started.event_id);
    expect(await effects(other.event_id)).toBe(0);
    const [processed] = await dataSource.query('SELECT handler FROM processed_events WHERE event_id = $1', [started.event_id]);
    expect(processed.handler).toBe('initialize-conversation');
  });

  it('emit() publishes through the client proxy and send() is refused', async () => {
    const event = makeEvent('agg-2', 1);
    await new Promise<void>((resolve, reject) => client.emit(event.event_type, event).subscribe({ complete: resolve, error: reject }));
    await waitFor(async () => (await effects(event.event_id)) === 1, { what: 'emitted event handled' });
    await expect(new Promise((resolve, reject) => client.send('x', {}).subscribe({ next: resolve, error: reject }))).rejects.toThrow(/not supported/);
  });

  it('replays a dead letter through the idempotent path exactly once', async () => {
    const poison = makeEvent('agg-3', 1);
    failing = new Set([poison.event_id]);
    await publishAll(client, [poison]);
    const letter = await waitFor(async () => (await dataSource.query('SELECT id FROM dead_letter_events WHERE event_id = $1', [poison.event_id]))[0], { what: 'dead letter' });
    failing = new Set();
    const replays = app.get(DeadLetterReplayService);
    expect((await replays.replay(letter.id)).outcomes).toEqual([{ handler: 'initialize-conversation', outcome: 'applied' }]);
    expect((await replays.replay(letter.id)).outcomes).toEqual([{ handler: 'initialize-conversation', outcome: 'duplicate' }]);
    expect(await effects(poison.event_id)).toBe(1);
    const [row] = await dataSource.query('SELECT replayed_at FROM dead_letter_events WHERE id = $1', [letter.id]);
    expect(row.replayed_at).not.toBeNull();
  });

  it('refuses the dead-letter admin routes to a caller without the admin role', async () => {
    const base = await app.getUrl();
    for (const [method, path] of [['GET', '/admin/dead-letters'], ['POST', '/admin/dead-letters/1/replay'], ['DELETE', '/admin/dead-letters/1']]) {
      const response = await fetch(`${base}${path}`, { method });
      expect([401, 403]).toContain(response.status);
    }
  });
});
