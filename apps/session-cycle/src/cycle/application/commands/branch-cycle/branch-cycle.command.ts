import type { CycleView } from '../../cycle.view';
import type { ComponentType } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class BranchCycleCommand extends Command<CycleView> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
    readonly branchPoint: ComponentType,
  ) {
    super();
  }
}
