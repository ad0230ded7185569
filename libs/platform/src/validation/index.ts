export * from './forbidden-keys';
export * from './platform-validation.pipe';
