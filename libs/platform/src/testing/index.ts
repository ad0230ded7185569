export * from './test-database';
export * from './wait-for';
export * from './redis-server';
export * from './platform-test-env';
