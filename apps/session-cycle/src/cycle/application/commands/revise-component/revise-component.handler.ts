import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { ReviseComponentCommand } from './revise-component.command';

@CommandHandler(ReviseComponentCommand)
export class ReviseComponentHandler implements ICommandHandler<ReviseComponentCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId, componentType, reason }: ReviseComponentCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, (cycle) => cycle.markComponentForRevision(componentType, reason));
  }
}
