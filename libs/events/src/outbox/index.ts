export * from './outbox.migrations';
export * from './outbox-writer';
export * from './unit-of-work';
export { aggregateHash } from './aggregate-hash';
