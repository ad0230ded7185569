import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TierLimitsReader } from '../../../../membership/infrastructure/tier-limits.reader';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleResponse } from '../../../interface/cycle.response';
import { StartComponentCommand } from './start-component.command';

@CommandHandler(StartComponentCommand)
export class StartComponentHandler implements ICommandHandler<StartComponentCommand> {
  constructor(
    private readonly change: OwnedCycleChange,
    private readonly tiers: TierLimitsReader,
  ) {}

  execute({ userId, cycleId, componentType }: StartComponentCommand): Promise<CycleResponse> {
    return this.change.run(userId, cycleId, async (cycle, tx) => {
      cycle.startComponent(componentType, await this.tiers.limitsFor(tx.manager, userId));
    });
  }
}
