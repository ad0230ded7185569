import type { CycleResponse } from '../../../interface/cycle.response';
import { Command } from '@nestjs/cqrs';

export class ArchiveCycleCommand extends Command<CycleResponse> {
  constructor(
    readonly userId: string,
    readonly cycleId: string,
  ) {
    super();
  }
}
