export * from './session.aggregate';
export * from './session.rules';
export * from './session.snapshot';
export * from './session-status';
