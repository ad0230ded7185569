import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LoggedEvent } from '../domain/logged-event';
import type { EventLogReader, EventLogWriter, NewLogEntry } from '../application/ports';

interface LogRow {
  session_id: string;
  position: string;
  event_id: string;
  event_type: string;
  aggregate_id: string;
  sequence: number;
  occurred_at: string;
  correlation_id: string | null;
  causation_id: string | null;
  payload: Record<string, unknown>;
}

const COLUMNS = 'session_id, position, event_id, event_type, aggregate_id, sequence, occurred_at, correlation_id, causation_id, payload';

function toLogged(row: LogRow): LoggedEvent {
  return {
    position: Number(row.position),
    event_id: row.event_id,
    event_type: row.event_type,
    session_id: row.session_id,
    aggregate_id: row.aggregate_id,
    occurred_at: row.occurred_at,
    sequence: row.sequence,
    correlation_id: row.correlation_id,
    causation_id: row.causation_id,
    data: row.payload,
  };
}

@Injectable()
export class PgEventLogStore implements EventLogReader, EventLogWriter {
  constructor(private readonly dataSource: DataSource) {}

  async append(entry: NewLogEntry): Promise<{ event: LoggedEvent; appended: boolean }> {
    const existing = await this.byEventId(entry.event_id);
    if (existing) return { event: existing, appended: false };
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Locks the session's head row until commit: appends to one session commit one after another, in position order.
      const [head]: { last_position: string }[] = await runner.query(
        `INSERT INTO session_log_head (session_id, last_position) VALUES ($1, 1)
         ON CONFLICT (session_id) DO UPDATE SET last_position = session_log_head.last_position + 1 RETURNING last_position`,
        [entry.session_id],
      );
      // Read again under the lock: a concurrent delivery of the same event (lease handover) may have just committed it.
      const raced: LogRow[] = await runner.query(`SELECT ${COLUMNS} FROM session_event_log WHERE event_id = $1`, [entry.event_id]);
      if (raced.length > 0) {
        await runner.rollbackTransaction();
        return { event: toLogged(raced[0]), appended: false };
      }
      const position = Number(head.last_position);
      await runner.query(
        `INSERT INTO session_event_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          entry.session_id,
          position,
          entry.event_id,
          entry.event_type,
          entry.aggregate_id,
          entry.sequence,
          entry.occurred_at,
          entry.correlation_id,
          entry.causation_id,
          JSON.stringify(entry.data),
        ],
      );
      await runner.commitTransaction();
      return { event: { ...entry, position }, appended: true };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  async readAfter(sessionId: string, after: number, limit: number): Promise<LoggedEvent[]> {
    const rows: LogRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM session_event_log WHERE session_id = $1 AND position > $2 ORDER BY position LIMIT $3`,
      [sessionId, after, limit],
    );
    return rows.map(toLogged);
  }

  async positionOf(sessionId: string, eventId: string): Promise<number | null> {
    const rows: { position: string }[] = await this.dataSource.query(
      'SELECT position FROM session_event_log WHERE session_id = $1 AND event_id = $2',
      [sessionId, eventId],
    );
    return rows.length > 0 ? Number(rows[0].position) : null;
  }

  async head(sessionId: string): Promise<number> {
    const rows: { last_position: string }[] = await this.dataSource.query('SELECT last_position FROM session_log_head WHERE session_id = $1', [sessionId]);
    return rows.length > 0 ? Number(rows[0].last_position) : 0;
  }

  async heads(sessionIds: readonly string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const rows: { session_id: string; last_position: string }[] = await this.dataSource.query(
      'SELECT session_id, last_position FROM session_log_head WHERE session_id = ANY($1::uuid[])',
      [sessionIds],
    );
    return new Map(rows.map((row) => [row.session_id, Number(row.last_position)]));
  }

  /** Deletes up to `batch` rows logged before `cutoff`; returns how many. */
  async deleteOlderThan(cutoff: Date, batch: number): Promise<number> {
    // TypeORM returns [rows, affected] for DELETE on PostgreSQL.
    const result: [unknown[], number] = await this.dataSource.query(
      'DELETE FROM session_event_log WHERE ctid IN (SELECT ctid FROM session_event_log WHERE logged_at < $1 LIMIT $2)',
      [cutoff, batch],
    );
    return result[1];
  }

  private async byEventId(eventId: string): Promise<LoggedEvent | null> {
    const rows: LogRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM session_event_log WHERE event_id = $1`, [eventId]);
    return rows.length > 0 ? toLogged(rows[0]) : null;
  }
}
