import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleResponse } from '../../../interface/cycle.response';
import { ArchiveCycleCommand } from './archive-cycle.command';

@CommandHandler(ArchiveCycleCommand)
export class ArchiveCycleHandler implements ICommandHandler<ArchiveCycleCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId }: ArchiveCycleCommand): Promise<CycleResponse> {
    return this.change.run(userId, cycleId, (cycle) => cycle.archive());
  }
}
