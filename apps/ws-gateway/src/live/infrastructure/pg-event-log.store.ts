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
    const [result] = await this.appendMany([entry]);
    return result;
  }

  /**
   * Appends many entries in ONE transaction with multi-row statements, each once per event id; positions follow the
   * given order within each session. Returns one result per entry, in order (a redelivered or repeated entry gets the
   * row already logged).
   */
  async appendMany(entries: NewLogEntry[]): Promise<{ event: LoggedEvent; appended: boolean }[]> {
    if (entries.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      // Locks the sessions' head rows (in session order: two appenders never wait on each other in a cycle) until
      // commit: appends to one session commit one after another, in position order.
      const sessions = [...new Set(entries.map((entry) => entry.session_id))].sort();
      const heads: { session_id: string; last_position: string }[] = await manager.query(
        `INSERT INTO session_log_head (session_id, last_position) SELECT s, 0 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(s, n) ORDER BY n
         ON CONFLICT (session_id) DO UPDATE SET last_position = session_log_head.last_position RETURNING session_id, last_position`,
        [sessions],
      );
      const last = new Map(heads.map((head) => [head.session_id, Number(head.last_position)]));
      // Read under the locks: an earlier or concurrent delivery of the same event (lease handover) may have committed it.
      const logged: LogRow[] = await manager.query(`SELECT ${COLUMNS} FROM session_event_log WHERE event_id = ANY($1::uuid[])`, [entries.map((e) => e.event_id)]);
      const known = new Map(logged.map((row) => [row.event_id, toLogged(row)]));
      const results: { event: LoggedEvent; appended: boolean }[] = [];
      const rows: LoggedEvent[] = [];
      for (const entry of entries) {
        const existing = known.get(entry.event_id.toLowerCase());
        if (existing) {
          results.push({ event: existing, appended: false });
          continue;
        }
        const position = (last.get(entry.session_id) ?? 0) + 1;
        last.set(entry.session_id, position);
        const event = { ...entry, position };
        known.set(entry.event_id.toLowerCase(), event);
        rows.push(event);
        results.push({ event, appended: true });
      }
      if (rows.length === 0) return results;
      await manager.query(
        `INSERT INTO session_event_log (${COLUMNS})
         SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::jsonb[])`,
        [
          rows.map((r) => r.session_id), rows.map((r) => r.position), rows.map((r) => r.event_id), rows.map((r) => r.event_type),
          rows.map((r) => r.aggregate_id), rows.map((r) => r.sequence), rows.map((r) => r.occurred_at), rows.map((r) => r.correlation_id),
          rows.map((r) => r.causation_id), rows.map((r) => JSON.stringify(r.data)),
        ],
      );
      await manager.query(
        'UPDATE session_log_head AS h SET last_position = v.p FROM unnest($1::uuid[], $2::bigint[]) AS v(s, p) WHERE h.session_id = v.s',
        [[...last.keys()], [...last.values()]],
      );
      return results;
    });
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
