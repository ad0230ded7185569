import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { NotificationFacts, NotificationKind, NotificationState, QueuedNotification } from '../domain/notification';
import type { NewNotification, NotificationMetadata, NotificationOutbox, Tx } from '../application/ports';

/** One sender at a time in the whole deployment (all replicas), so notifications go out in the order they were created. */
const SENDER_LOCK = [0x6e6f7466, 1] as const; // 'notf', 1

interface NotificationRow {
  id: string;
  notification_key: string;
  kind: NotificationKind;
  user_id: string | null;
  facts: NotificationFacts;
  attempts: number;
  created_at: Date;
}

const METADATA_COLUMNS = `id::text, kind, state, user_id, attempts,
  CASE WHEN state = 'pending' THEN to_char(next_attempt_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS next_attempt_at,
  last_error, source_event_id, correlation_id,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS finished_at`;

@Injectable()
export class PgNotificationOutbox implements NotificationOutbox {
  constructor(private readonly dataSource: DataSource) {}

  async enqueue(tx: Tx, n: NewNotification): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO notifications (notification_key, kind, user_id, facts, source_event_id, correlation_id)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6) ON CONFLICT (notification_key) DO NOTHING RETURNING id`,
      [n.key, n.kind, n.userId, JSON.stringify(n.facts), n.sourceEventId, n.correlationId],
    );
    return inserted.length > 0;
  }

  async withNextDue<T>(work: (tx: Tx, notification: QueuedNotification) => Promise<T>) {
    type Result = { kind: 'done'; result: T } | { kind: 'idle'; nextDueAt: Date | null } | { kind: 'locked' };
    return this.dataSource.transaction(async (tx): Promise<Result> => {
      const [lock]: { locked: boolean }[] = await tx.query('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [...SENDER_LOCK]);
      if (!lock.locked) return { kind: 'locked' };
      const rows: NotificationRow[] = await tx.query(
        `SELECT id::text, notification_key, kind, user_id, facts, attempts, created_at FROM notifications
         WHERE state = 'pending' AND next_attempt_at <= now() ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) {
        const [next]: { at: Date | null }[] = await tx.query(`SELECT min(next_attempt_at) AS at FROM notifications WHERE state = 'pending'`);
        return { kind: 'idle', nextDueAt: next.at };
      }
      const row = rows[0];
      const notification: QueuedNotification = {
        id: row.id, key: row.notification_key, kind: row.kind, userId: row.user_id, facts: row.facts, attempts: row.attempts, createdAt: row.created_at,
      };
      return { kind: 'done', result: await work(tx, notification) };
    });
  }

  async markSent(tx: Tx, id: string): Promise<void> {
    await tx.query(`UPDATE notifications SET state = 'sent', attempts = attempts + 1, last_error = NULL, finished_at = now() WHERE id = $1`, [id]);
  }

  async markFinished(tx: Tx, id: string, state: 'failed' | 'skipped', error: string, attempted: boolean): Promise<void> {
    await tx.query(
      `UPDATE notifications SET state = $2, attempts = attempts + $3, last_error = $4, finished_at = now() WHERE id = $1`,
      [id, state, attempted ? 1 : 0, error],
    );
  }

  async reschedule(tx: Tx, id: string, retryAt: Date, error: string, attempted: boolean): Promise<void> {
    await tx.query(
      'UPDATE notifications SET attempts = attempts + $2, next_attempt_at = $3, last_error = $4 WHERE id = $1',
      [id, attempted ? 1 : 0, retryAt, error],
    );
  }

  async list(filter: { state?: NotificationState; limit: number; offset: number }): Promise<{ items: NotificationMetadata[]; total: number }> {
    const where = filter.state ? 'WHERE state = $1' : '';
    const params = filter.state ? [filter.state] : [];
    const page = `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    const items: NotificationMetadata[] = await this.dataSource.query(
      `SELECT ${METADATA_COLUMNS} FROM notifications ${where} ORDER BY id DESC ${page}`,
      [...params, filter.limit, filter.offset],
    );
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM notifications ${where}`, params);
    return { items, total };
  }

  async pendingStats(): Promise<{ count: number; oldestCreatedAt: Date | null }> {
    const [row]: { count: number; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count, min(created_at) AS oldest FROM notifications WHERE state = 'pending'`,
    );
    return { count: row.count, oldestCreatedAt: row.oldest };
  }
}
