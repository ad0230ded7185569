import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { CompleteComponentCommand } from './complete-component.command';

@CommandHandler(CompleteComponentCommand)
export class CompleteComponentHandler implements ICommandHandler<CompleteComponentCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId, componentType }: CompleteComponentCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, (cycle) => cycle.completeComponent(componentType));
  }
}
