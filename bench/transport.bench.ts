import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxy, ClientProxyFactory, EventPattern, Payload, Transport } from '@nestjs/microservices';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createTestDatabase, uniqueName } from '@choice-sherpa/platform/testing';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';
import { streamFor } from '@choice-sherpa/events/streams/stream-layout';
import type Redis from 'ioredis';
import { PROCESSED_INSERT, recordProcessed } from '@choice-sherpa/events/consumer/run-idempotent';
import type { StreamLayout } from '@choice-sherpa/events/streams/stream-layout';
import { RedisStreamsContext, RedisStreamsServer, SERVER_DEFAULTS } from '@choice-sherpa/events/transport';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { createConsumerDataSource } from '@choice-sherpa/events/transport/testing/transport-harness';
import { percentile, writeResults } from './support/report';
import { naiveDrain } from './support/naive-consumer';
import { BenchEffect, benchEvents, insertEffects, paced, until } from './support/transport-workload';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const THROUGHPUT_EVENTS = 20_000;
const LATENCY_RATE = 1_000;
const LATENCY_SECONDS = 5;
const OUTAGE_RATE = 500;

let builtInEffect: BenchEffect | undefined;

@Controller()
class BuiltInConsumer {
  @EventPattern('bench.event')
  async handle(@Payload() event: EventEnvelope): Promise<void> {
    await builtInEffect?.handle(event);
  }
}

@Module({ controllers: [BuiltInConsumer] })
class BuiltInModule {}

export async function run(): Promise<void> {
  const database = await createTestDatabase('bench_transport');
  const dataSource = await createConsumerDataSource(database.url, 20);
  await dataSource.query('CREATE TABLE bench_effects (event_id uuid, handler text, PRIMARY KEY (event_id, handler))');
  try {
    const ours = await benchStreams(dataSource);
    const builtIn = await benchBuiltIn(dataSource);
    writeResults('transport', { ...ours, ...builtIn });
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

async function startStreams(dataSource: DataSource, layout: { prefix: string; partitions: number }, group: string, effect: BenchEffect, batch = false): Promise<RedisStreamsServer> {
  const server = new RedisStreamsServer({ url: REDIS_URL, group, layout, dataSource, replica: `${group}-bench`, blockMs: 1_000, renewIntervalMs: 500, leaseTtlMs: 5_000 });
  // The transport's own idempotent path: the effect row and the processed_events row in the transport's transaction
  // (several events per transaction when a read returns a backlog). The built-in transport runs the same two inserts
  // in a transaction of its own per event (BenchEffect.handle). A batch handler gets a read's new events at once and
  // writes their effect rows with one statement (the transport writes their processed_events rows with one too).
  if (batch) {
    server.addHandler('*', (events: EventEnvelope[], context: RedisStreamsContext) => effect.handleBatchIn(context.requireManager(), events), true, { handler: group, batch: true });
  } else {
    server.addHandler('*', (event: EventEnvelope, context: RedisStreamsContext) => effect.handleIn(context.requireManager(), event), true, { handler: group });
  }
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
  return server;
}

async function benchStreams(dataSource: DataSource): Promise<Record<string, number>> {
  const layout = { prefix: uniqueName('bench'), partitions: 8 };
  const client = new RedisStreamsClient({ url: REDIS_URL, layout });
  const redis = await client.connect();

  // Throughput: a backlog drained by one consumer process, with a per-event handler and with a batch handler; beside
  // them, the same rows written by hand from memory (no Redis, no parsing): per event, and with multi-row statements.
  const throughput = await drainBacklog(dataSource, redis, { ...layout, prefix: `${layout.prefix}-each` }, 'streams-throughput', false);
  const batchThroughput = await drainBacklog(dataSource, redis, { ...layout, prefix: `${layout.prefix}-batch` }, 'streams-batch-throughput', true);
  const bounds = await naiveBounds(dataSource, layout.partitions, SERVER_DEFAULTS.batchSize);

  // Latency at 1,000/s with the consumer caught up.
  const latencyEffect = new BenchEffect(dataSource, 'streams-latency');
  const latencyServer = await startStreams(dataSource, { ...layout, prefix: `${layout.prefix}-lat` }, 'streams-latency', latencyEffect);
  const latencyClient = new RedisStreamsClient({ url: REDIS_URL, layout: { ...layout, prefix: `${layout.prefix}-lat` } });
  const latencyEvents = benchEvents(LATENCY_RATE * LATENCY_SECONDS);
  await paced(latencyEvents, LATENCY_RATE, (event) => latencyClient.publishEvent(event), latencyEffect);
  await until(() => latencyEffect.handled.size >= latencyEvents.length, 30_000);
  await latencyServer.close();
  await latencyClient.close();
  const sorted = [...latencyEffect.latenciesMs].sort((a, b) => a - b);

  // Loss: the consumer is down for 5 s in the middle of a 15 s run at 500/s.
  const outageLayout = { ...layout, prefix: `${layout.prefix}-outage` };
  const outageClient = new RedisStreamsClient({ url: REDIS_URL, layout: outageLayout });
  const outageEffect = new BenchEffect(dataSource, 'streams-outage');
  let outageServer = await startStreams(dataSource, outageLayout, 'streams-outage', outageEffect);
  const outageEvents = benchEvents(OUTAGE_RATE * 15);
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await outageServer.close();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    outageServer = await startStreams(dataSource, outageLayout, 'streams-outage', outageEffect);
  })();
  await paced(outageEvents, OUTAGE_RATE, (event) => outageClient.publishEvent(event));
  await outage;
  await until(() => outageEffect.handled.size >= outageEvents.length, 30_000);
  await outageServer.close();
  const outageCommitted = await outageEffect.committed();
  await outageClient.close();
  await client.close();
  return {
    streams_idempotent_events_per_s: throughput,
    streams_batch_idempotent_events_per_s: batchThroughput,
    ...bounds,
    streams_batch_vs_naive_batched_bound: round(batchThroughput / bounds.naive_batched_bound_events_per_s),
    streams_latency_p50_ms_at_1000_per_s: round(percentile(sorted, 50)),
    streams_latency_p99_ms_at_1000_per_s: round(percentile(sorted, 99)),
    streams_outage_published: outageEvents.length,
    streams_outage_lost: outageEvents.length - outageCommitted,
  };
}

