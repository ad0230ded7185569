import type { ComponentType } from '@choice-sherpa/events';

export type ExtractionOutcome = 'applied' | 'ignored';

/** What became of one conversation.data_extracted event. */
export interface DataExtractionRecord {
  eventId: string;
  conversationId: string;
  cycleId: string;
  componentType: ComponentType;
  outcome: ExtractionOutcome;
  reason: string | null;
}

/** The outcomes of extracted data, one per event; implemented in infrastructure. */
export abstract class DataExtractionRecords {
  /** Records the outcome, recorded at now; an event already recorded keeps its first record. */
  abstract record(record: DataExtractionRecord): Promise<void>;
}
