import { createHash } from 'node:crypto';

export interface IdempotencyRecord {
  conversationId: string;
  requestHash: string;
  userMessageId: string;
  /** The answer of the first request once it has one (null while its reply is missing). */
  response: unknown | null;
}

/** What a repeated request must match: the same conversation and content. */
export function requestHash(conversationId: string, content: string): string {
  return createHash('sha256').update(conversationId).update('\u0000').update(content).digest('hex');
}

/** Idempotency-Key of POST messages (API.md), per user, stored with the user message it created; implemented in infrastructure. */
export abstract class IdempotencyRepository {
  abstract find(userId: string, key: string): Promise<IdempotencyRecord | undefined>;
  abstract insert(userId: string, key: string, record: Omit<IdempotencyRecord, 'response'>): Promise<void>;
  /** The first complete answer for the request that stored `userMessageId` (whichever route produced the reply). */
  abstract complete(userMessageId: string, response: unknown): Promise<void>;
}
