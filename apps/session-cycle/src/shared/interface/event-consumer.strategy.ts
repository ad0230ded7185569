import type { INestApplication } from '@nestjs/common';
import { RedisStreamsServer, serviceStreamConsumer } from '@choice-sherpa/events';
import type { PlatformConfig } from '@choice-sherpa/platform';

/** The consumer group every replica of this service joins on every partition stream. */
export const CONSUMER_GROUP = 'session-cycle';

/** The Redis Streams consumer of this service, with its idempotency and dead letters in the service's database. */
export function sessionCycleConsumer(app: INestApplication, config: PlatformConfig): RedisStreamsServer {
  return serviceStreamConsumer(app, { ...config, service: CONSUMER_GROUP });
}
