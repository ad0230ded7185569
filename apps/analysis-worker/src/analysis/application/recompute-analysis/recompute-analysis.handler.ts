import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@choice-sherpa/events';
import { ANALYSIS_SOURCES } from '../../domain/analysis-kind';
import { assessDecisionQuality } from '../../domain/dq/dq-assessment';
import { analysePugh } from '../../domain/pugh/pugh-analysis';
import { AnalysisResults } from '../analysis-results.port';
import { analysisComputations } from '../analysis.metrics';
import { AnalysisSubject, dqComputed, pughComputed } from '../analysis-events';
import { toConsequencesTable, toDqElements } from '../component-output.mappers';
import type { RecomputeAnalysisCommand } from './recompute-analysis.command';

export type RecomputeOutcome = 'recomputed' | 'stale';

/**
 * Computes the result, stores it unless a result of a later completion is already stored, and writes the computed
 * event to the outbox, all in the ambient transaction (the consumer's idempotent one, with its processed_events row,
 * which the unit of work joins). The command is data only.
 */
@Injectable()
export class RecomputeAnalysisHandler {
  private readonly logger = new Logger('RecomputeAnalysis');

  constructor(
    private readonly results: AnalysisResults,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  execute(command: RecomputeAnalysisCommand): Promise<RecomputeOutcome> {
    return this.unitOfWork.run(({ publish }) => this.recompute(command, publish));
  }

  private async recompute(command: RecomputeAnalysisCommand, publish: (event: ReturnType<typeof pughComputed | typeof dqComputed>) => void): Promise<RecomputeOutcome> {
    const kind = ANALYSIS_SOURCES[command.component];
    const subject: AnalysisSubject = {
      cycleId: command.cycleId,
      sessionId: command.sessionId,
      cause: { event_id: command.source.eventId, metadata: command.source.metadata },
    };
    const computedAt = new Date();
    const event =
      kind === 'pugh'
        ? pughComputed(subject, analysePugh(toConsequencesTable(command.output)), computedAt)
        : dqComputed(subject, assessDecisionQuality(toDqElements(command.output)), computedAt);
    const replaced = await this.results.replaceIfNewer({
      cycleId: command.cycleId,
      sessionId: command.sessionId,
      kind,
      sourceEventId: command.source.eventId,
      sourceSequence: command.source.sequence,
      result: event.payload,
      computedAt,
    });
    const outcome: RecomputeOutcome = replaced ? 'recomputed' : 'stale';
    analysisComputations.inc({ kind, outcome });
    if (!replaced) {
      this.logger.log({ msg: 'stale completion: a later one was already analysed', kind, cycle_id: command.cycleId, source_event_id: command.source.eventId, source_sequence: command.source.sequence });
      return outcome;
    }
    publish(event);
    return outcome;
  }
}
