export * from './membership.aggregate';
export * from './membership.rules';
export * from './membership.snapshot';
export * from './membership-status';
export * from './membership-tier';
export * from './tier-limits';
