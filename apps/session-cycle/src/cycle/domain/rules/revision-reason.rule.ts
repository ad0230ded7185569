import type { BusinessRule } from '../../../shared/domain/business-rule';
import { ValidationError } from '../../../shared/domain/domain-errors';

export const REVISION_REASON_MAX = 2000;

/** Marking for revision needs a reason: 1 to 2000 characters after trimming (the event's bound). */
export class RevisionReasonRule implements BusinessRule {
  readonly name = 'RevisionReason';
  constructor(private readonly reason: unknown) {}
  isBroken(): boolean {
    if (typeof this.reason !== 'string') return true;
    const trimmed = this.reason.trim();
    return trimmed.length < 1 || trimmed.length > REVISION_REASON_MAX;
  }
  error(): ValidationError {
    const message =
      typeof this.reason !== 'string' ? 'must be a string' : this.reason.trim().length === 0 ? 'must not be blank' : `too long (at most ${REVISION_REASON_MAX} characters)`;
    return new ValidationError(`reason ${message}`, [{ field: 'reason', message }]);
  }
}
