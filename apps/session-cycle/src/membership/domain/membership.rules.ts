import type { BusinessRule } from '../../shared/domain/business-rule';
import { InvalidTransitionError, MembershipNotActiveError, TierDowngradeError, ValidationError } from '../../shared/domain/domain-errors';
import { tierRank, type MembershipTier } from './membership-tier';
import { MEMBERSHIP_IN_FORCE, MEMBERSHIP_TRANSITIONS, type MembershipStatus } from './membership-status';

export const EMAIL_MAX = 320;
export const CANCEL_REASON_MAX = 2000;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** An upgrade must raise the tier (free < monthly < annual); the same tier or a lower one is refused. */
export class TierUpgradeRule implements BusinessRule {
  readonly name = 'TierUpgrade';
  constructor(
    private readonly from: MembershipTier,
    private readonly to: MembershipTier,
  ) {}
  isBroken(): boolean {
    return tierRank(this.to) <= tierRank(this.from);
  }
  error(): TierDowngradeError {
    return new TierDowngradeError(this.from, this.to);
  }
}

/** Upgrading needs a membership in force (active or past_due). */
export class MembershipInForceRule implements BusinessRule {
  readonly name = 'MembershipInForce';
  constructor(private readonly status: MembershipStatus) {}
  isBroken(): boolean {
    return !MEMBERSHIP_IN_FORCE.includes(this.status);
  }
  error(): MembershipNotActiveError {
    return new MembershipNotActiveError(this.status);
  }
}

export class MembershipTransitionAllowedRule implements BusinessRule {
  readonly name = 'MembershipTransitionAllowed';
  constructor(
    private readonly from: MembershipStatus,
    private readonly to: MembershipStatus,
  ) {}
  isBroken(): boolean {
    return !MEMBERSHIP_TRANSITIONS[this.from].includes(this.to);
  }
  error(): InvalidTransitionError {
    return new InvalidTransitionError('membership', this.from, this.to);
  }
}

/** The address the notifier writes to: trimmed, at most 320 characters, one "@". */
export class MembershipEmailRule implements BusinessRule {
  readonly name = 'MembershipEmail';
  constructor(private readonly email: unknown) {}
  isBroken(): boolean {
    return typeof this.email !== 'string' || this.email.trim().length > EMAIL_MAX || !EMAIL_SHAPE.test(this.email.trim());
  }
  error(): ValidationError {
    return new ValidationError('email is not a valid address', [{ field: 'email', message: 'must be an email address (at most 320 characters)' }]);
  }
}

/** Optional; when given, at most 2000 characters. */
export class CancelReasonRule implements BusinessRule {
  readonly name = 'CancelReason';
  constructor(private readonly reason: unknown) {}
  isBroken(): boolean {
    if (this.reason === null || this.reason === undefined) return false;
    return typeof this.reason !== 'string' || this.reason.trim().length > CANCEL_REASON_MAX;
  }
  error(): ValidationError {
    return new ValidationError('reason is invalid', [{ field: 'reason', message: `must be a string of at most ${CANCEL_REASON_MAX} characters` }]);
  }
}
