import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { inProcessBroker } from '../broker/in-process-stream-broker';
import { StreamTransportServer } from './stream-transport.server';
import type { RedisStreamsServerConfig } from './redis-streams.options';

/** The settings a service's consumer is built from (a subset of the platform's config). */
export interface ServiceConsumerSettings {
  service: string;
  /** `in-process`: the process's in-process broker; otherwise Redis at redisUrl. */
  streamBroker?: 'redis' | 'in-process';
  redisUrl?: string;
  streamPrefix: string;
  streamPartitions: number;
}

/**
 * A service's stream consumer: consumer group = the service's name on every partition stream of the configured
 * layout, idempotency and dead letters in the service's own database (the app's TypeORM DataSource).
 * Use as `bootstrapService(AppModule, 'notifier', { microservice: serviceStreamConsumer })`.
 */
export function serviceStreamConsumer(
  app: INestApplication,
  config: ServiceConsumerSettings,
  overrides: Partial<RedisStreamsServerConfig> = {},
): StreamTransportServer {
  const inProcess = config.streamBroker === 'in-process';
  return new StreamTransportServer({
    ...(inProcess ? { broker: inProcessBroker() } : { url: config.redisUrl }),
    group: config.service,
    dataSource: app.get(DataSource),
    layout: { prefix: config.streamPrefix, partitions: config.streamPartitions },
    ...overrides,
  });
}
