import type { EntityManager } from 'typeorm';
import type { ComponentType } from '../domain/component-types';
import type { AnalysisRecord, ComponentHistoryEntry, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from '../domain/read-model';
import type { ReadModelStore, SequenceGap } from '../domain/read-model.store';
import type { SequenceSource } from '../domain/sequence-position';

/** The read model in PostgreSQL, inside the handler's transaction (the processed_events row commits with it). */
export class PgReadModelStore implements ReadModelStore {
  constructor(private readonly manager: EntityManager) {}

  async lastSequence(source: SequenceSource, aggregateKey: string): Promise<number | undefined> {
    const rows: Array<{ last_sequence: number }> = await this.manager.query(
      'SELECT last_sequence FROM dashboard_positions WHERE source = $1 AND aggregate_key = $2 FOR UPDATE',
      [source, aggregateKey],
    );
    return rows[0]?.last_sequence;
  }

  async saveSequence(source: SequenceSource, aggregateKey: string, sequence: number): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_positions (source, aggregate_key, last_sequence) VALUES ($1, $2, $3)
       ON CONFLICT (source, aggregate_key) DO UPDATE SET last_sequence = EXCLUDED.last_sequence`,
      [source, aggregateKey, sequence],
    );
  }

  async recordGap(gap: SequenceGap): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_sequence_gaps (source, aggregate_key, expected, received, event_id, event_type)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [gap.source, gap.aggregate_key, gap.expected, gap.received, gap.event_id, gap.event_type],
    );
  }

  session(sessionId: string): Promise<SessionRecord | undefined> {
    return this.doc('SELECT doc FROM dashboard_sessions WHERE session_id = $1', [sessionId]);
  }

  async saveSession(record: SessionRecord): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_sessions (session_id, user_id, doc) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (session_id) DO UPDATE SET user_id = EXCLUDED.user_id, doc = EXCLUDED.doc`,
      [record.session_id, record.user_id, JSON.stringify(record)],
    );
  }

  cycle(cycleId: string): Promise<CycleRecord | undefined> {
    return this.doc('SELECT doc FROM dashboard_cycles WHERE cycle_id = $1', [cycleId]);
  }

  async saveCycle(record: CycleRecord): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_cycles (cycle_id, session_id, doc) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (cycle_id) DO UPDATE SET session_id = EXCLUDED.session_id, doc = EXCLUDED.doc`,
      [record.cycle_id, record.session_id, JSON.stringify(record)],
    );
  }

  component(cycleId: string, type: ComponentType): Promise<ComponentRecord | undefined> {
    return this.doc('SELECT doc FROM dashboard_components WHERE cycle_id = $1 AND component_type = $2', [cycleId, type]);
  }

  async saveComponent(record: ComponentRecord, history: ComponentHistoryEntry): Promise<void> {
    const doc = JSON.stringify(record);
    await this.manager.query(
      `INSERT INTO dashboard_components (cycle_id, component_type, session_id, doc) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (cycle_id, component_type) DO UPDATE SET session_id = EXCLUDED.session_id, doc = EXCLUDED.doc`,
      [record.cycle_id, record.component_type, record.session_id, doc],
    );
    await this.manager.query(
      `INSERT INTO dashboard_component_history (cycle_id, sequence, component_type, session_id, occurred_at, doc)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [record.cycle_id, history.sequence, record.component_type, record.session_id, history.occurred_at, doc],
    );
  }

  conversation(conversationId: string): Promise<ConversationRecord | undefined> {
    return this.doc('SELECT doc FROM dashboard_conversations WHERE conversation_id = $1', [conversationId]);
  }

  async saveConversation(record: ConversationRecord): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_conversations (conversation_id, session_id, doc) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (conversation_id) DO UPDATE SET session_id = EXCLUDED.session_id, doc = EXCLUDED.doc`,
      [record.conversation_id, record.session_id, JSON.stringify(record)],
    );
  }

  analysis(cycleId: string): Promise<AnalysisRecord | undefined> {
    return this.doc('SELECT doc FROM dashboard_analyses WHERE cycle_id = $1', [cycleId]);
  }

  async saveAnalysis(record: AnalysisRecord): Promise<void> {
    await this.manager.query(
      `INSERT INTO dashboard_analyses (cycle_id, session_id, doc) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (cycle_id) DO UPDATE SET session_id = EXCLUDED.session_id, doc = EXCLUDED.doc`,
      [record.cycle_id, record.session_id, JSON.stringify(record)],
    );
  }

  private async doc<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    const rows: Array<{ doc: T }> = await this.manager.query(sql, params);
    return rows[0]?.doc;
  }
}
