export * from './api-error';
export * from './error-codes';
export * from './api-exception.filter';
