export * from './outbox.migrations';
export * from './outbox-writer';
export * from './unit-of-work';
export * from './outbox-relay';
export type { OutboxRelayOptions } from './outbox-relay.options';
export * from './outbox.module';
export { aggregateHash } from './aggregate-hash';
export { markTransaction, afterMarkedCommits } from './commit-wakeup';
