export * from './dead-letter-replay.service';
export * from './dead-letter-admin.controller';
export * from './dead-letter-admin.module';
