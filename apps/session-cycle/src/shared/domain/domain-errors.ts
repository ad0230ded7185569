import type { FieldError } from '@choice-sherpa/events/outputs';

/**
 * Domain errors of the session-cycle service. Each has a stable `code` (clients and tests match on it) and a `kind`
 * that tells the HTTP layer which status to answer with, so the mapping lives in one place:
 *   validation -> 400, forbidden -> 403, not_found -> 404, conflict -> 409.
 * `rule` names the business rule that refused the change (see business-rule.ts), when one did.
 */
export type DomainErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict';

/** One invalid field: `field` is a path such as `fundamental_objectives[2].description`. */
export type { FieldError };

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  rule?: string;

  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A value given to a command breaks its bounds (title, reason, description, ...). */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  constructor(
    message: string,
    override readonly details: FieldError[],
  ) {
    super(message, details);
  }
}

/** A component output does not match its component's schema; `details` names every bad field. */
export class InvalidOutputError extends DomainError {
  readonly code = 'INVALID_OUTPUT';
  readonly kind = 'validation';
  constructor(
    readonly componentType: string,
    override readonly details: FieldError[],
  ) {
    super(`invalid ${componentType} output: ${details.map((e) => `${e.field}: ${e.message}`).join('; ')}`, details);
  }
}

/** A status change the state machine does not allow (e.g. complete -> in_progress, archiving an archived cycle). */
export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
  readonly kind = 'conflict';
  constructor(
    readonly what: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${what} cannot go from ${from} to ${to}`, { from, to });
  }
}

/** The component was never started (completing, revising, writing output or branching at it). */
export class ComponentNotStartedError extends DomainError {
  readonly code = 'COMPONENT_NOT_STARTED';
  readonly kind = 'conflict';
  constructor(readonly componentType: string) {
    super(`${componentType} has not been started`, { component_type: componentType });
  }
}

/** Starting a component whose prerequisite (the one before it) has not been started: no skipping ahead. */
export class PrerequisiteNotStartedError extends DomainError {
  readonly code = 'PREREQUISITE_NOT_STARTED';
  readonly kind = 'conflict';
  constructor(
    readonly componentType: string,
    readonly prerequisite: string,
  ) {
    super(`${componentType} needs ${prerequisite} to be started first`, { component_type: componentType, prerequisite });
  }
}

/** Writing output to a complete component: it is locked until marked for revision. */
export class OutputLockedError extends DomainError {
  readonly code = 'OUTPUT_LOCKED';
  readonly kind = 'conflict';
  constructor(readonly componentType: string) {
    super(`${componentType} is complete; mark it for revision before changing its output`, { component_type: componentType });
  }
}

/** The component's completion rule is not met; `details` lists what is missing. */
export class CompletionRuleError extends DomainError {
  readonly code = 'COMPLETION_RULE_UNMET';
  readonly kind = 'conflict';
  constructor(
    readonly componentType: string,
    readonly reasons: string[],
  ) {
    super(`${componentType} cannot be completed: ${reasons.join('; ')}`, reasons.map((message) => ({ field: componentType, message })));
  }
}

/** The cycle cannot be completed yet; `details.missing` lists the components that must be complete. */
export class CycleIncompleteError extends DomainError {
  readonly code = 'CYCLE_INCOMPLETE';
  readonly kind = 'conflict';
  constructor(readonly missing: string[]) {
    super(`the cycle needs these components complete: ${missing.join(', ')}`, { missing });
  }
}

/** Only an active cycle changes. */
export class CycleNotActiveError extends DomainError {
  readonly code = 'CYCLE_NOT_ACTIVE';
  readonly kind = 'conflict';
  constructor(readonly status: string) {
    super(`the cycle is ${status}; only an active cycle changes`, { status });
  }
}

/** Renaming, describing or adding cycles to an archived session. */
export class SessionArchivedError extends DomainError {
  readonly code = 'SESSION_ARCHIVED';
  readonly kind = 'conflict';
  constructor() {
    super('the session is archived');
  }
}

/** Over a tier limit (DOMAIN.md "Memberships and limits"): 403 with {limit, current, max, required_tier}. */
export interface TierLimitDetails {
  limit: 'active_sessions' | 'cycles_per_session' | 'ai_messages_per_day' | 'decision_quality';
  current: number;
  max: number;
  required_tier: string | null;
}

export class TierLimitError extends DomainError {
  readonly code = 'TIER_LIMIT';
  readonly kind = 'forbidden';
  constructor(override readonly details: TierLimitDetails) {
    super(`tier limit reached: ${details.limit} (${details.current} of ${details.max})`, details);
  }
}

/** An upgrade that does not raise the tier (same tier or a downgrade). */
export class TierDowngradeError extends DomainError {
  readonly code = 'TIER_DOWNGRADE';
  readonly kind = 'conflict';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`an upgrade must raise the tier (free < monthly < annual); ${from} -> ${to} is refused`, { from, to });
  }
}

/** The membership's status does not allow the change (e.g. upgrading a cancelled membership). */
export class MembershipNotActiveError extends DomainError {
  readonly code = 'MEMBERSHIP_NOT_ACTIVE';
  readonly kind = 'conflict';
  constructor(readonly status: string) {
    super(`the membership is ${status}`, { status });
  }
}
