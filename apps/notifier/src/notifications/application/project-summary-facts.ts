import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@choice-sherpa/events';
import { alternativeNames, branchInheritsAlternatives } from '../domain/alternative-names';
import { bestAlternative } from '../domain/best-alternative';
import { PROJECTION_STORE, ProjectionStore, Tx } from './ports';

export type SummaryFactEvent = EventOf<
  'session.created' | 'session.renamed' | 'cycle.branched' | 'component.output_updated' | 'component.completed' | 'analysis.pugh_computed'
>;

/** Keeps what a cycle summary shows: the session's owner and title, the cycle's best alternative and the names. */
@Injectable()
export class ProjectSummaryFacts {
  constructor(@Inject(PROJECTION_STORE) private readonly projections: ProjectionStore) {}

  async execute(tx: Tx, event: SummaryFactEvent): Promise<void> {
    switch (event.event_type) {
      case 'session.created':
        return this.projections.recordSession(tx, { sessionId: event.payload.session_id, userId: event.payload.user_id, title: event.payload.title, sequence: event.sequence });
      case 'session.renamed':
        // Owner from the command's user when session.created was never seen (only the owner may rename).
        return this.projections.recordSession(tx, { sessionId: event.payload.session_id, userId: event.metadata.user_id, title: event.payload.new_title, sequence: event.sequence });
      case 'cycle.branched':
        return this.projections.recordBranch(tx, {
          cycleId: event.payload.cycle_id, parentCycleId: event.payload.parent_cycle_id, inheritsAlternatives: branchInheritsAlternatives(event.payload),
        });
      case 'component.output_updated':
      case 'component.completed':
        if (event.payload.component_type !== 'alternatives') return;
        return this.projections.recordAlternativeNames(tx, { cycleId: event.payload.cycle_id, names: alternativeNames(event.payload.output), sequence: event.sequence });
      case 'analysis.pugh_computed':
        // The worker's own best when it sends one; events written before it did are worked out by the same rule.
        return this.projections.recordPugh(tx, {
          cycleId: event.payload.cycle_id,
          bestAlternativeId: event.payload.best_alternative_id !== undefined ? event.payload.best_alternative_id : bestAlternative(event.payload.scores),
          computedAt: event.payload.computed_at,
        });
    }
  }
}
