import type { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { RedisStreamBroker } from '../broker/redis-stream-broker';
import type { ResolvedRelayOptions } from './outbox-relay.options';

/** The relay's own Redis connection (lazy: the relay connects it on start and closes it on stop). */
export function relayRedisBroker(url: string | undefined, options: Pick<ResolvedRelayOptions, 'name' | 'commandTimeoutMs'>, logger: Logger): RedisStreamBroker {
  if (!url) throw new Error('OutboxRelay: set redisUrl or broker');
  const redis = new Redis(url, {
    connectionName: options.name,
    lazyConnect: true,
    commandTimeout: options.commandTimeoutMs,
    // Fail fast while Redis is down: the relay's own loop retries, with the rows still pending in PostgreSQL.
    maxRetriesPerRequest: 1,
    // Never let ioredis replay a timed-out XADD later, behind newer entries; the relay re-sends from the outbox.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(1_000, 25 * 2 ** Math.min(times, 6)),
  });
  let lastLoggedAt = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - lastLoggedAt < 5_000) return;
    lastLoggedAt = Date.now();
    logger.warn({ msg: 'redis connection error; reconnecting', error: error.message });
  });
  return new RedisStreamBroker(redis);
}
