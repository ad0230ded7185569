import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope, RedisStreamsServer, StreamLayout, streamFor } from '@choice-sherpa/events';
import { RedisStreamsClient } from '@choice-sherpa/events/transport/testing';
import { connectStreamConsumer, loadPlatformConfig } from '@choice-sherpa/platform';
import { createTestDatabase, TEST_REDIS_URL, TestDatabase, testPlatformEnv, uniqueName } from '@choice-sherpa/platform/testing';
import { analysisWorkerImports } from '../../src/app.imports';

/** Short timings so the consumer picks partitions up, and retries, within a test's bounds. */
const FAST = { blockMs: 300, renewIntervalMs: 150, leaseTtlMs: 1_200, backoffBaseMs: 10, backoffMaxMs: 100, commandTimeoutMs: 2_000 };

/**
 * The analysis-worker as it runs in production (its modules, migrations, outbox relay and Redis Streams consumer)
 * against its own database and its own stream prefix on the shared Redis.
 */
export class AnalysisWorkerTestApp {
  private constructor(
    readonly app: INestApplication,
    readonly database: TestDatabase,
    readonly layout: StreamLayout,
    private readonly client: RedisStreamsClient,
  ) {}

  /**
   * `setupSql` runs on the migrated database and `backlog` is published before the consumer starts (so its first
   * read of each partition gets those events together).
   */
  static async start(settings: { setupSql?: string[]; backlog?: EventEnvelope[] } = {}): Promise<AnalysisWorkerTestApp> {
    const database = await createTestDatabase('analysis');
    const env = testPlatformEnv({ databaseUrl: database.url, streamPrefix: uniqueName('analysis'), STREAM_PARTITIONS: '2', LOG_LEVEL: 'silent' });
    const config = loadPlatformConfig('analysis-worker', env);
    @Module({ imports: analysisWorkerImports({ env }) })
    class AnalysisWorkerTestModule {}
    const app = await NestFactory.create(AnalysisWorkerTestModule, { logger: false, abortOnError: false });
    const layout: StreamLayout = { prefix: config.streamPrefix, partitions: config.streamPartitions };
    const server = new RedisStreamsServer({ ...FAST, maxDeliveries: 2, url: TEST_REDIS_URL, group: config.service, replica: uniqueName('replica'), dataSource: app.get(DataSource), layout });
    const client = new RedisStreamsClient({ url: TEST_REDIS_URL, layout });
    for (const sql of settings.setupSql ?? []) await app.get(DataSource).query(sql);
    for (const event of settings.backlog ?? []) await client.publishEvent(event);
    connectStreamConsumer(app, server);
    await app.startAllMicroservices();
    await app.init();
    return new AnalysisWorkerTestApp(app, database, layout, client);
  }

  async publish(...events: EventEnvelope[]): Promise<void> {
    for (const event of events) await this.client.publishEvent(event);
  }
  /** XADDs the envelope as it is, without the client's validation: a producer that broke the event contract. */
  async publishUnchecked(event: EventEnvelope): Promise<void> {
    const redis = await this.client.connect();
    await redis.xadd(streamFor(this.layout, event.aggregate_id), '*', 'type', event.event_type, 'data', JSON.stringify(event));
  }


  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return this.app.get(DataSource).query(sql, params);
  }

  /** Every event in this app's partition streams, each partition in stream order (what the relay published). */
  async streamed(): Promise<EventEnvelope[]> {
    const redis = await this.client.connect();
    const events: EventEnvelope[] = [];
    for (let partition = 0; partition < this.layout.partitions; partition++) {
      for (const [, fields] of await redis.xrange(`${this.layout.prefix}:p${partition}`, '-', '+')) {
        events.push(JSON.parse(fields[fields.indexOf('data') + 1]) as EventEnvelope);
      }
    }
    return events;
  }

  async close(): Promise<void> {
    await this.app.close();
    const redis = await this.client.connect();
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${this.layout.prefix}*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
    await this.client.close();
    await this.database.drop();
  }
}

/** A cycle of one session, and its component.completed events numbered as session-cycle's outbox would number them. */
export class CycleEvents {
  readonly cycleId = randomUUID();
  readonly sessionId = randomUUID();
  readonly correlationId = randomUUID();

  completed(sequence: number, componentType: string, output: Record<string, unknown>): EventEnvelope {
    return {
      event_id: randomUUID(),
      event_type: 'component.completed',
      aggregate_id: this.cycleId,
      aggregate_type: 'cycle',
      occurred_at: new Date().toISOString(),
      payload: { cycle_id: this.cycleId, session_id: this.sessionId, component_id: randomUUID(), component_type: componentType, output, completed_at: new Date().toISOString() },
      metadata: { correlation_id: this.correlationId, causation_id: null, user_id: 'user-1', trace_id: null },
      schema_version: 1,
      sequence,
    };
  }

  /** cycle.branched of this cycle (the branch) from `parentCycleId`, listing the copies with their outputs. */
  branched(sequence: number, parentCycleId: string, copied: Array<{ component_type: string; status: string; output?: Record<string, unknown> }>): EventEnvelope {
    return {
      event_id: randomUUID(),
      event_type: 'cycle.branched',
      aggregate_id: this.cycleId,
      aggregate_type: 'cycle',
      occurred_at: new Date().toISOString(),
      payload: {
        cycle_id: this.cycleId,
        session_id: this.sessionId,
        parent_cycle_id: parentCycleId,
        branch_point_component: 'notes_next_steps',
        branched_at: new Date().toISOString(),
        copied_components: copied.map((c) => ({ component_id: randomUUID(), ...c })),
      },
      metadata: { correlation_id: this.correlationId, causation_id: null, user_id: 'user-1', trace_id: null },
      schema_version: 1,
      sequence,
    };
  }
}
