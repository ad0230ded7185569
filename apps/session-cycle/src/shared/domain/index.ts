export * from './business-rule';
export * from './domain-errors';
export * from './user-id.rule';
