import type { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import type { PlatformLogger } from '../logging/logger';
import { describeError } from '../logging/describe-error';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One hit, atomically: a fixed window of ARGV[1] ms counted in KEYS[1]; past ARGV[2] hits the client is blocked for
 * ARGV[3] ms (KEYS[2]); the first hit after a block starts a new window. Returns {hits, window ms left, blocked 0/1,
 * block ms left}. The keys and their meaning are @nest-lab/throttler-storage-redis 1.2.0's (the storage used before),
 * so replicas of either version share one budget during a rolling deploy.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  ttl = tonumber(ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ttl)
end
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl == -2 then
  if hits <= tonumber(ARGV[2]) then return {hits, ttl, 0, 0} end
  blockTtl = tonumber(ARGV[3])
  redis.call('SET', KEYS[2], 1, 'PX', blockTtl)
end
if blockTtl <= 0 then
  redis.call('DEL', KEYS[2])
  redis.call('SET', KEYS[1], 1, 'PX', ARGV[1])
  return {1, tonumber(ARGV[1]), 0, 0}
end
return {hits, ttl, 1, blockTtl}
`;

type HitReply = [hits: number, ttlMs: number, blocked: number, blockTtlMs: number];
type RateLimitRedis = Redis & {
  rateLimitHit(hitKey: string, blockKey: string, ttlMs: number, limit: number, blockMs: number): Promise<HitReply>;
};

/**
 * Rate-limit counters in Redis, so a limit holds across every replica of a service: one round trip per hit (EVALSHA
 * of a script Redis has cached; ioredis sends the script itself only after a NOSCRIPT, e.g. once after a Redis
 * restart). Redis trouble must not take the API down with it: a hit that Redis cannot count within REDIS_TIMEOUT_MS
 * is counted in this process instead (the per-replica limit), and the switch is logged once per outage.
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: RateLimitRedis;
  private readonly local = new ThrottlerStorageService();
  private degraded = false;

  constructor(redisUrl: string, connectionName: string, private readonly logger?: PlatformLogger) {
    const redis = new Redis(redisUrl, {
      connectionName,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    // Failures surface through increment(); without a listener ioredis prints every reconnect error.
    redis.on('error', () => undefined);
    redis.defineCommand('rateLimitHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
    this.redis = redis as RateLimitRedis;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      const record = await this.sharedIncrement(key, ttl, limit, blockDuration, throttlerName);
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

  private async sharedIncrement(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const slot = `{${key}:${throttlerName}}`;
    const reply = await this.redis.rateLimitHit(`${slot}:hits`, `${slot}:blocked`, ttl, limit, blockDuration);
    if (!Array.isArray(reply) || reply.length !== 4 || !reply.every((value) => typeof value === 'number')) {
      throw new TypeError('unexpected rate limit script reply');
    }
    const [totalHits, ttlMs, blocked, blockTtlMs] = reply;
    return { totalHits, timeToExpire: Math.ceil(ttlMs / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockTtlMs / 1000) };
  }
}

const REDIS_TIMEOUT_MS = 500;

/** Redis when the service has one; without (the one-process `npm start`, in-process broker) the in-memory storage. */
export function rateLimitStorage(redisUrl: string | undefined, service: string, logger?: PlatformLogger): ThrottlerStorage {
  return redisUrl ? new SharedThrottlerStorage(redisUrl, `${service}:rate-limit`, logger) : new ThrottlerStorageService();
}
