import type { CycleResponse } from '../../../interface/cycle.response';
import type { ComponentType } from '@choice-sherpa/events';
import { Command } from '@nestjs/cqrs';

export class BranchCycleCommand extends Command<CycleResponse> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
    readonly branchPoint: ComponentType,
  ) {
    super();
  }
}
