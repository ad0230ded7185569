import type { EventMetadata, TypedEvent } from '@choice-sherpa/events';
import type { AnalysedComponent } from '../../domain/analysis-kind';

/** Recompute the analysis of a cycle from a completed consequences or decision_quality component. */
export class RecomputeAnalysisCommand {
  constructor(
    readonly cycleId: string,
    readonly sessionId: string,
    readonly component: AnalysedComponent,
    readonly output: Record<string, unknown>,
    /** The component.completed it comes from: its id and metadata (the cause) and its per-cycle sequence (the order). */
    readonly source: { eventId: string; sequence: number; metadata: EventMetadata },
  ) {}

  static from(event: TypedEvent<'component.completed'>, component: AnalysedComponent): RecomputeAnalysisCommand {
    const { cycle_id, session_id, output } = event.payload;
    return new RecomputeAnalysisCommand(cycle_id, session_id, component, output, { eventId: event.event_id, sequence: event.sequence, metadata: event.metadata });
  }
}
