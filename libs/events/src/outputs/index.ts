/**
 * The nine component output schemas and their small schema language: framework-free (no Nest, TypeORM or
 * class-validator), so domain code imports `@choice-sherpa/events/outputs` directly.
 */
export * from './schema';
export { isUuid, PROTOTYPE_KEYS, UUID_PATTERN } from './plain-values';
export * from './component-output';
export * from './completion';
export { LIMITS as OUTPUT_LIMITS, ID_PATTERN } from './bounds';
export { DQ_ELEMENT_NAMES, type DqElementName } from './decision-quality.output';
export { RATING_MIN, RATING_MAX, UNCERTAINTY_LEVELS, cellKey } from './consequences.output';
export { PRIORITIES } from './issue-raising.output';
export { DIRECTIONS } from './objectives.output';
export { CONSTRAINT_TYPES } from './problem-frame.output';
export { COMPONENT_TYPES, isComponentType, MEMBERSHIP_TIERS, MESSAGE_ROLES, type ComponentType, type MembershipTier, type MessageRole } from './domain-vocabulary';
