import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleResponse } from '../../../interface/cycle.response';
import { CompleteComponentCommand } from './complete-component.command';

@CommandHandler(CompleteComponentCommand)
export class CompleteComponentHandler implements ICommandHandler<CompleteComponentCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId, componentType }: CompleteComponentCommand): Promise<CycleResponse> {
    return this.change.run(userId, cycleId, (cycle) => cycle.completeComponent(componentType));
  }
}
