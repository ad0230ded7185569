/**
 * Refusals of the conversation domain. `kind` tells the HTTP layer the status (validation 400, forbidden 403,
 * not_found 404, conflict 409, unprocessable 422); `code` is what clients match on.
 */
export type ConversationErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable';

export abstract class ConversationError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ConversationErrorKind;
  constructor(
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidMessageError extends ConversationError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'validation';
  constructor(problem: string) {
    super(`content ${problem}`, [{ field: 'content', problems: [problem] }]);
  }
}

/** The component is complete: its output is locked until it is marked for revision. */
export class ComponentLockedError extends ConversationError {
  readonly code = 'COMPONENT_COMPLETE';
  readonly kind = 'conflict';
  constructor() {
    super('the component is complete; mark it for revision to change it');
  }
}

/** The last user message still waits for its reply: retry it with POST /reply first. */
export class ReplyPendingError extends ConversationError {
  readonly code = 'REPLY_PENDING';
  readonly kind = 'conflict';
  constructor() {
    super('the last message has no reply yet; POST /api/conversations/:id/reply to retry it');
  }
}

/** POST /reply when the last user message already has its reply. */
export class NothingToReplyError extends ConversationError {
  readonly code = 'ALREADY_REPLIED';
  readonly kind = 'conflict';
  constructor() {
    super('the last message already has a reply');
  }
}

/** A reply for this conversation is being generated right now (another request). */
export class ReplyInProgressError extends ConversationError {
  readonly code = 'REPLY_IN_PROGRESS';
  readonly kind = 'conflict';
  constructor() {
    super('a reply is being generated for this conversation; try again in a moment');
  }
}

export interface TierLimitDetails {
  limit: 'ai_messages_per_day';
  current: number;
  max: number;
  required_tier: string | null;
}

export class TierLimitError extends ConversationError {
  readonly code = 'TIER_LIMIT';
  readonly kind = 'forbidden';
  constructor(readonly limit: TierLimitDetails) {
    super(`tier limit reached: ai_messages_per_day (${limit.current} of ${limit.max})`, [limit]);
  }
}

/** Unknown, or not the caller's: the same answer, so nobody learns that someone else's conversation exists. */
export class ConversationNotFoundError extends ConversationError {
  readonly code = 'NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('conversation not found');
  }
}

/** The Idempotency-Key was used before for another request. */
export class IdempotencyKeyReusedError extends ConversationError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly kind = 'unprocessable';
  constructor() {
    super('this Idempotency-Key was used for a different request', [{ field: 'Idempotency-Key', problems: ['was used with another body'] }]);
  }
}
