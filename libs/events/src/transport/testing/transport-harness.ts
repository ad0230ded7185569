import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '../../envelope/event-envelope';
import type { EventType } from '../../catalog/event-types';
import { samplePayload } from '../../catalog/testing/sample-payloads';
import type { StreamLayout } from '../../streams/stream-layout';
import { CONSUMER_MIGRATIONS } from '../../consumer/consumer.migrations';
import { RedisStreamsClient } from './redis-streams.client';
import { RedisStreamsContext } from '../redis-streams.context';
import { RedisStreamsServerConfig } from '../redis-streams.options';
import { RedisStreamsServer } from '../stream-transport.server';
import type { TransportEvent } from '../parse-seam';

/** Short timings so failover and reconnects happen within a test's bounds. */
export const FAST = { blockMs: 300, renewIntervalMs: 150, leaseTtlMs: 1_200, backoffBaseMs: 10, backoffMaxMs: 100, commandTimeoutMs: 2_000 };

/** A valid catalog event (the transport parses strictly) for the aggregate label `aggregateId`. */
export function makeEvent(aggregateId: string, sequence: number, type: EventType = 'component.started'): EventEnvelope {
  return {
    event_id: randomUUID(),
    event_type: type,
    aggregate_id: aggregateId,
    aggregate_type: 'cycle',
    occurred_at: new Date().toISOString(),
    payload: { ...samplePayload(type), cycle_id: randomUUID(), session_id: randomUUID(), component_id: randomUUID() },
    metadata: { correlation_id: randomUUID(), causation_id: null, user_id: randomUUID(), trace_id: null },
    schema_version: 1,
    sequence,
  };
}

export async function createConsumerDataSource(url: string, poolSize = 10): Promise<DataSource> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: CONSUMER_MIGRATIONS, poolSize });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query('CREATE TABLE IF NOT EXISTS test_effects (event_id uuid PRIMARY KEY, handled_at timestamptz DEFAULT now())');
  return dataSource;
}

export type TestHandler = (event: TransportEvent, context: RedisStreamsContext) => Promise<void> | void;

/** A server with one `*` handler, wired exactly as Nest's listeners controller would wire an @EventPattern. */
export async function startConsumer(config: RedisStreamsServerConfig, handler: TestHandler, name = 'test-handler', idempotent = true): Promise<RedisStreamsServer> {
  const server = new RedisStreamsServer({ ...FAST, ...config });
  server.addHandler('*', async (event: TransportEvent, context: RedisStreamsContext) => handler(event, context), true, { handler: name, idempotent });
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
  return server;
}

export type BatchTestHandler = (events: TransportEvent[], context: RedisStreamsContext) => Promise<void> | void;

/** A server with one `*` batch handler (`{ batch: true }`): it gets a read's events at once. */
export async function startBatchConsumer(config: RedisStreamsServerConfig, handler: BatchTestHandler, name = 'test-batch-handler'): Promise<RedisStreamsServer> {
  const server = new RedisStreamsServer({ ...FAST, ...config });
  server.addHandler('*', async (events: TransportEvent[], context: RedisStreamsContext) => handler(events, context), true, { handler: name, batch: true });
  await new Promise<void>((resolve, reject) => server.listen((error?: unknown) => (error ? reject(error) : resolve())));
  return server;
}

/** Publishes like the outbox relay: retries until Redis accepted the entry. */
export async function publishAll(client: RedisStreamsClient, events: EventEnvelope[]): Promise<void> {
  for (const event of events) {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.publishEvent(event);
        break;
      } catch (error) {
        if (attempt > 200) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

export function layoutFor(prefix: string, partitions = 4): StreamLayout {
  return { prefix, partitions };
}
