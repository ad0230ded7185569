export * from './redis-streams.server';
export * from './redis-streams.client';
export * from './redis-streams.context';
export * from './redis-streams.options';
export * from './handler-registry';
export * from './parse-seam';
export * from './stream-trimmer';
export * from '../consumer';
