import type { AnalysisKind } from '../domain/analysis-kind';

export interface AnalysisResultRow {
  cycleId: string;
  sessionId: string;
  kind: AnalysisKind;
  sourceEventId: string;
  /** The per-cycle sequence of the component.completed the result was computed from. */
  sourceSequence: number;
  /** The computed event's payload. */
  result: Record<string, unknown>;
  computedAt: Date;
}

/** The latest result per (cycle, kind); implemented in infrastructure. */
export abstract class AnalysisResults {
  /**
   * Stores the result unless the stored one was computed from the same or a later completion; true when stored.
   * Runs in the ambient transaction.
   */
  abstract replaceIfNewer(row: AnalysisResultRow): Promise<boolean>;
}
