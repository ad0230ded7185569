/**
 * Base of every payload class. The index signature says what the parser allows: a newer producer may add fields
 * (no version bump for additions), and it makes typed events assignable to the generic `EventEnvelope`.
 */
export abstract class EventPayload {
  [field: string]: unknown;
}
