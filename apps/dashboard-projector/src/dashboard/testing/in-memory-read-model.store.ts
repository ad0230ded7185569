import type { ComponentType } from '../domain/component-types';
import type { AnalysisRecord, ComponentHistoryEntry, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from '../domain/read-model';
import type { ReadModelStore, SequenceGap } from '../domain/read-model.store';
import { aggregateKey, byPosition, SequencePosition, SequenceSource } from '../domain/sequence-position';

/** The read model in memory: unit tests of the projection, and a reference for the PostgreSQL store's behaviour. */
export class InMemoryReadModelStore implements ReadModelStore {
  readonly positions = new Map<string, number>();
  readonly gaps: SequenceGap[] = [];
  readonly sessions = new Map<string, SessionRecord>();
  readonly cycles = new Map<string, CycleRecord>();
  readonly components = new Map<string, ComponentRecord>();
  readonly history: ComponentHistoryEntry[] = [];
  readonly conversations = new Map<string, ConversationRecord>();
  readonly analyses = new Map<string, AnalysisRecord>();

  async lastSequence(source: SequenceSource, key: string) {
    return this.positions.get(`${source}|${key}`);
  }
  async saveSequence(source: SequenceSource, key: string, sequence: number) {
    this.positions.set(`${source}|${key}`, sequence);
  }
  async recordGap(gap: SequenceGap) {
    this.gaps.push(gap);
  }
  async session(id: string) {
    return this.sessions.get(id);
  }
  async saveSession(record: SessionRecord) {
    this.sessions.set(record.session_id, record);
  }
  async cycle(id: string) {
    return this.cycles.get(id);
  }
  async saveCycle(record: CycleRecord) {
    this.cycles.set(record.cycle_id, record);
  }
  async component(cycleId: string, type: ComponentType) {
    return this.components.get(`${cycleId}|${type}`);
  }
  async saveComponent(record: ComponentRecord, entry: ComponentHistoryEntry) {
    this.components.set(`${record.cycle_id}|${record.component_type}`, record);
    this.history.push(entry);
  }
  async conversation(id: string) {
    return this.conversations.get(id);
  }
  async saveConversation(record: ConversationRecord) {
    this.conversations.set(record.conversation_id, record);
  }
  async analysis(cycleId: string) {
    return this.analyses.get(cycleId);
  }
  async saveAnalysis(record: AnalysisRecord) {
    this.analyses.set(record.cycle_id, record);
  }

  /** Everything stored about one session, as the query side loads it. */
  recordsOf(sessionId: string) {
    const cycles = [...this.cycles.values()].filter((c) => c.session_id === sessionId);
    const cycleIds = new Set(cycles.map((c) => c.cycle_id));
    const conversations = [...this.conversations.values()].filter((c) => c.session_id === sessionId);
    const keys = new Set([
      aggregateKey('session', sessionId),
      ...cycles.map((c) => aggregateKey('cycle', c.cycle_id)),
      ...conversations.map((c) => aggregateKey('conversation', c.conversation_id)),
    ]);
    const positions: SequencePosition[] = [...this.positions]
      .map(([key, sequence]) => {
        const [source, aggregate_key] = key.split('|') as [SequenceSource, string];
        return { source, aggregate_key, sequence };
      })
      .filter((p) => keys.has(p.aggregate_key))
      .sort(byPosition);
    return {
      session: this.sessions.get(sessionId),
      cycles,
      components: [...this.components.values()].filter((c) => c.session_id === sessionId),
      history: this.history.filter((h) => cycleIds.has(h.record.cycle_id)),
      conversations,
      analyses: [...this.analyses.values()].filter((a) => a.session_id === sessionId),
      positions,
    };
  }
}
