import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import { IdempotencyRepository, type IdempotencyRecord } from '../application/idempotency-repository.port';

/** Idempotency-Key of POST messages (API.md), per user, stored with the user message it created. */
@Injectable()
export class PgIdempotencyRepository implements IdempotencyRepository {
  constructor(private readonly scope: TransactionScope) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    const rows: Array<Record<string, any>> = await this.scope.manager().query(
      'SELECT conversation_id, request_hash, user_message_id, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    const row = rows[0];
    return row && { conversationId: row.conversation_id, requestHash: row.request_hash, userMessageId: row.user_message_id, response: row.response };
  }

  async insert(userId: string, key: string, record: Omit<IdempotencyRecord, 'response'>): Promise<void> {
    await this.scope.manager().query(
      'INSERT INTO idempotency_keys (user_id, key, conversation_id, request_hash, user_message_id) VALUES ($1, $2, $3, $4, $5)',
      [userId, key, record.conversationId, record.requestHash, record.userMessageId],
    );
  }

  /** The first complete answer for the request that stored `userMessageId` (whichever route produced the reply). */
  async complete(userMessageId: string, response: unknown): Promise<void> {
    await this.scope.manager().query('UPDATE idempotency_keys SET response = $2 WHERE user_message_id = $1 AND response IS NULL', [userMessageId, JSON.stringify(response)]);
  }
}
