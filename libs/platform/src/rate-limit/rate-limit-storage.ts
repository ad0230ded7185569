import type { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { PlatformLogger } from '../logging/logger';
import { describeError } from '../logging/describe-error';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Rate-limit counters in Redis (@nest-lab/throttler-storage-redis: one atomic script per hit), so a limit holds
 * across every replica of a service. Redis trouble must not take the API down with it: a hit that Redis cannot
 * count within REDIS_TIMEOUT_MS is counted in this process instead (the per-replica limit), and the switch is
 * logged once per outage.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(redisUrl: string, connectionName: string, private readonly logger?: PlatformLogger) {
    this.redis = new Redis(redisUrl, {
      connectionName,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    // Failures surface through increment(); without a listener ioredis prints every reconnect error.
    this.redis.on('error', () => undefined);
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.degraded) {
        this.degraded = false;
        this.logger?.info('rate limit counters back in Redis');
      }
      return record;
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger?.warn({ error: describeError(error) }, 'rate limit counters unavailable in Redis; counting in this process');
      }
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}

const REDIS_TIMEOUT_MS = 500;

/** Redis when the service has one; without (the one-process `npm start`, in-process broker) the in-memory storage. */
export function rateLimitStorage(redisUrl: string | undefined, service: string, logger?: PlatformLogger): ThrottlerStorage {
  return redisUrl ? new SharedThrottlerStorage(redisUrl, `${service}:rate-limit`, logger) : new ThrottlerStorageService();
}
