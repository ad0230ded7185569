import { ComponentResolver } from './component-resolution';
import { MessageStats } from './message-stats';
import type { AnalysisRecord, ComponentHistoryEntry, ComponentRecord, ConversationRecord, CycleRecord, SessionRecord } from './read-model';
import type { SequencePosition } from './sequence-position';

/** Everything stored about one session: what every view of it is built from. */
export interface SessionRecords {
  session: SessionRecord;
  cycles: CycleRecord[];
  components: ComponentRecord[];
  history: ComponentHistoryEntry[];
  conversations: ConversationRecord[];
  analyses: AnalysisRecord[];
  /** The last applied sequence of each (producer, aggregate) of the session, read with the records. */
  positions: SequencePosition[];
}

/** The records of one session with the derived lookups the views share. */
export class SessionSnapshot {
  readonly resolver: ComponentResolver;
  readonly messages: MessageStats;
  private readonly analysisByCycle: Map<string, AnalysisRecord>;

  constructor(readonly records: SessionRecords) {
    this.resolver = new ComponentResolver(records.cycles, records.components, records.history);
    this.messages = new MessageStats(records.conversations);
    this.analysisByCycle = new Map(records.analyses.map((a) => [a.cycle_id, a]));
  }

  get session(): SessionRecord {
    return this.records.session;
  }

  cycle(cycleId: string): CycleRecord | undefined {
    return this.records.cycles.find((c) => c.cycle_id === cycleId);
  }

  analysis(cycleId: string): AnalysisRecord | undefined {
    return this.analysisByCycle.get(cycleId);
  }

  /** Oldest first (creation time, then id), so lists and trees come out the same on every read and rebuild. */
  orderedCycles(): CycleRecord[] {
    return [...this.records.cycles].sort(
      (a, b) => (a.created_at ?? a.updated_at).localeCompare(b.created_at ?? b.updated_at) || a.cycle_id.localeCompare(b.cycle_id),
    );
  }

  /** The latest change of anything in the session (event times). */
  lastUpdatedAt(): string {
    const { session, cycles, components, conversations, analyses } = this.records;
    const times = [session, ...cycles, ...components, ...conversations, ...analyses].map((r) => r.updated_at);
    return times.reduce((latest, t) => (Date.parse(t) > Date.parse(latest) ? t : latest), session.updated_at);
  }
}
