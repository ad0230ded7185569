import { Injectable, Logger } from '@nestjs/common';
import type { AnyEvent } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import { ProjectionOutcome, projectEvent } from '../domain/project-event';
import { PgReadModelStore } from '../infrastructure/pg-read-model.store';
import { projectedEvents, sequenceGaps } from './projection.metrics';

/** Applies one event to the read model in the caller's transaction; logs ids and types only. */
@Injectable()
export class ProjectDashboardEvent {
  private readonly logger = new Logger('DashboardProjection');

  async execute(manager: EntityManager, event: AnyEvent): Promise<ProjectionOutcome> {
    const outcome = await projectEvent(new PgReadModelStore(manager), event);
    projectedEvents.inc({ event_type: event.event_type, outcome: outcome.kind });
    const ids = { event_id: event.event_id, event_type: event.event_type, aggregate_type: event.aggregate_type, aggregate_id: event.aggregate_id, sequence: event.sequence };
    if (outcome.kind === 'applied_after_gap') {
      sequenceGaps.inc({ event_type: event.event_type });
      this.logger.warn({ msg: 'sequence gap: predecessor missing, event applied anyway', ...ids, expected_sequence: outcome.gap.expected, source: outcome.gap.source });
    } else if (outcome.kind === 'stale') {
      this.logger.debug?.({ msg: 'stale event ignored', ...ids, last_sequence: outcome.last });
    }
    return outcome;
  }
}
