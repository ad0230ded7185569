import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleView } from '../../cycle.view';
import { UpdateComponentOutputCommand } from './update-component-output.command';

@CommandHandler(UpdateComponentOutputCommand)
export class UpdateComponentOutputHandler implements ICommandHandler<UpdateComponentOutputCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId, componentType, output }: UpdateComponentOutputCommand): Promise<CycleView> {
    return this.change.run(userId, cycleId, (cycle) => {
      cycle.updateComponentOutput(componentType, output);
    });
  }
}
