import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

const logger = new Logger('RedisStreamsConnection');

/**
 * Connections never wait forever: commands time out, reconnects back off (capped), and offline commands fail
 * after a bounded number of reconnect attempts so the caller's own retry loop takes over.
 */
export function createRedis(
  url: string,
  commandTimeoutMs: number,
  name: string,
  options: { resendAfterReconnect?: boolean; disconnectTimeoutMs?: number } = {},
): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    commandTimeout: commandTimeoutMs,
    // A blocking XREADGROUP resent after a reconnect, when its caller already gave up on it (timeout), would move
    // entries into the consumer's pending list with nobody to handle them: readers turn resending off.
    autoResendUnfulfilledCommands: options.resendAfterReconnect ?? true,
    maxRetriesPerRequest: 2,
    retryStrategy: (times) => Math.min(2_000, 50 * 2 ** Math.min(times, 6)),
    enableAutoPipelining: true,
    // How long a disconnected socket may wait for Redis to close it before it is destroyed (ioredis: 2 s).
    ...(options.disconnectTimeoutMs === undefined ? {} : { disconnectTimeout: options.disconnectTimeoutMs }),
  });
  let lastLoggedAt = 0;
  redis.on('error', (error: Error) => {
    if (Date.now() - lastLoggedAt < 5_000) return;
    lastLoggedAt = Date.now();
    logger.warn({ msg: 'redis connection error; reconnecting', connection: name, error: error.message });
  });
  return redis;
}
