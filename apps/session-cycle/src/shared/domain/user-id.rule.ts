import type { BusinessRule } from './business-rule';
import { ValidationError } from './domain-errors';

export const USER_ID_MAX = 200;

/** A user id (the token's `sub`) is an opaque non-blank string of at most 200 characters (the events' bound). */
export class UserIdRule implements BusinessRule {
  readonly name = 'UserId';
  constructor(private readonly userId: unknown) {}
  isBroken(): boolean {
    return typeof this.userId !== 'string' || this.userId.trim().length === 0 || this.userId.length > USER_ID_MAX;
  }
  error(): ValidationError {
    return new ValidationError('user id is invalid', [{ field: 'user_id', message: `must be a non-blank string of at most ${USER_ID_MAX} characters` }]);
  }
}
