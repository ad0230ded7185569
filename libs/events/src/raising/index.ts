// Builds typed events for the outbox: depends on envelope/ (the wire shape) and catalog/ (the types), never back.
export * from './event-factory';
export * from './aggregate-root';