async function drainBacklog(dataSource: DataSource, redis: Redis, layout: StreamLayout, group: string, batch: boolean): Promise<number> {
  const backlog = benchEvents(THROUGHPUT_EVENTS);
  const pipeline = redis.pipeline();
  for (const event of backlog) pipeline.xadd(streamFor(layout, event.aggregate_id), '*', 'type', event.event_type, 'data', JSON.stringify(event));
  await pipeline.exec();
  const effect = new BenchEffect(dataSource, group);
  const started = performance.now();
  const server = await startStreams(dataSource, layout, group, effect, batch);
  await until(() => effect.handled.size >= backlog.length, 120_000);
  while ((await effect.committed()) < backlog.length) await new Promise((resolve) => setTimeout(resolve, 2));
  const eventsPerSecond = backlog.length / ((performance.now() - started) / 1000);
  await server.close();
  return Math.round(eventsPerSecond);
}

/** The naive consumers over the same number of events: one transaction per event, and one per batch of multi-row statements. */
async function naiveBounds(dataSource: DataSource, partitions: number, perBatch: number): Promise<Record<string, number>> {
  const perEvent = await naiveDrain(dataSource, benchEvents(THROUGHPUT_EVENTS), { partitions, perTransaction: 1, handler: 'naive-each' }, async (manager, [event], handler) => {
    const inserted: unknown[] = await manager.query(PROCESSED_INSERT, [event.event_id, handler]);
    if (inserted.length > 0) await insertEffects(manager, [event.event_id], handler);
  });
  const batched = await naiveDrain(dataSource, benchEvents(THROUGHPUT_EVENTS), { partitions, perTransaction: perBatch, handler: 'naive-batched' }, async (manager, events, handler) => {
    const fresh = await recordProcessed(manager, handler, events.map((event) => event.event_id));
    await insertEffects(manager, [...fresh], handler);
  });
  return { naive_per_event_loop_events_per_s: perEvent, naive_batched_bound_events_per_s: batched };
}

async function startBuiltIn(): Promise<INestMicroservice> {
  const { hostname, port } = new URL(REDIS_URL);
  const app = await NestFactory.createMicroservice(BuiltInModule, { transport: Transport.REDIS, options: { host: hostname, port: Number(port) }, logger: ['error'] });
  await app.listen();
  return app;
}

async function benchBuiltIn(dataSource: DataSource): Promise<Record<string, number>> {
  const { hostname, port } = new URL(REDIS_URL);
  const client: ClientProxy = ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: hostname, port: Number(port) } });
  await client.connect();
  const emit = (event: EventEnvelope) => new Promise<void>((resolve, reject) => client.emit('bench.event', event).subscribe({ complete: resolve, error: reject }));

  // Throughput: pub/sub has no backlog, so the consumer runs while the publisher sends as fast as it can.
  builtInEffect = new BenchEffect(dataSource, 'builtin-throughput');
  let app = await startBuiltIn();
  const events = benchEvents(THROUGHPUT_EVENTS);
  const started = performance.now();
  for (let i = 0; i < events.length; i += 200) await Promise.all(events.slice(i, i + 200).map(emit));
  await until(() => (builtInEffect?.handled.size ?? 0) >= events.length, 60_000);
  const throughput = builtInEffect.handled.size / ((performance.now() - started) / 1000);
  const throughputLost = events.length - builtInEffect.handled.size;

  // Latency at 1,000/s.
  const latencyEffect = new BenchEffect(dataSource, 'builtin-latency');
  builtInEffect = latencyEffect;
  const latencyEvents = benchEvents(LATENCY_RATE * LATENCY_SECONDS);
  await paced(latencyEvents, LATENCY_RATE, emit, latencyEffect);
  await until(() => latencyEffect.handled.size >= latencyEvents.length, 10_000);
  const sorted = [...latencyEffect.latenciesMs].sort((a, b) => a - b);

  // Loss with the same 5 s outage.
  const outageEffect = new BenchEffect(dataSource, 'builtin-outage');
  builtInEffect = outageEffect;
  const outageEvents = benchEvents(OUTAGE_RATE * 15);
  const outage = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await app.close();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    app = await startBuiltIn();
  })();
  await paced(outageEvents, OUTAGE_RATE, emit);
  await outage;
  await until(() => outageEffect.handled.size >= outageEvents.length, 5_000);
  await app.close();
  await client.close();
  return {
    builtin_redis_idempotent_events_per_s: Math.round(throughput),
    builtin_redis_throughput_run_lost: throughputLost,
    builtin_redis_latency_p50_ms_at_1000_per_s: round(percentile(sorted, 50)),
    builtin_redis_latency_p99_ms_at_1000_per_s: round(percentile(sorted, 99)),
    builtin_redis_outage_published: outageEvents.length,
    builtin_redis_outage_lost: outageEvents.length - outageEffect.handled.size,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
