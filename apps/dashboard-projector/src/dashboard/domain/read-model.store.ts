import type { AnalysisRecord, ComponentHistoryEntry, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from './read-model';
import type { ComponentType } from './component-types';
import type { SequenceSource } from './sequence-position';

export interface SequenceGap {
  source: SequenceSource;
  aggregate_key: string;
  expected: number;
  received: number;
  event_id: string;
  event_type: string;
}

/** The write side of the read model, as the projection needs it; one implementation per storage (and one in memory). */
export interface ReadModelStore {
  /** Reads the position for update: callers hold it until their transaction ends. */
  lastSequence(source: SequenceSource, aggregateKey: string): Promise<number | undefined>;
  saveSequence(source: SequenceSource, aggregateKey: string, sequence: number): Promise<void>;
  recordGap(gap: SequenceGap): Promise<void>;

  session(sessionId: string): Promise<SessionRecord | undefined>;
  saveSession(record: SessionRecord): Promise<void>;
  cycle(cycleId: string): Promise<CycleRecord | undefined>;
  saveCycle(record: CycleRecord): Promise<void>;
  component(cycleId: string, type: ComponentType): Promise<ComponentRecord | undefined>;
  saveComponent(record: ComponentRecord, history: ComponentHistoryEntry): Promise<void>;
  conversation(conversationId: string): Promise<ConversationRecord | undefined>;
  saveConversation(record: ConversationRecord): Promise<void>;
  analysis(cycleId: string): Promise<AnalysisRecord | undefined>;
  saveAnalysis(record: AnalysisRecord): Promise<void>;
}

/** The read model for one batch of events (in the caller's transaction): what the batch changed is written by `flush`. */
export interface ReadModelBatch extends ReadModelStore {
  flush(): Promise<void>;
}
