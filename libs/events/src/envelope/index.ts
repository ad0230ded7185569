export * from './event-envelope';
export * from './event-metadata';
export * from './event-factory';
export * from './aggregate-root';
