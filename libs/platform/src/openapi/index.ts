export * from './api-fields';
export * from './error-response';
export * from './api-errors.decorator';
export * from './route-errors';
export * from './openapi-paths';
export * from './setup-openapi';
