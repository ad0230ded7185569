import type { BusinessRule } from '../../shared/domain/business-rule';
import { InvalidTransitionError, SessionArchivedError, ValidationError } from '../../shared/domain/domain-errors';
import type { SessionStatus } from './session-status';

export const SESSION_TITLE_MAX = 500;
export const SESSION_DESCRIPTION_MAX = 5000;

function textProblem(value: unknown, min: number, max: number): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const trimmed = value.trim();
  if (trimmed.length < min) return 'must not be blank';
  if (trimmed.length > max) return `too long (at most ${max} characters)`;
  return null;
}

/** Title trimmed, 1 to 500 characters. */
export class SessionTitleRule implements BusinessRule {
  readonly name = 'SessionTitle';
  constructor(private readonly title: unknown) {}
  isBroken(): boolean {
    return textProblem(this.title, 1, SESSION_TITLE_MAX) !== null;
  }
  error(): ValidationError {
    const message = textProblem(this.title, 1, SESSION_TITLE_MAX) ?? 'invalid';
    return new ValidationError(`title ${message}`, [{ field: 'title', message }]);
  }
}

/** Description optional; when given, trimmed and at most 5000 characters (blank means none). */
export class SessionDescriptionRule implements BusinessRule {
  readonly name = 'SessionDescription';
  constructor(private readonly description: unknown) {}
  isBroken(): boolean {
    return this.description !== null && this.description !== undefined && textProblem(this.description, 0, SESSION_DESCRIPTION_MAX) !== null;
  }
  error(): ValidationError {
    const message = textProblem(this.description, 0, SESSION_DESCRIPTION_MAX) ?? 'invalid';
    return new ValidationError(`description ${message}`, [{ field: 'description', message }]);
  }
}

/** Rename, description changes and new cycles need an active session. */
export class SessionActiveRule implements BusinessRule {
  readonly name = 'SessionActive';
  constructor(private readonly status: SessionStatus) {}
  isBroken(): boolean {
    return this.status !== 'active';
  }
  error(): SessionArchivedError {
    return new SessionArchivedError();
  }
}

/** Archived is final: archiving twice is an invalid transition. */
export class SessionArchivableRule implements BusinessRule {
  readonly name = 'SessionArchivable';
  constructor(private readonly status: SessionStatus) {}
  isBroken(): boolean {
    return this.status !== 'active';
  }
  error(): InvalidTransitionError {
    return new InvalidTransitionError('session', this.status, 'archived');
  }
}
