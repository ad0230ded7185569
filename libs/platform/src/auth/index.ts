export * from './auth-user';
export * from './auth.decorators';
export * from './token-verifier';
export * from './jwt-auth.guard';
export * from './require-role.guard';
