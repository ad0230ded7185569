import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@choice-sherpa/events/envelope/event-envelope';
import { streamFor } from '@choice-sherpa/events/streams/stream-layout';
import { RedisStreamsServer } from '@choice-sherpa/events/transport';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { connectStreamConsumer, loadPlatformConfig } from '@choice-sherpa/platform';
import { createTestDatabase, testPlatformEnv, uniqueName } from '@choice-sherpa/platform/testing';
import { analysisWorkerImports } from '../apps/analysis-worker/src/app.imports';
import { toConsequencesTable } from '../apps/analysis-worker/src/analysis/application/component-output.mappers';
import { analysePugh } from '../apps/analysis-worker/src/analysis/domain/pugh/pugh-analysis';
import { consequencesBacklog, tradeoffsOutput } from './support/analysis-workload';
import { writeResults } from './support/report';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Completions in each backlog; ANALYSIS_BENCH_EVENTS=500 for a smoke run. */
const EVENTS = Number(process.env.ANALYSIS_BENCH_EVENTS ?? 10_000);
const CYCLES = 500;
const PARTITIONS = 8;
const TIMEOUT_MS = 600_000;

interface Drained {
  /** From starting the consumer to the first committed effect (group creation, leases, the first batch). */
  firstMs: number;
  /** From the first committed effect to the last. */
  perS: number;
  /** From the first committed effect to the last analysis event published to the streams. */
  publishedPerS?: number;
}

/**
 * The analysis-worker (its modules, consumer and relay, in this process) draining a backlog of consequences
 * completions (10 alternatives × 10 objectives): each parsed, analysed, its result row replaced and its
 * analysis.pugh_computed written to the outbox in the idempotent transaction, then relayed to the streams. Beside
 * it, in the same run, as many completions of a component the worker skips (tradeoffs, a list of tensions over the
 * same ids): the transport and parsing alone, so the analysis's own share is the difference.
 */
export async function run(): Promise<void> {
  const analysed = consequencesBacklog(EVENTS, CYCLES);
  const tradeoffs = tradeoffsOutput();
  const skipped = consequencesBacklog(EVENTS, CYCLES).events.map((event) => ({ ...event, payload: { ...event.payload, component_type: 'tradeoffs', output: tradeoffs } }));
  const pure = measurePure(analysed.events.slice(0, 2_000).map((event) => event.payload.output as Record<string, unknown>));
  const loadAtStart = os.loadavg()[0];
  const consequences = await drain(analysed.events, 'SELECT count(*)::int AS n FROM outbox_events', true);
  const skips = await drain(skipped, 'SELECT count(*)::int AS n FROM processed_events', false);
  writeResults('analysis', {
    completions_per_backlog: EVENTS,
    cycles: CYCLES,
    table: '10 alternatives x 10 objectives',
    consequences_analysed_and_committed_per_s: consequences.perS,
    analysis_events_published_per_s: consequences.publishedPerS ?? null,
    skipped_completions_per_s: skips.perS,
    consumer_start_to_first_result_ms: consequences.firstMs,
    pure_map_and_pugh_per_s: Math.round(pure),
    load_average_1m_at_start: Number(loadAtStart.toFixed(2)),
    load_average_1m_at_end: Number(os.loadavg()[0].toFixed(2)),
  });
}

/** A fresh worker (own database and streams) started on `events` already in its streams, until `countSql` reaches them all. */
async function drain(events: EventEnvelope[], countSql: string, published: boolean): Promise<Drained> {
  const database = await createTestDatabase('bench_analysis');
  const prefix = uniqueName('bench-analysis');
  const layout = { prefix, partitions: PARTITIONS };
  const env = testPlatformEnv({ databaseUrl: database.url, streamPrefix: prefix, STREAM_PARTITIONS: String(PARTITIONS), LOG_LEVEL: 'warn', REDIS_URL });
  const client = new RedisStreamsClient({ url: REDIS_URL, layout });
  @Module({ imports: analysisWorkerImports({ env }) })
  class AnalysisBenchModule {}
  const app = await NestFactory.create(AnalysisBenchModule, { logger: ['error'], abortOnError: false });
  try {
    const redis = await client.connect();
    const pipeline = redis.pipeline();
    for (const event of events) pipeline.xadd(streamFor(layout, event.aggregate_id), '*', 'type', event.event_type, 'data', JSON.stringify(event));
    await pipeline.exec();
    const dataSource = app.get(DataSource);
    const config = loadPlatformConfig('analysis-worker', env);
    connectStreamConsumer(app, new RedisStreamsServer({ url: REDIS_URL, group: config.service, replica: `${prefix}-bench`, dataSource, layout }));
    await app.init(); // migrations run here, before the clock starts
    const started = performance.now();
    await app.startAllMicroservices();
    const counted = async () => (await dataSource.query(countSql))[0].n as number;
    const firstAt = await until(async () => (await counted()) > 0, started);
    const lastAt = await until(async () => (await counted()) >= events.length, started);
    const rate = (ms: number) => Math.round((events.length - 1) / ((ms - firstAt) / 1000));
    if (!published) return { firstMs: Math.round(firstAt), perS: rate(lastAt) };
    const publishedAt = await until(async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL'))[0].n === 0, started);
    return { firstMs: Math.round(firstAt), perS: rate(lastAt), publishedPerS: rate(publishedAt) };
  } finally {
    await app.close();
    const redis = await client.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
    await client.close();
    await database.drop();
  }
}

/** Mapping plus analysis alone, no I/O, after a warm-up: what one core spends per completion. */
function measurePure(outputs: Record<string, unknown>[]): number {
  for (const output of outputs) analysePugh(toConsequencesTable(output));
  const started = performance.now();
  for (const output of outputs) analysePugh(toConsequencesTable(output));
  return outputs.length / ((performance.now() - started) / 1000);
}

async function until(condition: () => Promise<boolean>, started: number): Promise<number> {
  while (!(await condition())) {
    if (performance.now() - started > TIMEOUT_MS) throw new Error('analysis bench: backlog not drained in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}
