export * from './logger';
export * from './pino-nest-logger';
export * from './logger.token';
export * from './logger-registry';
export * from './describe-error';
