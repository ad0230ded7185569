export * from './correlation-context';
export * from './correlation-id.middleware';
