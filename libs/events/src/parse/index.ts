export type { ParseFailure, ParseFailureCode, ParseResult } from './parse-failure';
export { parseStreamEntry, parseEnvelopeJson, parseEnvelope } from './parse-event';
export type { ParseOptions } from './parse-event';
export * from './validate-pending-event';
export * from '../upcasting';
