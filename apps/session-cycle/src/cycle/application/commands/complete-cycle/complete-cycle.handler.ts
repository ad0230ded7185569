import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TierLimitsReader } from '../../../../membership/application/tier-limits.reader';
import { CycleRepository } from '../../cycle-repository.port';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { CompleteCycleCommand } from './complete-cycle.command';

@CommandHandler(CompleteCycleCommand)
export class CompleteCycleHandler implements ICommandHandler<CompleteCycleCommand> {
  constructor(
    private readonly change: OwnedCycleChange,
    private readonly cycles: CycleRepository,
    private readonly tiers: TierLimitsReader,
  ) {}

  execute({ userId, cycleId }: CompleteCycleCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, async (cycle, tx) => {
      // The DQ score analysis reported for this cycle, if it arrived (analysis.dq_computed); null otherwise.
      const dqScore = await this.cycles.dqScoreOf(cycleId);
      cycle.complete(await this.tiers.limitsFor(userId), dqScore);
    });
  }
}
