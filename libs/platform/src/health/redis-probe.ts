import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';

/**
 * A small dedicated Redis connection for readiness PINGs; it reconnects by itself and never queues commands.
 * Disabled (no connection, no check) when the service uses no Redis (STREAM_BROKER=in-process).
 */
@Injectable()
export class RedisProbe implements OnModuleDestroy {
  private readonly redis?: Redis;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    if (!config.redisUrl) return;
    this.redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2_000,
      connectionName: `${config.service}:health`,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    });
    // Failures surface through ping(); without a listener ioredis prints every reconnect error.
    this.redis.on('error', () => undefined);
  }

  get enabled(): boolean {
    return this.redis !== undefined;
  }

  async ping(): Promise<void> {
    if (!this.redis) return;
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    const reply = await this.redis.ping();
    if (reply !== 'PONG') throw new Error(`unexpected PING reply ${reply}`);
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}
