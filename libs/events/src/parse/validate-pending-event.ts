import type { EventEnvelope, PendingEvent } from '../envelope/event-envelope';
import { checkEvent } from './parse-event';
import type { ParseFailure } from './parse-failure';

export type EventValidation = { ok: true } | { ok: false; reason: ParseFailure };

/** Thrown by producers' guards: the event must not be written. The reason names fields, never values. */
export class InvalidEventError extends Error {
  constructor(readonly reason: ParseFailure) {
    super(`invalid event (${reason.code}): ${reason.message}`);
    this.name = 'InvalidEventError';
  }
}

/** The check an outbox writer runs before writing: the same rules as reading, at the current version only. */
export function validatePendingEvent(event: PendingEvent | EventEnvelope): EventValidation {
  const result = checkEvent(event, { requireSequence: false });
  return result.ok ? { ok: true } : result;
}

export function assertValidPendingEvent(event: PendingEvent | EventEnvelope): void {
  const result = validatePendingEvent(event);
  if (!result.ok) throw new InvalidEventError(result.reason);
}

/** Like assertValidPendingEvent, for an envelope that already has its `sequence`. */
export function assertValidEnvelope(event: EventEnvelope): void {
  const result = checkEvent(event, { requireSequence: true });
  if (!result.ok) throw new InvalidEventError(result.reason);
}
