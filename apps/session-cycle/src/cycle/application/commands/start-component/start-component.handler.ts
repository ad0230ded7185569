import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TierLimitsReader } from '../../../../membership/application/tier-limits.reader';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { StartComponentCommand } from './start-component.command';

@CommandHandler(StartComponentCommand)
export class StartComponentHandler implements ICommandHandler<StartComponentCommand> {
  constructor(
    private readonly change: OwnedCycleChange,
    private readonly tiers: TierLimitsReader,
  ) {}

  execute({ userId, cycleId, componentType }: StartComponentCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, async (cycle, tx) => {
      cycle.startComponent(componentType, await this.tiers.limitsFor(userId));
    });
  }
}
