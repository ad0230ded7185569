export * from './aggregate-root';
export * from './business-rule';
export * from './domain-errors';
export * from './validation';
export * from './user-id.rule';
