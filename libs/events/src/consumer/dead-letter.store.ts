import type { DataSource } from 'typeorm';

export interface NewDeadLetter {
  eventId: string | null;
  eventType: string | null;
  stream: string;
  entryId: string;
  group: string;
  handler: string | null;
  rawFields: Record<string, string>;
  errorMessage: string;
  reasonCode: string;
  attempts: number;
  firstFailedAt: Date;
}

export interface DeadLetterRow {
  id: string;
  event_id: string | null;
  event_type: string | null;
  stream: string;
  entry_id: string;
  consumer_group: string;
  handler: string | null;
  raw_fields: Record<string, string>;
  error_message: string;
  reason_code: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  replayed_at: Date | null;
}

const LIST_COLUMNS =
  'id, event_id, event_type, stream, entry_id, consumer_group, handler, error_message, reason_code, attempts, first_failed_at, last_failed_at, replayed_at';

/** The service's dead_letter_events table (CONSUMER_MIGRATIONS). */
export class DeadLetterStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent per (stream, entry, group, handler): a redelivered poison entry updates its row. */
  async park(letter: NewDeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letter_events (event_id, event_type, stream, entry_id, consumer_group, handler, raw_fields,
         error_message, reason_code, attempts, first_failed_at, last_failed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (stream, entry_id, consumer_group, handler) DO UPDATE
         SET attempts = EXCLUDED.attempts, error_message = EXCLUDED.error_message, last_failed_at = now()`,
      [
        letter.eventId, letter.eventType, letter.stream, letter.entryId, letter.group, letter.handler,
        JSON.stringify(letter.rawFields), letter.errorMessage, letter.reasonCode, letter.attempts, letter.firstFailedAt,
      ],
    );
  }

  /** Metadata only, newest first; the raw entry is returned by `get`. */
  list(limit: number, offset: number): Promise<Omit<DeadLetterRow, 'raw_fields'>[]> {
    return this.dataSource.query(`SELECT ${LIST_COLUMNS} FROM dead_letter_events ORDER BY id DESC LIMIT $1 OFFSET $2`, [limit, offset]);
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT count(*)::int AS n FROM dead_letter_events');
    return row.n;
  }

  async get(id: string): Promise<DeadLetterRow | undefined> {
    const rows: DeadLetterRow[] = await this.dataSource.query('SELECT * FROM dead_letter_events WHERE id = $1', [id]);
    return rows[0];
  }

  async markReplayed(id: string): Promise<void> {
    await this.dataSource.query('UPDATE dead_letter_events SET replayed_at = now() WHERE id = $1', [id]);
  }

  async delete(id: string): Promise<boolean> {
    const [, affected] = await this.dataSource.query('DELETE FROM dead_letter_events WHERE id = $1', [id]);
    return affected > 0;
  }
}
