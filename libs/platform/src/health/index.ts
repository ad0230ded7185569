export * from './redis-probe';
export * from './readiness.service';
export * from './health.controller';
