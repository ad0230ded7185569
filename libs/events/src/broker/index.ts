export * from './stream-broker';
export * from './redis-stream-broker';
export * from './in-process-stream-broker';
export * from './stream-trimmer';
