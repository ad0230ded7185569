import type Redis from 'ioredis';
import type { LeaseStore } from './stream-broker';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Leases as Redis keys (SET NX PX, renewed and deleted by their holder only); heartbeats in a sorted set. */
export class RedisLeaseStore implements LeaseStore {
  constructor(private readonly redis: Redis) {}

  async heartbeat(key: string, replica: string, now: number, ttlMs: number): Promise<number> {
    await this.redis.zadd(key, now, replica);
    await this.redis.zremrangebyscore(key, '-inf', now - ttlMs);
    return this.redis.zcard(key);
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
