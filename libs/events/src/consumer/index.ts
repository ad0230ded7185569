export * from './consumer.migrations';
export * from './run-idempotent';
export * from './dead-letter.store';
export * from './dead-letter-replay.service';
export * from './dead-letter-admin.controller';
export * from './dead-letter-admin.module';
