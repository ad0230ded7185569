import type { EventMetadata, TypedEvent } from '@choice-sherpa/events';
import { AnalysedComponent, isAnalysedComponent } from '../../domain/analysis-kind';

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
    return new RecomputeAnalysisCommand(cycle_id, session_id, component, output, sourceOf(event));
  }

  /**
   * A branch's own results: one command per consequences / decision_quality the branch copied complete, from the
   * output it was copied with, ordered by the cycle.branched's sequence in the branch (so a later completion in the
   * branch wins). A copy not complete, or listed without its output (an older producer), has nothing to analyse.
   */
  static fromBranch(event: TypedEvent<'cycle.branched'>): RecomputeAnalysisCommand[] {
    const { cycle_id, session_id, copied_components = [] } = event.payload;
    return copied_components.flatMap(({ component_type, status, output }) =>
      isAnalysedComponent(component_type) && status === 'complete' && output !== undefined
        ? [new RecomputeAnalysisCommand(cycle_id, session_id, component_type, output, sourceOf(event))]
        : [],
    );
  }
}

function sourceOf(event: TypedEvent<'component.completed' | 'cycle.branched'>): RecomputeAnalysisCommand['source'] {
  return { eventId: event.event_id, sequence: event.sequence, metadata: event.metadata };
}
