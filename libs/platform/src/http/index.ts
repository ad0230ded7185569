export * from './configure-http';
export * from './bootstrap-service';
