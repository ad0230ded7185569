export * from './event-bus';
export * from './in-memory-event-bus';
