import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { ArchiveCycleCommand } from './archive-cycle.command';

@CommandHandler(ArchiveCycleCommand)
export class ArchiveCycleHandler implements ICommandHandler<ArchiveCycleCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId }: ArchiveCycleCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, (cycle) => cycle.archive());
  }
}
