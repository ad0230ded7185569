import { createTestDatabase, TestDatabase, uniqueName, waitFor } from '@choice-sherpa/platform/testing';
import type { DataSource } from 'typeorm';
import { InProcessStreamBroker } from '../broker/in-process-stream-broker';
import type { EventEnvelope } from '../envelope/event-envelope';
import type { StreamLayout } from '../streams/stream-layout';
import type { StreamTransportServer } from '../transport/stream-transport.server';
import { createConsumerDataSource, startConsumer } from '../transport/testing/transport-harness';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';
import { createOutboxDataSource, pendingEvent } from './testing/outbox-harness';

// The event path on the in-process broker: outbox → relay → broker → transport server → idempotent effect, and what
// a process restart means there (the broker starts empty; the relay re-publishes from its recovery point).
describe('the outbox relay on an in-process broker', () => {
  let producerDb: TestDatabase;
  let consumerDb: TestDatabase;
  let producer: DataSource;
  let consumer: DataSource;
  let layout: StreamLayout;
  const relays: OutboxRelay[] = [];
  const servers: StreamTransportServer[] = [];
  const writer = new OutboxWriter();

  beforeEach(async () => {
    [producerDb, consumerDb] = await Promise.all([createTestDatabase('inproc_producer'), createTestDatabase('inproc_consumer')]);
    producer = await createOutboxDataSource(producerDb.url);
    consumer = await createConsumerDataSource(consumerDb.url);
    layout = { prefix: uniqueName('ip'), partitions: 3 };
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await Promise.all([producer.destroy(), consumer.destroy()]);
    await Promise.all([producerDb.drop(), consumerDb.drop()]);
  });

  const commit = (events: ReturnType<typeof pendingEvent>[]) => producer.transaction((manager) => writer.append(manager, events));
  const batch = (n: number) => Array.from({ length: n }, (_, i) => pendingEvent(`agg-${i % 5}`));
  const effects = async () => (await consumer.query('SELECT count(*)::int AS n FROM test_effects'))[0].n as number;

  /** One "process": a broker, the producer's relay and the consumer group on it; records what the handler applied. */
  async function processOn(broker: InProcessStreamBroker, applied: EventEnvelope[]): Promise<OutboxRelay> {
    const relay = new OutboxRelay({ dataSource: producer, broker, layout, metricsIntervalMs: 0, cleanupIntervalMs: 0 });
    relays.push(relay);
    const server = await startConsumer({ broker, layout, group: 'svc', dataSource: consumer }, async (event, context) => {
      await context.requireManager().query('INSERT INTO test_effects (event_id) VALUES ($1)', [event.event_id]);
      applied.push(event);
    });
    servers.push(server);
    return relay;
  }

  function assertOrdered(applied: EventEnvelope[]): void {
    const last = new Map<string, number>();
    for (const event of applied) {
      expect(event.sequence, `${event.aggregate_id} in sequence order`).toBe((last.get(event.aggregate_id) ?? 0) + 1);
      last.set(event.aggregate_id, event.sequence);
    }
  }

  it('delivers committed events to the consumer group in per-aggregate order, each applied once', async () => {
    const applied: EventEnvelope[] = [];
    const relay = await processOn(new InProcessStreamBroker(), applied);
    const written = await commit(batch(30));
    relay.start();
    await waitFor(async () => (await effects()) === written.length, { timeoutMs: 20_000, what: 'every event applied' });
    expect(new Set(applied.map((event) => event.event_id))).toEqual(new Set(written.map((event) => event.event_id)));
    assertOrdered(applied);
  });

  it('after a restart re-publishes everything since the recovery point; idempotency drops what was applied', async () => {
    const before: EventEnvelope[] = [];
    const first = await processOn(new InProcessStreamBroker(), before);
    const published = await commit(batch(20));
    first.start();
    await waitFor(async () => (await effects()) === 20, { timeoutMs: 20_000, what: 'the first run applied' });
    // The "process" dies: its broker is gone with every entry; meanwhile more events were committed, not published.
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await first.stop();
    const late = await commit(batch(10));

    const after: EventEnvelope[] = [];
    const second = await processOn(new InProcessStreamBroker(), after);
    expect(await second.recover()).toBe(published.length + late.length);
    second.start();
    await waitFor(async () => (await effects()) === 30, { timeoutMs: 20_000, what: 'the late events applied' });
    expect(after.map((event) => event.event_id).sort()).toEqual(late.map((event) => event.event_id).sort());
    assertOrdered([...before, ...after]);
  });

  it('re-publishes only what came after the recovery point (the last drained clean stop)', async () => {
    const first = await processOn(new InProcessStreamBroker(), []);
    await commit(batch(12));
    first.start();
    await waitFor(async () => (await effects()) === 12, { timeoutMs: 20_000, what: 'the first run applied' });
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await first.stop();
    const stoppedAt = new Date();
    const late = await commit(batch(4));

    const broker = new InProcessStreamBroker();
    broker.setRecoveryPoint(stoppedAt);
    const second = await processOn(broker, []);
    expect(await second.recover()).toBe(late.length);
  });
});
