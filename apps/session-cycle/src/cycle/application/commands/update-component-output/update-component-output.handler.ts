import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OwnedCycleChange } from '../../owned-cycle-change';
import type { CycleResponse } from '../../../interface/cycle.response';
import { UpdateComponentOutputCommand } from './update-component-output.command';

@CommandHandler(UpdateComponentOutputCommand)
export class UpdateComponentOutputHandler implements ICommandHandler<UpdateComponentOutputCommand> {
  constructor(private readonly change: OwnedCycleChange) {}

  execute({ userId, cycleId, componentType, output }: UpdateComponentOutputCommand): Promise<CycleResponse> {
    return this.change.run(userId, cycleId, (cycle) => {
      cycle.updateComponentOutput(componentType, output);
    });
  }
}
