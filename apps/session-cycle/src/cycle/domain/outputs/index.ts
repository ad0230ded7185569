export * from './component-output';
export { LIMITS as OUTPUT_LIMITS, ID_PATTERN } from './bounds';
export { DQ_ELEMENT_NAMES, type DqElementName } from './decision-quality.output';
export { RATING_MIN, RATING_MAX, cellKey } from './consequences.output';
