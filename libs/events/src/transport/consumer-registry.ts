import type { RedisStreamsServer } from './stream-transport.server';

/** Servers of this process by consumer group, so the dead-letter admin API can replay through their handlers. */
export const consumerRegistry = new Map<string, RedisStreamsServer>();
