export * from './stream-transport.server';
export * from './redis-streams.context';
export * from './on-stream-event.decorator';
export * from './redis-streams.options';
export * from './handler-registry';
export * from './parse-seam';
export * from '../consumer';
export * from './service-consumer';
