export * from './service-name';
export * from './config-error';
export * from './platform-config';
export { EnvReader, type Env } from './env-reader';
export * from './setting-spec';
