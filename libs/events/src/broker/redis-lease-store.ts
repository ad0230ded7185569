import type Redis from 'ioredis';
import type { LeaseStore } from './stream-broker';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Leases as Redis keys (SET NX PX, renewed and deleted by their holder only); heartbeats in a sorted set. */
export class RedisLeaseStore implements LeaseStore {
  constructor(private readonly redis: Redis) {}

  /** One round trip (the three commands pipelined, in order). */
  async heartbeat(key: string, replica: string, now: number, ttlMs: number): Promise<number> {
    const results = await this.redis.pipeline().zadd(key, now, replica).zremrangebyscore(key, '-inf', now - ttlMs).zcard(key).exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('redis pipeline returned no results');
    return results[2][1] as number;
  }

  async leave(key: string, replica: string): Promise<void> {
    await this.redis.zrem(key, replica);
  }

  async acquire(key: string, replica: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, replica, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async renew(key: string, replica: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(RENEW, 1, key, replica, ttlMs)) === 1;
  }

  async release(key: string, replica: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, replica);
  }
}
