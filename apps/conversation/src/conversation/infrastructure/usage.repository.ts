import { Injectable } from '@nestjs/common';
import { TransactionScope } from '@choice-sherpa/events';
import { UsageRepository } from '../application/usage-repository.port';

/** AI messages per user per UTC day, counted in the transaction that stores the message. */
@Injectable()
export class PgUsageRepository implements UsageRepository {
  constructor(private readonly scope: TransactionScope) {}

  /**
   * Counts one message if the user is under `max` (null = unlimited); returns the count after it, or null when
   * the limit was already reached. The row lock makes concurrent messages of one user take turns, so the limit is exact.
   */
  async consume(userId: string, day: string, max: number | null): Promise<number | null> {
    const rows: Array<{ count: number }> = await this.scope.manager().query(
      `INSERT INTO ai_message_usage (user_id, day, count) VALUES ($1, $2, 1)
       ON CONFLICT (user_id, day) DO UPDATE SET count = ai_message_usage.count + 1 WHERE ai_message_usage.count < $3
       RETURNING count`,
      [userId, day, max ?? 2_147_483_647],
    );
    if (rows.length > 0 && (max === null || rows[0].count <= max)) return rows[0].count;
    return null;
  }
}
