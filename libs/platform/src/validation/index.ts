export * from './forbidden-keys';
export * from './field-path';
export * from './text-rule';
export * from './platform-validation.pipe';
export * from './request-body.guard';
