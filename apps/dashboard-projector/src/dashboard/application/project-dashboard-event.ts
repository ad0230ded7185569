import { Injectable, Logger } from '@nestjs/common';
import type { AnyEvent } from '@choice-sherpa/events';
import { ProjectionOutcome, projectEvent } from '../domain/project-event';
import type { ReadModelBatch } from '../domain/read-model.store';
import { projectedEvents, sequenceGaps } from './projection.metrics';

/** Applies events to the read model in the caller's transaction; logs ids and types only. */
@Injectable()
export class ProjectDashboardEvent {
  private readonly logger = new Logger('DashboardProjection');

  /**
   * Applies `events` in order (the stream's: per-aggregate order holds) to `store`, which holds the records they touch,
   * then writes what changed; the outcome is that of applying them one by one.
   */
  async executeBatch(store: ReadModelBatch, events: AnyEvent[]): Promise<ProjectionOutcome[]> {
    const outcomes: ProjectionOutcome[] = [];
    for (const event of events) outcomes.push(this.observe(event, await projectEvent(store, event)));
    await store.flush();
    return outcomes;
  }

  private observe(event: AnyEvent, outcome: ProjectionOutcome): ProjectionOutcome {
    projectedEvents.inc({ event_type: event.event_type, outcome: outcome.kind });
    if (outcome.kind === 'applied' || outcome.kind === 'not_projected') return outcome;
    const ids = { event_id: event.event_id, event_type: event.event_type, aggregate_type: event.aggregate_type, aggregate_id: event.aggregate_id, sequence: event.sequence };
    if (outcome.kind === 'applied_after_gap') {
      sequenceGaps.inc({ event_type: event.event_type });
      this.logger.warn({ msg: 'sequence gap: predecessor missing, event applied anyway', ...ids, expected_sequence: outcome.gap.expected, source: outcome.gap.source });
    } else {
      this.logger.debug?.({ msg: 'stale event ignored', ...ids, last_sequence: outcome.last });
    }
    return outcome;
  }
}
