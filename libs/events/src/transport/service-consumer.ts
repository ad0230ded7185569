import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisStreamsServer } from './redis-streams.server';
import type { RedisStreamsServerConfig } from './redis-streams.options';

/** The settings a service's consumer is built from (a subset of the platform's config). */
export interface ServiceConsumerSettings {
  service: string;
  redisUrl: string;
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
): RedisStreamsServer {
  return new RedisStreamsServer({
    url: config.redisUrl,
    group: config.service,
    dataSource: app.get(DataSource),
    layout: { prefix: config.streamPrefix, partitions: config.streamPartitions },
    ...overrides,
  });
}
