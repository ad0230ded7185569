export * from './dev-login.module';
