export * from './consumer.migrations';
export * from './run-idempotent';
export * from './dead-letter.store';
