import type { CycleView } from '../../cycle.view';
import { Command } from '@nestjs/cqrs';

export class ArchiveCycleCommand extends Command<CycleView> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}
