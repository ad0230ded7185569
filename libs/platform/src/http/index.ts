export * from './configure-http';
export * from './bootstrap-service';
export * from './stream-consumer';
export * from './stream-exception.filter';
export * from './entry-routes';
export * from './access-log';
