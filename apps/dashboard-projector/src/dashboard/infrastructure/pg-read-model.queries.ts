import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ComponentHistoryEntry } from '../domain/read-model';
import { aggregateKey, byPosition, SEQUENCE_SOURCES, SequencePosition } from '../domain/sequence-position';
import type { SessionRecords } from '../domain/session-records';
import type { ReadModelQueries } from '../application/read-model-queries.port';

/** Reads whole sessions' records for the views (a session holds a handful of cycles: a few dozen rows). */
@Injectable()
export class PgReadModelQueries implements ReadModelQueries {
  constructor(private readonly dataSource: DataSource) {}

  async sessionIdsOwnedBy(userId: string): Promise<string[]> {
    const rows: Array<{ session_id: string }> = await this.dataSource.query('SELECT session_id FROM dashboard_sessions WHERE user_id = $1', [userId]);
    return rows.map((r) => r.session_id);
  }

  async sessionIdOfCycle(cycleId: string): Promise<string | undefined> {
    const rows: Array<{ session_id: string }> = await this.dataSource.query('SELECT session_id FROM dashboard_cycles WHERE cycle_id = $1', [cycleId]);
    return rows[0]?.session_id;
  }

  async sessionIdsOfCycles(cycleIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ cycle_id: string; session_id: string }> = await this.dataSource.query(
      'SELECT cycle_id, session_id FROM dashboard_cycles WHERE cycle_id = ANY($1::uuid[])',
      [cycleIds],
    );
    return new Map(rows.map((r) => [r.cycle_id, r.session_id]));
  }

  /** The records of each given session that exists, read in one transaction so a view never mixes two moments. */
  async sessionRecords(sessionIds: string[]): Promise<SessionRecords[]> {
    if (sessionIds.length === 0) return [];
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const docs = async <T>(table: string): Promise<T[]> =>
        (await manager.query(`SELECT doc FROM ${table} WHERE session_id = ANY($1::uuid[])`, [sessionIds])).map((r: { doc: T }) => r.doc);
      // one connection per transaction: the reads run one after another
      const sessions = await docs<SessionRecords['session']>('dashboard_sessions');
      const cycles = await docs<SessionRecords['cycles'][number]>('dashboard_cycles');
      const components = await docs<SessionRecords['components'][number]>('dashboard_components');
      const conversations = await docs<SessionRecords['conversations'][number]>('dashboard_conversations');
      const analyses = await docs<SessionRecords['analyses'][number]>('dashboard_analyses');
      // history is only read for branch copies: the components of cycles that have branches
      const parents = [...new Set(cycles.map((c) => c.parent_cycle_id).filter((id): id is string => id !== null))];
      const history: ComponentHistoryEntry[] =
        parents.length === 0
          ? []
          : (await manager.query('SELECT sequence, occurred_at, doc FROM dashboard_component_history WHERE cycle_id = ANY($1::uuid[])', [parents])).map(
              (r: { sequence: number; occurred_at: string; doc: ComponentHistoryEntry['record'] }) => ({ sequence: r.sequence, occurred_at: r.occurred_at, record: r.doc }),
            );
      const keyOwner = new Map<string, string>([
        ...sessions.map((s) => [aggregateKey('session', s.session_id), s.session_id] as const),
        ...cycles.map((c) => [aggregateKey('cycle', c.cycle_id), c.session_id] as const),
        ...conversations.map((c) => [aggregateKey('conversation', c.conversation_id), c.session_id] as const),
      ]);
      const positions: Array<SequencePosition & { session_id: string }> = (
        await manager.query(
          `SELECT source, aggregate_key, last_sequence FROM dashboard_positions
           WHERE source = ANY($1::text[]) AND aggregate_key = ANY($2::text[])`,
          [[...SEQUENCE_SOURCES], [...keyOwner.keys()]],
        )
      ).map((r: { source: SequencePosition['source']; aggregate_key: string; last_sequence: number }) => ({
        source: r.source,
        aggregate_key: r.aggregate_key,
        sequence: r.last_sequence,
        session_id: keyOwner.get(r.aggregate_key) ?? '',
      }));
      return sessions.map((session) => {
        const mine = <T extends { session_id: string }>(list: T[]) => list.filter((r) => r.session_id === session.session_id);
        return {
          session,
          cycles: mine(cycles),
          components: mine(components),
          history: history.filter((h) => h.record.session_id === session.session_id),
          conversations: mine(conversations),
          analyses: mine(analyses),
          positions: mine(positions)
            .map(({ source, aggregate_key, sequence }) => ({ source, aggregate_key, sequence }))
            .sort(byPosition),
        };
      });
    });
  }
}
