import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PreferenceStore, Tx } from '../application/ports';

/** A user without a row has the defaults: cycle summaries on. */
@Injectable()
export class PgPreferenceStore implements PreferenceStore {
  constructor(private readonly dataSource: DataSource) {}

  async cycleSummaries(tx: Tx | null, userId: string): Promise<boolean> {
    const rows: { cycle_summaries: boolean }[] = await (tx ?? this.dataSource).query('SELECT cycle_summaries FROM notification_preferences WHERE user_id = $1', [userId]);
    return rows[0]?.cycle_summaries ?? true;
  }

  async setCycleSummaries(userId: string, enabled: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, cycle_summaries, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET cycle_summaries = EXCLUDED.cycle_summaries, updated_at = now()`,
      [userId, enabled],
    );
  }
}
