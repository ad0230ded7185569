import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { OnStreamEvent, TypedEvent } from '@choice-sherpa/events';
import { RecomputeAnalysisCommand } from '../application/recompute-analysis/recompute-analysis.command';
import { RecomputeAnalysisHandler } from '../application/recompute-analysis/recompute-analysis.handler';

/** The processed_events key of the branch consumer. */
export const BRANCH_ANALYSIS_HANDLER = 'compute-analysis-when-cycle-branched';

/**
 * Thin, a batch handler: a branch that copied consequences and/or decision_quality complete gets its own Pugh / DQ
 * results (and the analysis.* events), computed from the copied outputs in the read's one idempotent transaction;
 * any other branch is skipped. A batch that throws comes again one event at a time (retries, dead letters).
 */
@Controller()
export class CycleBranchedConsumer {
  constructor(private readonly recompute: RecomputeAnalysisHandler) {}

  @OnStreamEvent('cycle.branched', { handler: BRANCH_ANALYSIS_HANDLER, batch: true })
  async onCycleBranched(@Payload() events: TypedEvent<'cycle.branched'>[]): Promise<void> {
    const commands = events.flatMap((event) => RecomputeAnalysisCommand.fromBranch(event));
    if (commands.length === 0) return;
    // in the ambient transaction: the transport's idempotent one for this read
    for (const command of commands) await this.recompute.execute(command);
  }
}
