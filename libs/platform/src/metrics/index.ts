export * from './default-metrics';
export * from './http-metrics.middleware';
export * from './metrics.controller';
